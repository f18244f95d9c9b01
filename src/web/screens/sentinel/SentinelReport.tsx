// The sentinel institution's weekly report (定点報告): choose the week (this week by default, among
// those it is designated in), enter each disease's patients by age band and sex, file — zeros are a
// report — or correct until it is due; below, the recent weeks with their status.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SentinelReport, SentinelReportList } from '../../../domain/api/sentinel.ts';
import { addWeeks, parseWeekKey, weekKey, weekStart } from '../../../domain/iso-week.ts';
import { sentinelDefinitionFor } from '../../../domain/sentinel/definition.ts';
import { coversWeek } from '../../../domain/sentinel/rules.ts';
import { api } from '../../api.ts';
import { ErrorMessage, fieldError, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { CountsGrid } from '../daily-reports/CountsGrid.tsx';
import { useWeekLabel, WeekSelect } from './WeekSelect.tsx';

const KIND = 'influenza_covid';
const SHOWN_WEEKS = 12;

export function SentinelReportScreen() {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => api.get(`/api/sentinel/reports?kind=${KIND}&weeks=${SHOWN_WEEKS}`, SentinelReportList), []);
  const [week, setWeek] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const weekLabel = useWeekLabel();
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading />;
  const current = parseWeekKey(list.data.currentWeek)!;
  const weeks = Array.from({ length: SHOWN_WEEKS }, (_, i) => addWeeks(current, -i)).filter((w) => list.data!.designations.some((d) => coversWeek(d, w)));
  const keys = weeks.map(weekKey);
  const shown = week ?? keys[0] ?? null;
  const report = list.data.reports.find((r) => r.week === shown) ?? null;
  const diseases = sentinelDefinitionFor(KIND, weekStart(current))?.diseases ?? [];
  return (
    <>
      <h1>{t('sn.reportTitle')}</h1>
      {shown === null ? (
        <p>{t('sn.notDesignated')}</p>
      ) : (
        <>
          <WeekSelect
            label={t('sn.week')}
            help={t('sn.weekHelp')}
            weeks={keys}
            value={shown}
            onWeek={(w) => {
              setDone(null);
              setWeek(w);
            }}
          />
          <WeekForm
            key={`${shown}-${report?.version ?? 0}`}
            week={shown}
            report={report}
            onSaved={async (message) => {
              await list.reload();
              setDone(message);
            }}
          />
        </>
      )}
      <Done message={done} />
      <table>
        <caption>{t('sn.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.week')}</th>
            {diseases.map((d) => (
              <th scope="col" key={d.code}>
                {localized(d.short)}
              </th>
            ))}
            <th scope="col">{t('dr.filedAt')}</th>
            <th scope="col">{t('sn.status')}</th>
            <th scope="col">{t('sn.version')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const r = list.data!.reports.find((x) => x.week === k);
            return (
              <tr key={k}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => {
                      setDone(null);
                      setWeek(k);
                    }}>
                    {weekLabel(k)}
                  </button>
                </th>
                {diseases.map((d) => (
                  <td key={d.code}>{r ? r.totals[d.code] : '—'}</td>
                ))}
                <td>{r ? formatDateTime(r.filedAt, i18n.language) : '—'}</td>
                <td>{r ? (r.late ? t('sn.late') : t('sn.onTime')) : t('sn.notFiled')}</td>
                <td>{r?.version ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}

/** One week's counts: a new report, a correction until it is due, or read only afterwards. */
function WeekForm({ week, report, onSaved }: { week: string; report: z.infer<typeof SentinelReport> | null; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  const def = sentinelDefinitionFor(KIND, weekStart(parseWeekKey(week)!));
  const [counts, setCounts] = useState<Record<string, Record<string, number>>>(report?.counts ?? {});
  const action = useAction();
  if (!def) return <p>{t('dr.noForm')}</p>;
  const editable = !report || report.correctable;
  const submit = action.run(
    async (form) => {
      if (report) {
        const reason = String(form.get('reason') ?? '').trim() || null;
        await api.patch(`/api/sentinel/reports/${report.id}`, { counts, reason, version: report.version }, SentinelReport);
        await onSaved(t('sn.corrected'));
        return;
      }
      await api.post('/api/sentinel/reports', { kind: KIND, week, formVersion: def.version, counts }, SentinelReport);
      await onSaved(t('sn.filed'));
    },
    { keep: true },
  );
  return (
    <form onSubmit={submit} noValidate>
      <ErrorBox error={action.error} />
      {!report && <p>{t('sn.zeroHelp')}</p>}
      {def.diseases.map((d) => (
        <CountsGrid
          key={d.code}
          grid={def}
          caption={t('sn.gridCaption', { disease: localized(d), what: localized(def.counts), version: def.version })}
          counts={counts[d.code] ?? {}}
          onChange={editable ? (c) => setCounts({ ...counts, [d.code]: c }) : null}
          error={action.error}
          path={`counts.${d.code}`}
        />
      ))}
      {report && !report.correctable && <p>{t('sn.closed')}</p>}
      {report && report.correctable && <TextAreaField label={t('sn.reason')} name="reason" maxLength={1000} rows={2} error={fieldError(action.error, 'reason')} />}
      {editable && (
        <button type="submit" disabled={action.busy}>
          {report ? t('sn.correct') : t('sn.file')}
        </button>
      )}
    </form>
  );
}
