// A week's counts of a sentinel report, one grid per disease of the form: a new report, a
// correction for whoever may correct it now (the institution until it is due, the prefecture later
// with a reason), or read only.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SentinelReport } from '../../../domain/api/sentinel.ts';
import { parseWeekKey, weekStart } from '../../../domain/iso-week.ts';
import { sentinelDefinition, sentinelDefinitionFor } from '../../../domain/sentinel/definition.ts';
import { api } from '../../api.ts';
import { fieldError, TextAreaField } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, useAction } from '../case/shared.tsx';
import { CountsGrid } from '../daily-reports/CountsGrid.tsx';

export const KIND = 'influenza_covid';

/** One week's counts: a new report, a correction until it is due, or read only afterwards. */
export function WeekForm({ week, report, onSaved }: { week: string; report: z.infer<typeof SentinelReport> | null; onSaved: (message: string) => Promise<void> }) {
  const { t } = useTranslation();
  // A filed report keeps the version it was filed under; a new one takes the week's.
  const def = report ? sentinelDefinition(report.kind, report.formVersion) : sentinelDefinitionFor(KIND, weekStart(parseWeekKey(week)!));
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
