// The counting dashboard (issue 13) for the health centre, the prefecture and the ministry: an
// area and a period, the epidemic curve stacked by a breakdown with its 7-day average, the loads,
// the area's centres or prefectures side by side, each figure with its definition and each chart
// with its table. Counts only.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Dashboard as DashboardSchema, StatisticsAreas, BREAKDOWNS, type Breakdown, type Dashboard, type StatisticsArea } from '../../../domain/api/statistics.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { addDays } from '../../../domain/contacts.ts';
import { MEASURE_DEFINITIONS, type Measure } from '../../../domain/statistics/measures.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field, fieldError, SelectField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';
import { CurveChart, LoadChart } from './charts.tsx';
import { MunicipalityTable } from './MunicipalityTable.tsx';
import { SubareaTable } from './SubareaTable.tsx';
import { TileMap } from './TileMap.tsx';


export interface Query {
  area?: string;
  from: string;
  to: string;
  basis: 'reported' | 'diagnosed' | 'onset';
  by: Breakdown;
}

/** The ministry's area is the nation. */
export const areaName = (a: StatisticsArea, en: boolean) => (a.kind === 'ministry' ? (en ? 'Japan' : '全国') : en ? a.nameEn : a.nameJa);

export function DashboardScreen() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const to = japanToday(new Date());
  const [q, setQ] = useState<Query>({ from: addDays(to, -89), to, basis: 'reported', by: 'classification' });
  const areas = useLoad(() => api.get('/api/statistics/areas', StatisticsAreas), []);
  const board = useLoad(() => api.get(`/api/statistics/dashboard${query({ ...q })}`, DashboardSchema), [JSON.stringify(q)]);

  function apply(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)])) as unknown as Query;
    setQ({ ...f, area: f.area || undefined });
  }
  const d = board.data;
  return (
    <>
      <h1>{t('st.title')}</h1>
      <form className="search" aria-label={t('st.filters')} onSubmit={apply} key={JSON.stringify(q)}>
        <SelectField
          label={t('st.area')}
          name="area"
          defaultValue={q.area ?? d?.area.id ?? ''}
          options={(areas.data?.areas ?? []).map((a) => ({ value: a.id, label: `${'　'.repeat(a.kind === 'ministry' ? 0 : a.kind === 'prefecture' ? 1 : 2)}${areaName(a, en)}` }))}
        />
        <Field label={t('st.from')} name="from" type="date" required defaultValue={q.from} error={fieldError(board.error, 'from')} />
        <Field label={t('st.to')} name="to" type="date" required defaultValue={q.to} error={fieldError(board.error, 'to')} />
        <SelectField
          label={t('st.basis')}
          name="basis"
          defaultValue={q.basis}
          options={(['reported', 'diagnosed', 'onset'] as const).map((b) => ({ value: b, label: localized(MEASURE_DEFINITIONS[b].label) }))}
        />
        <SelectField
          label={t('st.by')}
          name="by"
          defaultValue={q.by}
          options={BREAKDOWNS.map((b) => ({ value: b, label: t(`st.by.${b}`) }))}
        />
        <button type="submit">{t('st.show')}</button>
      </form>
      <ErrorMessage error={board.error ?? areas.error} />
      {d && <Board d={d} q={q} onArea={(area) => setQ({ ...q, area })} />}
    </>
  );
}

function Board({ d, q, onArea }: { d: Dashboard; q: Query; onArea: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const last = d.newCases.at(-1);
  const now = d.load.at(-1)?.levels ?? {};
  const positivity = d.totals.testsPositive + d.totals.testsNegative ? d.totals.testsPositive / (d.totals.testsPositive + d.totals.testsNegative) : null;
  const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '—' : n.toLocaleString(en ? 'en' : 'ja', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  const figures: [string, string, Measure | null][] = [
    [t('st.newCases'), fmt(d.totals.newCases), d.basis],
    [t('st.per100k'), fmt(d.totals.per100k, 1), null],
    [t('st.average7'), fmt(last?.average7, 1), null],
    [t('st.weekOnWeek'), fmt(last?.weekOnWeek, 2), null],
    [localized(MEASURE_DEFINITIONS.load_hospitalized.label), fmt(now.hospitalized), 'load_hospitalized'],
    [localized(MEASURE_DEFINITIONS.load_severe.label), fmt(now.severe), 'load_severe'],
    [localized(MEASURE_DEFINITIONS.deaths.label), fmt(d.totals.deaths), 'deaths'],
    [t('st.positivity'), positivity === null ? '—' : `${fmt(positivity * 100, 1)} %`, 'tests_positive'],
  ];
  const curveTitle = `${localized(MEASURE_DEFINITIONS[d.basis].label)}（${t(`st.by.${d.by}`)}）`;
  return (
    <section aria-labelledby="st-area">
      <h2 id="st-area">
        {areaName(d.area, en)}：{d.from} 〜 {d.to}
      </h2>
      <p className="lag" role="status">
        {d.lag.queued ? t('st.lagging', { count: d.lag.queued }) : t('st.upToDate')}
        {d.lag.countedAt && ` ${t('st.countedAt')} ${formatDateTime(d.lag.countedAt, i18n.language)}`}
      </p>
      <dl className="figures">
        {figures.map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <CurveChart d={d} title={curveTitle} />
      {d.basis !== 'reported' && <p>{t('st.dateUnknown', { count: d.totals.dateUnknown })}</p>}
      <LoadChart d={d} title={t('st.loads')} />
      {d.area.kind === 'ministry' && <TileMap d={d} />}
      {d.subareas.length > 0 && <SubareaTable d={d} onArea={onArea} />}
      {d.municipalities.length > 0 && <MunicipalityTable d={d} />}
      <details className="definitions">
        <summary>{t('st.definitions')}</summary>
        <dl>
          {figures
            .filter(([, , m]) => m)
            .map(([label, , m]) => (
              <div key={label}>
                <dt>{localized(MEASURE_DEFINITIONS[m!].label)}</dt>
                <dd>{localized(MEASURE_DEFINITIONS[m!].definition)}</dd>
              </div>
            ))}
        </dl>
      </details>
      <p>
        <a href={`/api/statistics/dashboard.csv${query({ ...q, area: d.area.id })}`} download>
          {t('st.downloadCsv')}
        </a>{' '}
        <a href={`/api/statistics/dashboard.xlsx${query({ ...q, area: d.area.id })}`} download>
          {t('st.downloadXlsx')}
        </a>
      </p>
    </section>
  );
}
