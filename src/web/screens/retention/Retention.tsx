// Retention (issue 14): the period, what is due next and the job's runs, for the privacy officer and
// the ministry's or a prefecture's administrator. Counts only: no person is named here.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { RetentionOverview } from '../../../domain/api/retention.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';

type Run = z.infer<typeof RetentionOverview>['runs'][number];

function RunRow({ r }: { r: Run }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <tr>
      <td>{formatDateTime(r.startedAt, lang)}</td>
      <td>{formatDateTime(r.finishedAt, lang)}</td>
      <td>{r.dryRun ? t('ret.dryRun') : t('ret.realRun')}</td>
      <td>{t(`ret.by.${r.triggeredBy}`)}</td>
      <td>{r.retentionYears}</td>
      <td>{r.personsDue}</td>
      <td>{r.personsProcessed}</td>
      <td>{r.auditRowsRedacted}</td>
      <td>{r.auditRowsKept}</td>
      <td>{r.failed ? t('ret.failed') : r.finishedAt ? t('ret.ok') : t('ret.running')}</td>
    </tr>
  );
}

export function RetentionScreen() {
  const { t, i18n } = useTranslation();
  const [data, setData] = useState<z.infer<typeof RetentionOverview> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get('/api/retention', RetentionOverview).then(setData, setError);
  }, []);
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Loading />;
  return (
    <>
      <h1>{t('ret.title')}</h1>
      <p>{t('ret.help')}</p>
      <ul>
        <li>{t('ret.period', { years: data.retentionYears })}</li>
        <li>{data.enabled ? t('ret.enabled') : t('ret.disabled')}</li>
      </ul>
      <section aria-labelledby="ret-due">
        <h2 id="ret-due">{t('ret.dueTitle')}</h2>
        <p>{t('ret.dueNow', { count: data.dueNow })}</p>
        <p>{data.nextDueOn ? t('ret.nextDue', { date: formatDate(data.nextDueOn, i18n.language) }) : t('ret.noneNext')}</p>
      </section>
      <table>
        <caption>{t('ret.runsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ret.startedAt')}</th>
            <th scope="col">{t('ret.finishedAt')}</th>
            <th scope="col">{t('ret.kind')}</th>
            <th scope="col">{t('ret.by')}</th>
            <th scope="col">{t('ret.years')}</th>
            <th scope="col">{t('ret.due')}</th>
            <th scope="col">{t('ret.processed')}</th>
            <th scope="col">{t('ret.redacted')}</th>
            <th scope="col">{t('ret.kept')}</th>
            <th scope="col">{t('ret.result')}</th>
          </tr>
        </thead>
        <tbody>
          {data.runs.map((r) => (
            <RunRow key={r.id} r={r} />
          ))}
          {!data.runs.length && (
            <tr>
              <td colSpan={10}>{t('ret.noRuns')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
