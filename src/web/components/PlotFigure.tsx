// A chart drawn by Observable Plot, with its title and the same numbers as a table: the picture
// for the eye, the table for a screen reader and for anyone who wants the figures (issue 13).
import * as Plot from '@observablehq/plot';
import { useEffect, useRef, type ReactNode } from 'react';

export function PlotFigure({ title, options, table }: { title: string; options: Plot.PlotOptions; table: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = Plot.plot({ ariaLabel: title, ...options });
    ref.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [title, options]);
  return (
    <figure className="plot">
      <figcaption>{title}</figcaption>
      <div ref={ref} aria-hidden="true" />
      {table}
    </figure>
  );
}
