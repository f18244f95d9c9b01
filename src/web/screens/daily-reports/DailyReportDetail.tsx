// One report: its counts, the history of its filing and corrections with their reasons, and — for
// whoever may correct it now (the institution on its day, the prefecture any day) — the correction.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { DailyReport, DailyReportDetail } from '../../../domain/api/daily-reports.ts';
import { dailyReportDefinition } from '../../../domain/daily-reports/definition.ts';
import { api } from '../../api.ts';
import { ErrorMessage, fieldError, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { CountsGrid } from './CountsGrid.tsx';

export function DailyReportDetailScreen() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const report = useLoad(() => api.get(`/api/daily-reports/${id}`, DailyReportDetail), [id]);
  const [done, setDone] = useState<string | null>(null);
  if (report.error) return <ErrorMessage error={report.error} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const def = dailyReportDefinition(r.formVersion);
  return (
    <>
      <h1>
        {t('dr.title')}: {localized(r.institutionName)} {formatDate(r.reportDate, i18n.language)}
      </h1>
      <p>
        {t('dr.filedAt')}: {formatDateTime(r.filedAt, i18n.language)}（{r.late ? t('dr.late') : t('dr.onTime')}）
      </p>
      {def && (
        <Correction
          key={r.version}
          report={r}
          onSaved={async () => {
            await report.reload();
            setDone(t('dr.corrected'));
          }}
        />
      )}
      <Done message={done} />
      <table>
        <caption>{t('dr.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dr.version')}</th>
            <th scope="col">{t('dr.changedAt')}</th>
            <th scope="col">{t('dr.changedBy')}</th>
            <th scope="col">{t('dr.total')}</th>
            <th scope="col">{t('dr.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {r.changes.map((c) => (
            <tr key={c.version}>
              <td>
                {c.version}（{c.kind === 'filed' ? t('dr.kindFiled') : t('dr.kindCorrected')}）
              </td>
              <td>{formatDateTime(c.changedAt, i18n.language)}</td>
              <td>{[c.changedByOrgName && localized(c.changedByOrgName), c.changedByName].filter(Boolean).join(' ')}</td>
              <td>{Object.values(c.counts).reduce((a, b) => a + b, 0)}</td>
              <td>{c.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function Correction({ report, onSaved }: { report: { id: string; version: number; formVersion: string; counts: Record<string, number>; correctable: boolean }; onSaved: () => Promise<void> }) {
  const { t } = useTranslation();
  const def = dailyReportDefinition(report.formVersion)!;
  const [counts, setCounts] = useState(report.counts);
  const action = useAction();
  const submit = action.run(
    async (form) => {
      const reason = String(form.get('reason') ?? '').trim() || null;
      await api.patch(`/api/daily-reports/${report.id}`, { counts, reason, version: report.version }, DailyReport);
      await onSaved();
    },
    { keep: true },
  );
  if (!report.correctable) return <CountsGrid grid={def} caption={t('dr.gridCaption', { what: localized(def.counts), version: def.version })} counts={report.counts} onChange={null} error={null} />;
  return (
    <form onSubmit={submit} noValidate>
      <ErrorBox error={action.error} />
      <CountsGrid grid={def} caption={t('dr.gridCaption', { what: localized(def.counts), version: def.version })} counts={counts} onChange={setCounts} error={action.error} />
      <TextAreaField label={t('dr.reason')} name="reason" maxLength={1000} rows={2} error={fieldError(action.error, 'reason')} />
      <button type="submit" disabled={action.busy}>
        {t('dr.correct')}
      </button>
    </form>
  );
}
