// The national map (issue 13): each prefecture a square in its place on a tile map of Japan,
// coloured by new cases per 100,000 people over the last 7 days, with the table beside it.
import * as Plot from '@observablehq/plot';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../domain/api/statistics.ts';
import { PREFECTURES, TILE_GRID } from '../../../domain/statistics/prefectures.ts';
import { per100k } from '../../../domain/statistics/population.ts';
import { ChartWithTable } from '../../components/ChartWithTable.tsx';
import { ObservablePlot } from '../../components/ObservablePlot.tsx';

export function TileMap({ d }: { d: Dashboard }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const tiles = useMemo(
    () =>
      PREFECTURES.map((p) => {
        // The demo and a real deployment may hold several organisations for one prefecture code.
        const areas = d.subareas.filter((s) => s.area.areaCode === p.code);
        const last7 = areas.reduce((a, s) => a + s.last7, 0);
        const population = areas[0]?.area.population ?? null;
        return { ...p, name: en ? p.en : p.ja.replace(/[都府県]$/, ''), last7, rate: population ? per100k(last7, population) : null };
      }),
    [d, en],
  );
  const options = useMemo<Plot.PlotOptions>(
    () => ({
      width: 640,
      height: Math.round((640 / TILE_GRID.cols) * TILE_GRID.rows),
      padding: 0.06,
      x: { axis: null, domain: Array.from({ length: TILE_GRID.cols }, (_, i) => i) },
      y: { axis: null, domain: Array.from({ length: TILE_GRID.rows }, (_, i) => i) },
      color: { type: 'sequential', scheme: 'oranges', legend: true, label: t('st.mapLegend'), unknown: '#e5e5e5' },
      marks: [
        Plot.cell(tiles, { x: (p) => p.tile.col, y: (p) => p.tile.row, fill: 'rate', inset: 0.5, tip: true, title: (p) => `${p.name}: ${p.rate?.toFixed(1) ?? '—'}` }),
        Plot.text(tiles, { x: (p) => p.tile.col, y: (p) => p.tile.row, text: 'name', fontSize: en ? 7 : 9 }),
      ],
    }),
    [tiles],
  );
  return (
    <ChartWithTable
      title={t('st.map')}
      chart={<ObservablePlot options={options} />}
      columns={[t('st.areaName'), t('st.last7'), t('st.mapLegend')]}
      rows={tiles.map((p) => [en ? p.en : p.ja, p.last7, p.rate?.toFixed(1) ?? '—'])}
    />
  );
}
