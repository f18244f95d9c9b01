// The grid of a daily report's cells, drawn from the form version in force (the same definition the
// server validates with): one labelled number field per age band (and sex, where a version asks).
import { useTranslation } from 'react-i18next';
import { cellsOf, type DailyReportDefinition } from '../../../domain/daily-reports/definition.ts';
import { fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';

interface Props {
  def: DailyReportDefinition;
  counts: Record<string, number>;
  /** null: read only. */
  onChange: ((counts: Record<string, number>) => void) | null;
  error: unknown;
}

export function CountsGrid({ def, counts, onChange, error }: Props) {
  const { t } = useTranslation();
  const cells = cellsOf(def);
  const total = cells.reduce((sum, c) => sum + (counts[c.id] ?? 0), 0);
  return (
    <table className="counts-grid">
      <caption>{t('dr.gridCaption', { what: localized(def.counts), version: def.version })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('dr.cell')}</th>
          <th scope="col">{t('dr.count')}</th>
        </tr>
      </thead>
      <tbody>
        {cells.map((c) => {
          const problem = fieldError(error, `counts.${c.id}`);
          const id = `count-${c.id.replace(':', '-')}`;
          return (
            <tr key={c.id}>
              <th scope="row">
                <label htmlFor={id}>{localized(c.label)}</label>
              </th>
              <td>
                {onChange ? (
                  <>
                    <input
                      id={id}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      max={def.maxPerCell}
                      step={1}
                      value={counts[c.id] ?? 0}
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
                  <output id={id}>{counts[c.id] ?? 0}</output>
                )}
              </td>
            </tr>
          );
        })}
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
