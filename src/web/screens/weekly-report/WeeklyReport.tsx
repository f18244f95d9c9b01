// 週報 (issue 16): the weekly surveillance report of the notifiable diseases for a week (by default
// the last complete one) and an area (the ministry any prefecture; others their own or the nation):
// the table by category and disease, this week's cases by age group, the last 12 weeks of a chosen
// disease as a chart with its table, the per-sentinel averages of the インフルエンザ/COVID-19定点, and
// the PDF and the open-data CSV. Counts only.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { WeeklyReport as WeeklyReportSchema, type WeeklyReport } from '../../../domain/api/weekly-report.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { weekKey } from '../../../domain/iso-week.ts';
import { lastCompleteWeek } from '../../../domain/weekly-report/report.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field, fieldError, SelectField } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';
import { AgeBandTable, DiseaseTable, SentinelTable } from './tables.tsx';
import { TrendChart } from './TrendChart.tsx';

interface Query {
  week: string;
  prefecture?: string;
}

export function WeeklyReportScreen() {
  const { t } = useTranslation();
  const [q, setQ] = useState<Query>({ week: weekKey(lastCompleteWeek(japanToday(new Date()))) });
  const report = useLoad(() => api.get(`/api/weekly-report${query({ ...q })}`, WeeklyReportSchema), [JSON.stringify(q)]);

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setQ({ week: String(f.get('week') ?? q.week), prefecture: f.get('prefecture') ? String(f.get('prefecture')) : undefined });
  }
  const r = report.data;
  return (
    <>
      <h1>{t('wr.title')}</h1>
      <form className="search" aria-label={t('wr.filters')} onSubmit={apply} key={`${JSON.stringify(q)}|${r?.scope.prefecture}`}>
        <Field label={t('wr.week')} name="week" type="week" required defaultValue={q.week} error={fieldError(report.error, 'week')} />
        {r && r.choices.length > 1 && (
          <SelectField
            label={t('wr.area')}
            name="prefecture"
            defaultValue={q.prefecture ?? r.scope.prefecture}
            options={r.choices.map((c) => ({ value: c.prefecture, label: localized(c.name) }))}
          />
        )}
        <button type="submit">{t('wr.show')}</button>
      </form>
      <ErrorMessage error={report.error} />
      {r && <Report r={r} />}
    </>
  );
}

function Report({ r }: { r: WeeklyReport }) {
  const { t } = useTranslation();
  const [year, week] = r.week.split('-W');
  const n = r.notifiable;
  const files = query({ week: r.week, prefecture: r.scope.prefecture });
  return (
    <section aria-labelledby="wr-heading">
      <h2 id="wr-heading">{t('wr.heading', { area: localized(r.scope.name), year, week: Number(week), from: r.from, to: r.to })}</h2>
      <p>{t('wr.basis')}</p>
      <p>
        <a href={`/api/weekly-report.pdf${files}`} download>
          {t('wr.downloadPdf')}
        </a>{' '}
        <a href="/api/open-data/latest/notifiable_cases_by_age_sex_weekly.csv" download>
          {t('wr.downloadCsv')}
        </a>
      </p>
      <DiseaseTable n={n} year={year} />
      {n.ageBands.length ? <AgeBandTable n={n} /> : <p>{t('wr.noCases')}</p>}
      <TrendChart n={n} />
      {r.sentinel && <SentinelTable s={r.sentinel} />}
    </section>
  );
}
