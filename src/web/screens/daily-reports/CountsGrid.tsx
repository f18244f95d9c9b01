// The grid of a report's cells, drawn from the form version in force (the same definition the server
// validates with, src/domain/count-grid.ts): the daily report's one field per age band, or — where a
// form splits by sex, as the sentinels' weekly report — a table of age bands by sex.
import { useTranslation } from 'react-i18next';
import { GRID_SEXES, gridCells, SEX_LABELS, type CountGrid, type GridCell } from '../../../domain/count-grid.ts';
import { ageBandLabel } from '../../../domain/statistics/age-bands.ts';
import { fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';

interface Props {
  grid: CountGrid;
  caption: string;
  counts: Record<string, number>;
  /** null: read only. */
  onChange: ((counts: Record<string, number>) => void) | null;
  error: unknown;
  /** Where the server names these counts' problems (`counts`, or `counts.influenza`), and the prefix of the fields' ids. */
  path?: string;
}

export function CountsGrid({ grid, caption, counts, onChange, error, path = 'counts' }: Props) {
  const { t } = useTranslation();
  const cells = gridCells(grid);
  const total = cells.reduce((sum, c) => sum + (counts[c.id] ?? 0), 0);
  const idOf = (c: GridCell) => `${path.replace(/\./g, '-')}-${c.id.replace(':', '-')}`;
  const field = (c: GridCell, labelled: boolean) => {
    const problem = fieldError(error, `${path}.${c.id}`);
    const id = idOf(c);
    return onChange ? (
      <>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={grid.maxPerCell}
          step={1}
          value={counts[c.id] ?? 0}
          aria-label={labelled ? undefined : localized(c.label)}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-error` : undefined}
          onChange={(e) => onChange({ ...counts, [c.id]: e.currentTarget.value === '' ? 0 : Number(e.currentTarget.value) })}
        />
        {problem && (
          <p className="error" id={`${id}-error`}>
            {problem}
          </p>
        )}
      </>
    ) : (
      <output id={id} aria-label={labelled ? undefined : localized(c.label)}>
        {counts[c.id] ?? 0}
      </output>
    );
  };
  if (grid.bySex) {
    const bands = grid.ageBands;
    return (
      <table className="counts-grid">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dr.cell')}</th>
            {GRID_SEXES.map((s) => (
              <th scope="col" key={s}>
                {localized(SEX_LABELS[s])}
              </th>
            ))}
            <th scope="col">{t('dr.total')}</th>
          </tr>
        </thead>
        <tbody>
          {bands.map((band) => {
            const row = cells.filter((c) => c.ageBand === band);
            return (
              <tr key={band}>
                <th scope="row">{localized(ageBandLabel(band))}</th>
                {row.map((c) => (
                  <td key={c.id}>{field(c, false)}</td>
                ))}
                <td>{row.reduce((sum, c) => sum + (counts[c.id] ?? 0), 0)}</td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t('dr.total')}</th>
            {GRID_SEXES.map((s) => (
              <td key={s}>{cells.filter((c) => c.sex === s).reduce((sum, c) => sum + (counts[c.id] ?? 0), 0)}</td>
            ))}
            <td>{total}</td>
          </tr>
        </tfoot>
      </table>
    );
  }
  return (
    <table className="counts-grid">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dr.cell')}</th>
          <th scope="col">{t('dr.count')}</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => (
          <tr key={c.id}>
            <th scope="row">
              <label htmlFor={idOf(c)}>{localized(c.label)}</label>
            </th>
            <td>{field(c, true)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('dr.total')}</th>
          <td>{total}</td>
        </tr>
      </tfoot>
    </table>
  );
}
