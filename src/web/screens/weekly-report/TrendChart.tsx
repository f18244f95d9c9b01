// The last 12 weeks of one disease (chosen; at first the one with most cases this week), as bars
// with the numbers as a table.
import * as Plot from '@observablehq/plot';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WeeklyReport } from '../../../domain/api/weekly-report.ts';
import { ChartWithTable } from '../../components/ChartWithTable.tsx';
import { SelectField } from '../../components/Form.tsx';
import { ObservablePlot } from '../../components/ObservablePlot.tsx';
import { localized } from '../../i18n.ts';

export function TrendChart({ n }: { n: WeeklyReport['notifiable'] }) {
  const { t } = useTranslation();
  const diseases = n.categories.flatMap((c) => c.diseases);
  const busiest = [...diseases].sort((a, b) => b.thisWeek - a.thisWeek || b.trend.reduce((x, y) => x + y, 0) - a.trend.reduce((x, y) => x + y, 0))[0];
  const [code, setCode] = useState(busiest?.code ?? '');
  const d = diseases.find((x) => x.code === code) ?? busiest;
  const options = useMemo<Plot.PlotOptions>(
    () => ({
      width: 720,
      height: 260,
      marginLeft: 50,
      x: { type: 'band', label: null, tickFormat: (w: string) => w.slice(5) },
      y: { grid: true, label: t('wr.cases') },
      marks: [Plot.barY(n.weeks.trend.map((week, i) => ({ week, cases: d?.trend[i] ?? 0 })), { x: 'week', y: 'cases', fill: 'steelblue', tip: true }), Plot.ruleY([0])],
    }),
    [n, d],
  );
  if (!d) return null;
  return (
    <section aria-labelledby="wr-trend">
      <h3 id="wr-trend">{t('wr.trend')}</h3>
      <SelectField label={t('wr.chooseDisease')} value={d.code} onChange={(e) => setCode(e.target.value)} options={diseases.map((x) => ({ value: x.code, label: localized(x.name) }))} />
      <ChartWithTable
        title={t('wr.trendOf', { disease: localized(d.name) })}
        chart={<ObservablePlot options={options} />}
        columns={[t('wr.weekColumn'), t('wr.cases')]}
        rows={n.weeks.trend.map((week, i) => [week, d.trend[i]])}
      />
    </section>
  );
}
