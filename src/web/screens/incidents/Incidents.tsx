// The leak-incident register: the incidents of the officer's tree, and the alerts confirmed as
// misuse that still wait for an incident (one click opens the form with the alert linked).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { IncidentRegister } from '../../../domain/api/incidents.ts';
import { STATUS_LABELS } from '../../../domain/privacy/incidents.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';

export function IncidentsScreen() {
  const { t, i18n } = useTranslation();
  const register = useLoad(() => api.get('/api/incidents', IncidentRegister), []);
  if (register.error) return <ErrorMessage error={register.error} />;
  if (!register.data) return <Loading />;
  const { incidents, confirmedWithoutIncident: waiting } = register.data;
  return (
    <>
      <h1>{t('inc.title')}</h1>
      <p>
        <Link to="/incidents/new">{t('inc.new')}</Link>
      </p>
      <table>
        <caption>{t('inc.title')}（{t('common.total', { count: incidents.length })}）</caption>
        <thead>
          <tr>
            <th scope="col">{t('inc.discoveredAt')}</th>
            <th scope="col">{t('inc.org')}</th>
            <th scope="col">{t('inc.summary')}</th>
            <th scope="col">{t('inc.personCount')}</th>
            <th scope="col">{t('inc.status')}</th>
          </tr>
        </thead>
        <tbody>
          {incidents.map((i) => (
            <tr key={i.id}>
              <td>{formatDateTime(i.discoveredAt, i18n.language)}</td>
              <td>{i.orgName}</td>
              <td>
                <Link to={`/incidents/${i.id}`}>{i.summary.length > 60 ? `${i.summary.slice(0, 60)}…` : i.summary}</Link>
              </td>
              <td>{i.personCount ?? '—'}</td>
              <td>{localized(STATUS_LABELS[i.status])}</td>
            </tr>
          ))}
          {!incidents.length && (
            <tr>
              <td colSpan={5}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
      <h2>{t('inc.waiting')}</h2>
      {waiting.length ? (
        <ul>
          {waiting.map((a) => (
            <li key={a.id}>
              {a.day ?? '—'} {a.subjectLoginId ?? '—'}（{a.source}）{' '}
              <Link to={`/incidents/new?alert=${a.id}`}>{t('inc.fromAlert')}</Link>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('common.none')}</p>
      )}
    </>
  );
}
