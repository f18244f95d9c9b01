// /registrations: the follow-up centre's list of 陽性者登録 — masked, oldest waiting first — and
// /registrations/:id, one registration opened (RegistrationDetail.tsx).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { SelfRegistrationList } from '../../../domain/api/self-registration.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { loadSelfRegisterTexts } from '../self-register/ui-text.ts';

type Row = z.infer<typeof SelfRegistrationList>['registrations'][number];
const STATUSES = ['submitted', 'accepted', 'rejected'] as const;

export function RegistrationsScreen() {
  const { t, i18n } = useTranslation();
  const [ready, setReady] = useState(false);
  const [status, setStatus] = useState<(typeof STATUSES)[number]>('submitted');
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    void loadSelfRegisterTexts().then(() => setReady(true));
  }, []);
  useEffect(() => {
    setRows(null);
    api.get(`/api/self-registrations${query({ status })}`, SelfRegistrationList).then((r) => setRows(r.registrations), setError);
  }, [status]);
  if (!ready) return <Loading />;
  const lang = i18n.language;
  return (
    <>
      <h1>{t('rg.title')}</h1>
      <SelectField
        label={t('rg.status')}
        value={status}
        onChange={(e) => setStatus(e.currentTarget.value as typeof status)}
        options={STATUSES.map((s) => ({ value: s, label: t(`srstatus.${s}`) }))}
      />
      <ErrorMessage error={error} />
      {!rows ? (
        !error && <Loading />
      ) : rows.length === 0 ? (
        <p>{t('rg.empty')}</p>
      ) : (
        <table>
          <caption>{t('rg.title')}</caption>
          <thead>
            <tr>
              {['reference', 'name', 'sex', 'age', 'testDate', 'symptomatic', 'risks', 'submitted'].map((c) => (
                <th key={c} scope="col">
                  {t(`rg.col.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <td>
                  <Link to={`/registrations/${r.id}`}>{r.reference}</Link>
                </td>
                <td>{r.maskedName}</td>
                <td>{t(`sr.sex.${r.sex}`)}</td>
                <td>{localized(r.ageBand)}</td>
                <td>{formatDate(r.testDate, lang)}</td>
                <td>{r.symptomatic ? t('rg.yes') : t('rg.no')}</td>
                <td>{r.riskFactorCount}</td>
                <td>{formatDateTime(r.submittedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
