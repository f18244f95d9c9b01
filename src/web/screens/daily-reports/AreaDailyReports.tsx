// The health centre's (or prefecture's) day: every institution of the area with its report on time,
// late or missing, the overlap flags to confirm, and whether it is expected to report daily.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AreaDailyReports, ExpectedAnswer } from '../../../domain/api/daily-reports.ts';
import { OVERLAP_LABELS } from '../../../domain/daily-reports/overlap.ts';
import { ageBandLabel } from '../../../domain/statistics/age-bands.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { ErrorBox, useLoad } from '../case/shared.tsx';
import { DayPicker } from './DayPicker.tsx';

const STATUS_KEYS = { on_time: 'dr.onTime', late: 'dr.late', missing: 'dr.missing', not_expected: 'common.none' } as const;

export function AreaDailyReportsScreen() {
  const { t, i18n } = useTranslation();
  const [day, setDay] = useState<string | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const area = useLoad(() => api.get(`/api/daily-reports/area${query({ day })}`, AreaDailyReports), [day]);
  if (area.error) return <ErrorMessage error={area.error} />;
  if (!area.data) return <Loading />;
  const toggle = async (institutionId: string, expected: boolean) => {
    setError(null);
    try {
      await api.put(`/api/daily-reports/expected/${institutionId}`, { expected }, ExpectedAnswer);
      await area.reload();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <h1>{t('dr.areaTitle')}</h1>
      <p>{t('dr.areaHelp')}</p>
      <DayPicker day={area.data.day} onDay={setDay} />
      <ErrorBox error={error} />
      <table>
        <caption>
          {t('dr.areaTitle')} {formatDate(area.data.day, i18n.language)}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('dr.institution')}</th>
            <th scope="col">{t('dr.status')}</th>
            <th scope="col">{t('dr.total')}</th>
            <th scope="col">{t('dr.filedAt')}</th>
            <th scope="col">{t('dr.notified')}</th>
            <th scope="col">{t('dr.overlap')}</th>
            <th scope="col">{t('dr.expected')}</th>
          </tr>
        </thead>
        <tbody>
          {area.data.rows.map((r) => (
            <tr key={r.institutionId} className={r.status === 'missing' || r.overlap.length ? 'flagged' : undefined}>
              <th scope="row">{localized(r.institutionName)}</th>
              <td>{t(STATUS_KEYS[r.status])}</td>
              <td>{r.report ? <Link to={`/daily-reports/${r.report.id}`} aria-label={`${r.report.total}（${localized(r.institutionName)} ${t('dr.open')}）`}>{r.report.total}</Link> : '—'}</td>
              <td>{r.report ? formatDateTime(r.report.filedAt, i18n.language) : '—'}</td>
              <td>{Object.values(r.notifiedByBand).reduce((a, b) => a + b, 0)}</td>
              <td>
                {r.overlap.length ? (
                  <ul>
                    {r.overlap.map((f) => (
                      <li key={f.ageBand}>
                        {localized(ageBandLabel(f.ageBand))}: {localized(OVERLAP_LABELS[f.kind])}（{f.aggregate} / {f.notified}）
                      </li>
                    ))}
                  </ul>
                ) : (
                  '—'
                )}
              </td>
              <td>
                <button type="button" onClick={() => void toggle(r.institutionId, !r.expected)} aria-label={`${localized(r.institutionName)}: ${r.expected ? t('dr.unexpect') : t('dr.expect')}`}>
                  {r.expected ? t('dr.unexpect') : t('dr.expect')}
                </button>
              </td>
            </tr>
          ))}
          {!area.data.rows.length && (
            <tr>
              <td colSpan={7}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
