// A chart and the same numbers as a table (issue 13): the picture for the eye, hidden from screen
// readers; the table, one toggle away, for a screen reader and for anyone who wants the figures.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export type Cell = string | number;

/** Each row's first cell heads it (a day, a prefecture); `columns` names every cell, that one too. */
export function ChartWithTable({ title, chart, columns, rows }: { title: string; chart: ReactNode; columns: readonly string[]; rows: readonly (readonly Cell[])[] }) {
  const { t } = useTranslation();
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div aria-hidden="true">{chart}</div>
      <details>
        <summary>{t('st.asTable')}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                {columns.map((c, i) => (
                  <th scope="col" key={i}>
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([head, ...cells]) => (
                <tr key={head}>
                  <th scope="row">{head}</th>
                  {cells.map((c, i) => (
                    <td key={i}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
