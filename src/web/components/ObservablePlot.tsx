// A chart drawn by Observable Plot from its options; ChartWithTable gives it a title and its table.
import * as Plot from '@observablehq/plot';
import { useEffect, useRef } from 'react';

export function ObservablePlot({ options }: { options: Plot.PlotOptions }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = Plot.plot(options);
    ref.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [options]);
  return <div ref={ref} />;
}
