// Per-sentinel averages (定点当たり報告数): for a chosen week a table by prefecture (the ministry: every
// prefecture and the nation) with patients, sites reporting and designated, the average and its
// level (注意報・警報); and a chart of the recent weeks with the thresholds drawn as lines.
import * as Plot from '@observablehq/plot';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SentinelAverages } from '../../../domain/api/sentinel.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { addWeeks, isoWeekOf, weekKey } from '../../../domain/iso-week.ts';
import { api, query } from '../../api.ts';
import { ChartWithTable } from '../../components/ChartWithTable.tsx';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ObservablePlot } from '../../components/ObservablePlot.tsx';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';
import { useWeekLabel, WeekSelect } from './WeekSelect.tsx';

type Averages = z.infer<typeof SentinelAverages>;
type Disease = Averages['diseases'][number];
const CHART_WEEKS = 12;

export function SentinelAveragesScreen() {
  const { t } = useTranslation();
  const current = isoWeekOf(japanToday(new Date()));
  // The last complete week by default; this week too (its reports come in as it goes).
  const choices = Array.from({ length: CHART_WEEKS + 1 }, (_, i) => weekKey(addWeeks(current, -i)));
  const [week, setWeek] = useState(choices[1]);
  const data = useLoad(() => api.get(`/api/sentinel/averages${query({ week, weeks: CHART_WEEKS })}`, SentinelAverages), [week]);
  return (
    <>
      <h1>{t('sn.averagesTitle')}</h1>
      <p>{t('sn.averagesHelp')}</p>
      <WeekSelect label={t('sn.weekShown')} weeks={choices} value={week} onWeek={setWeek} />
      {data.error ? (
        <ErrorMessage error={data.error} />
      ) : !data.data ? (
        <Loading />
      ) : (
        data.data.diseases.map((d) => (
          <section key={d.code}>
            <h2>{localized(d.short)}</h2>
            <WeekTable data={data.data!} disease={d} />
            <TrendChart data={data.data!} disease={d} />
          </section>
        ))
      )}
    </>
  );
}

function WeekTable({ data, disease }: { data: Averages; disease: Disease }) {
  const { t } = useTranslation();
  const weekLabel = useWeekLabel();
  const rows = data.rows.filter((r) => r.week === data.week && r.disease === disease.code);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={t('sn.tableCaption', { disease: localized(disease.short), week: weekLabel(data.week) })}>
      <table>
        <caption>{t('sn.tableCaption', { disease: localized(disease.short), week: weekLabel(data.week) })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.prefecture')}</th>
            <th scope="col">{t('sn.patients')}</th>
            <th scope="col">{t('sn.reporting')}</th>
            <th scope="col">{t('sn.designatedCount')}</th>
            <th scope="col">{t('sn.perSentinel')}</th>
            <th scope="col">{t('sn.level')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.prefectureId ?? 'nation'} className={r.level === 'alarm' ? 'level-alarm' : r.level === 'advisory' ? 'level-advisory' : undefined}>
              <th scope="row">{localized(r.prefectureName)}</th>
              <td>{r.patients}</td>
              <td>{r.reporting}</td>
              <td>{r.designated}</td>
              <td>{r.perSentinel?.toFixed(2) ?? '—'}</td>
              <td>{disease.threshold ? (r.level ? t(`sn.level.${r.level}`) : '—') : t('sn.noThreshold')}</td>
            </tr>
          ))}
          {!rows.length && (
            <tr>
              <td colSpan={6}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** The scope's line (the prefecture, or the nation for the ministry) over the recent weeks, with the thresholds. */
function TrendChart({ data, disease }: { data: Averages; disease: Disease }) {
  const { t } = useTranslation();
  const nation = data.rows.some((r) => r.prefectureId === null);
  const series = data.rows.filter((r) => r.disease === disease.code && (nation ? r.prefectureId === null : true));
  const scope = series[0] ? localized(series[0].prefectureName) : '';
  const title = t('sn.chartTitle', { disease: localized(disease.short), scope });
  const options = useMemo<Plot.PlotOptions>(() => {
    const points = data.weeks.map((w) => ({ week: w, n: series.find((r) => r.week === w)?.perSentinel ?? null }));
    const th = disease.threshold;
    const lines = th
      ? [
          { n: th.advisory, label: t('sn.advisoryLine', { n: th.advisory }), color: '#b35900' },
          { n: th.alarmStart, label: t('sn.alarmLine', { n: th.alarmStart }), color: '#b00020' },
        ]
      : [];
    return {
      width: 900,
      height: 280,
      marginLeft: 50,
      x: { type: 'band', label: null, domain: data.weeks },
      y: { grid: true, label: t('sn.perSentinel'), domain: [0, Math.max(5, ...points.map((p) => p.n ?? 0), ...lines.map((l) => l.n * 1.1))] },
      marks: [
        ...lines.map((l) => Plot.ruleY([l.n], { stroke: l.color, strokeDasharray: '4,3' })),
        ...lines.map((l) => Plot.text([l], { y: 'n', text: 'label', frameAnchor: 'left', dx: 4, dy: -7, textAnchor: 'start', fill: l.color })),
        Plot.lineY(points.filter((p) => p.n !== null), { x: 'week', y: 'n', stroke: 'black', strokeWidth: 2 }),
        Plot.dot(points.filter((p) => p.n !== null), { x: 'week', y: 'n', fill: 'black', tip: true }),
        Plot.ruleY([0]),
      ],
    };
  }, [data, disease]);
  return (
    <ChartWithTable
      title={title}
      chart={<ObservablePlot options={options} />}
      columns={[t('sn.week'), t('sn.patients'), t('sn.reporting'), t('sn.perSentinel'), t('sn.level')]}
      rows={data.weeks.map((w) => {
        const r = series.find((x) => x.week === w);
        return [w, r?.patients ?? '—', r?.reporting ?? '—', r?.perSentinel?.toFixed(2) ?? '—', r?.level ? t(`sn.level.${r.level}`) : '—'];
      })}
    />
  );
}
