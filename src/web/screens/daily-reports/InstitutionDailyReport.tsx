// The institution's daily report: pick the day (today by default), enter its counts in the grid,
// file or — on the same day — correct them; below, the recent days with their status.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DailyReport, DailyReportList } from '../../../domain/api/daily-reports.ts';
import { dailyReportDefinitionOn } from '../../../domain/daily-reports/definition.ts';
import { api } from '../../api.ts';
import { localized } from '../../i18n.ts';
import { ErrorMessage, fieldError, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { CountsGrid } from './CountsGrid.tsx';
import { DayPicker } from './DayPicker.tsx';

export function InstitutionDailyReportScreen() {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => api.get('/api/daily-reports', DailyReportList), []);
  const [day, setDay] = useState<string | null>(null);
  // Kept here: the day's form is drawn anew with the saved report, and the confirmation stays.
  const [done, setDone] = useState<string | null>(null);
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading />;
  const shown = day ?? list.data.today;
  const report = list.data.reports.find((r) => r.reportDate === shown) ?? null;
  return (
    <>
      <h1>{t('dr.title')}</h1>
      <DayPicker
        day={shown}
        help={t('dr.dayHelp')}
        onDay={(d) => {
          setDone(null);
          setDay(d);
        }}
      />
      <DayForm
        key={`${shown}-${report?.version ?? 0}`}
        day={shown}
        report={report}
        onSaved={async (message) => {
          await list.reload();
          setDone(message);
        }}
      />
      <Done message={done} />
      <table>
        <caption>{t('dr.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dr.day')}</th>
            <th scope="col">{t('dr.total')}</th>
            <th scope="col">{t('dr.filedAt')}</th>
            <th scope="col">{t('dr.status')}</th>
            <th scope="col">{t('dr.version')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('dr.show')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {list.data.reports.map((r) => (
            <tr key={r.id}>
              <td>{formatDate(r.reportDate, i18n.language)}</td>
              <td>{r.total}</td>
              <td>{formatDateTime(r.filedAt, i18n.language)}</td>
              <td>{r.late ? t('dr.late') : t('dr.onTime')}</td>
              <td>{r.version}</td>
              <td>
                <button type="button" className="link" onClick={() => {
                    setDone(null);
                    setDay(r.reportDate);
                  }} aria-label={`${t('dr.show')} ${formatDate(r.reportDate, i18n.language)}`}>
                  {t('dr.show')}
                </button>
              </td>
            </tr>
          ))}
          {!list.data.reports.length && (
            <tr>
              <td colSpan={6}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}

/** One day's counts: a new report, a correction on its day, or read only afterwards. */
function DayForm({ day, report, onSaved }: { day: string; report: z.infer<typeof DailyReport> | null; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const def = dailyReportDefinitionOn(day);
  const [counts, setCounts] = useState<Record<string, number>>(report?.counts ?? {});
  const action = useAction();
  if (!def) return <p>{t('dr.noForm')}</p>;
  const editable = !report || report.correctable;
  const submit = action.run(
    async (form) => {
      if (report) {
        const reason = String(form.get('reason') ?? '').trim() || null;
        await api.patch(`/api/daily-reports/${report.id}`, { counts, reason, version: report.version }, DailyReport);
        await onSaved(t('dr.corrected'));
        return;
      }
      await api.post('/api/daily-reports', { reportDate: day, formVersion: def.version, counts }, DailyReport);
      await onSaved(t('dr.filed'));
    },
    { keep: true },
  );
  return (
    <form onSubmit={submit} noValidate>
      <ErrorBox error={action.error} />
      <CountsGrid grid={def} caption={t('dr.gridCaption', { what: localized(def.counts), version: def.version })} counts={counts} onChange={editable ? setCounts : null} error={action.error} />
      {report && !report.correctable && <p>{t('dr.closed')}</p>}
      {report && report.correctable && <TextAreaField label={t('dr.reason')} name="reason" maxLength={1000} rows={2} error={fieldError(action.error, 'reason')} />}
      {editable && (
        <button type="submit" disabled={action.busy}>
          {report ? t('dr.correct') : t('dr.file')}
        </button>
      )}
    </form>
  );
}
