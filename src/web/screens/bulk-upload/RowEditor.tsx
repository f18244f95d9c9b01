// Fixing one uploaded row: every cell as a field with its problem under it (aria-invalid), and, after
// a likely duplicate, whether the row is a new person or a new case of the person found. Saving
// sends only the cells changed; the server checks the row again as a whole.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { BulkRow, type BulkUploadDetail } from '../../../domain/api/bulk-uploads.ts';
import { api } from '../../api.ts';
import { Field } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, useAction } from '../case/shared.tsx';

type Row = z.infer<typeof BulkRow>;
type Column = z.infer<typeof BulkUploadDetail>['columns'][number];

export function RowEditor({ uploadId, row, columns, onSaved, onClose }: { uploadId: string; row: Row; columns: Column[]; onSaved: (r: Row) => void; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const save = useAction();
  const [decision, setDecision] = useState(row.duplicateDecision ?? '');
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const problemAt = (key: string) => {
    const ps = row.problems.filter((p) => p.column === key);
    return ps.length ? ps.map((p) => (p.severity === 'warning' ? `${t('bu.warning')}: ` : '') + localized(p.message)).join(' ') : null;
  };
  return (
    <section aria-labelledby="bu-edit-title" className="group bulk-edit">
      <h2 id="bu-edit-title">{t('bu.fixTitle', { row: row.rowNo })}</h2>
      <ErrorBox error={save.error} />
      {row.problems
        .filter((p) => p.column === null)
        .map((p, i) => (
          <p key={i} className="error">
            {localized(p.message)}
          </p>
        ))}
      <form
        onSubmit={save.run(
          async (f) => {
            const cells: Record<string, string> = {};
            for (const c of columns) {
              const v = String(f.get(c.key) ?? '');
              if (v !== (row.cells[c.key] ?? '')) cells[c.key] = v;
            }
            const body = { version: row.version, cells, ...(row.duplicates.length ? { duplicateDecision: decision || null } : {}) };
            onSaved(await api.patch(`/api/bulk-uploads/${uploadId}/rows/${row.rowNo}`, body, BulkRow));
          },
          { keep: true },
        )}
      >
        {row.duplicates.length > 0 && (
          <fieldset className="group">
            <legend>{t('bu.decision')}</legend>
            <label>
              <input type="radio" name="bu-decision" value="new_person" checked={decision === 'new_person'} onChange={() => setDecision('new_person')} /> {t('bu.decision.new')}
            </label>
            {row.duplicates.map((d) => (
              <label key={d.personId}>
                <input type="radio" name="bu-decision" value={`person:${d.personId}`} checked={decision === `person:${d.personId}`} onChange={() => setDecision(`person:${d.personId}`)} />{' '}
                {t('bu.decision.person', { name: d.maskedName, cases: d.cases.map((c) => c.caseNumber).join(', ') })}
              </label>
            ))}
          </fieldset>
        )}
        <div className="bulk-edit-fields">
          {columns.map((c) => (
            <div key={`${row.rowNo}-${row.version}-${c.key}`}>
              <Field
                label={`${localized(c.label)}${c.required ? ' *' : ''}`}
                name={c.key}
                defaultValue={row.cells[c.key] ?? ''}
                error={problemAt(c.key)}
                list={c.options ? `bu-options-${c.key}` : undefined}
                autoComplete="off"
              />
              {c.options && (
                <datalist id={`bu-options-${c.key}`}>
                  {c.options.map((o) => (
                    <option key={o.code} value={o[lang]} />
                  ))}
                </datalist>
              )}
            </div>
          ))}
        </div>
        <button type="submit" disabled={save.busy}>
          {t('bu.save')}
        </button>{' '}
        <button type="button" onClick={onClose}>
          {t('bu.cancel')}
        </button>
      </form>
    </section>
  );
}
