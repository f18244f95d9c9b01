// The dashboard's two charts, each with its numbers as a table.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { groupLabel, type Dashboard } from '../../../domain/api/statistics.ts';
import { MEASURE_DEFINITIONS, type LoadMeasure } from '../../../domain/statistics/measures.ts';
import { ChartWithTable } from '../../components/ChartWithTable.tsx';
import { ObservablePlot } from '../../components/ObservablePlot.tsx';
import { localized } from '../../i18n.ts';

const dayOf = (day: string) => new Date(`${day}T00:00:00Z`);
const SHOWN_LOADS = ['awaiting_admission', 'hospitalized', 'severe', 'accommodation', 'home', 'welfare_facility'] as const;

/** New cases per day stacked by the breakdown, and the 7-day average as a line. */
export function CurveChart({ d, title }: { d: Dashboard; title: string }) {
  const { t } = useTranslation();
  const label = (g: string) => localized(groupLabel(d.by, g));
  const groups = d.groups.filter((g) => d.newCases.some((day) => day.groups[g]));
  const options = useMemo<Plot.PlotOptions>(() => {
    const bars = d.newCases.flatMap((day) => groups.map((g) => ({ day: dayOf(day.day), group: label(g), n: day.groups[g] ?? 0 })));
    const average = d.newCases.filter((day) => day.average7 !== null).map((day) => ({ day: dayOf(day.day), n: day.average7 }));
    return {
      width: 900,
      height: 320,
      marginLeft: 50,
      x: { type: 'band', label: null, tickFormat: '%m/%d', ticks: d.newCases.filter((_, i) => i % 7 === 0).map((day) => dayOf(day.day)) },
      y: { grid: true, label: t('st.casesPerDay') },
      color: { legend: true, domain: groups.map(label) },
      marks: [Plot.barY(bars, { x: 'day', y: 'n', fill: 'group', order: groups.map(label), tip: true }), Plot.lineY(average, { x: 'day', y: 'n', stroke: 'black', strokeWidth: 2 }), Plot.ruleY([0])],
    };
  }, [d]);
  return (
    <ChartWithTable
      title={title}
      chart={<ObservablePlot options={options} />}
      columns={[t('st.day'), ...groups.map(label), t('st.total'), t('st.average7'), t('st.weekOnWeek')]}
      rows={d.newCases.map((day) => [day.day, ...groups.map((g) => day.groups[g] ?? 0), day.total, day.average7?.toFixed(1) ?? '—', day.weekOnWeek?.toFixed(2) ?? '—'])}
    />
  );
}

/** Where the counted cases stood at the end of each day. */
export function LoadChart({ d, title }: { d: Dashboard; title: string }) {
  const { t } = useTranslation();
  const name = (m: (typeof SHOWN_LOADS)[number]) => localized(MEASURE_DEFINITIONS[`load_${m}` as LoadMeasure].label);
  const options = useMemo<Plot.PlotOptions>(() => {
    const points = d.load.flatMap((day) => SHOWN_LOADS.map((m) => ({ day: dayOf(day.day), state: name(m), n: day.levels[m] ?? 0 })));
    return {
      width: 900,
      height: 280,
      marginLeft: 50,
      x: { type: 'utc', label: null, tickFormat: '%m/%d' },
      y: { grid: true, label: t('st.cases') },
      color: { legend: true, domain: SHOWN_LOADS.map(name) },
      marks: [Plot.lineY(points, { x: 'day', y: 'n', stroke: 'state', tip: true }), Plot.ruleY([0])],
    };
  }, [d]);
  return (
    <ChartWithTable
      title={title}
      chart={<ObservablePlot options={options} />}
      columns={[t('st.day'), ...SHOWN_LOADS.map(name)]}
      rows={d.load.map((day) => [day.day, ...SHOWN_LOADS.map((m) => day.levels[m] ?? 0)])}
    />
  );
}
