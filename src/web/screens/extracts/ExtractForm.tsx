// 仮名加工データの抽出 (/extracts, issue 14, Q&A 21–22): health-centre or prefecture staff choose the
// period, the quasi-identifiers, k, the purpose and the recipient, and download the extract with its
// data dictionary; the answer says how many rows were released and suppressed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { ExtractResult } from '../../../domain/api/extracts.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { addDays } from '../../../domain/contacts.ts';
import { COLUMN_LABELS, COLUMN_NAMES, QUASI_IDENTIFIERS, type QuasiIdentifier } from '../../../domain/privacy/extract-fields.ts';
import { K_DEFAULT } from '../../../domain/privacy/k-anonymity.ts';
import { api } from '../../api.ts';
import { Checkbox, Field, fieldError, TextAreaField } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, Group, num, text, useAction } from '../case/shared.tsx';
import { ExtractFiles } from './ExtractFiles.tsx';

const DEFAULT_QIS: readonly QuasiIdentifier[] = ['age_band', 'sex', 'municipality'];

export function ExtractFormScreen() {
  const { t } = useTranslation();
  const action = useAction();
  const [result, setResult] = useState<z.infer<typeof ExtractResult> | null>(null);
  const err = (path: string) => fieldError(action.error, path);
  const today = japanToday(new Date());
  const summary = (e: z.infer<typeof ExtractResult>['extract']) => {
    const counts = { read: e.rowsRead, released: e.rowsReleased, suppressed: e.rowsSuppressed, cells: e.cellsSuppressed };
    return e.suppressedColumn && e.cellsSuppressed > 0
      ? t('extract.done', { ...counts, column: localized(COLUMN_NAMES[e.suppressedColumn]) })
      : t('extract.doneNoCells', counts);
  };
  return (
    <>
      <h1>{t('extract.title')}</h1>
      <p>{t('extract.intro')}</p>
      <form
        onSubmit={action.run(
          async (f) => {
            setResult(null);
            setResult(
              await api.post(
                '/api/extracts',
                {
                  from: text(f, 'from') ?? '',
                  to: text(f, 'to') ?? '',
                  quasiIdentifiers: f.getAll('quasiIdentifiers').map(String),
                  k: num(f, 'k'),
                  purpose: text(f, 'purpose') ?? '',
                  recipient: text(f, 'recipient') ?? '',
                  format: text(f, 'format'),
                },
                ExtractResult,
              ),
            );
          },
          { keep: true },
        )}
      >
        <ErrorBox error={action.error} />
        <Field label={t('extract.from')} name="from" type="date" required defaultValue={addDays(today, -27)} error={err('from')} />
        <Field label={t('extract.to')} name="to" type="date" required defaultValue={today} error={err('to')} />
        <Group legend={t('extract.qis')}>
          <p>{t('extract.qisHelp')}</p>
          {QUASI_IDENTIFIERS.map((q) => (
            <Checkbox key={q} label={localized(COLUMN_LABELS[q])} name="quasiIdentifiers" value={q} defaultChecked={DEFAULT_QIS.includes(q)} />
          ))}
          {err('quasiIdentifiers') && (
            <p className="error" role="alert">
              {err('quasiIdentifiers')}
            </p>
          )}
        </Group>
        <Field label={t('extract.k')} name="k" type="number" required defaultValue={K_DEFAULT} error={err('k')} />
        <TextAreaField label={t('extract.purpose')} name="purpose" required maxLength={500} rows={2} help={t('extract.purposeHelp')} error={err('purpose')} />
        <Field label={t('extract.recipient')} name="recipient" required maxLength={200} help={t('extract.recipientHelp')} error={err('recipient')} />
        <Group legend={t('extract.format')}>
          {(['csv', 'xlsx'] as const).map((format) => (
            <label key={format} className="choice">
              <input type="radio" name="format" value={format} defaultChecked={format === 'csv'} /> {t(`extract.${format}`)}
            </label>
          ))}
        </Group>
        <button type="submit" disabled={action.busy}>
          {t('extract.submit')}
        </button>
      </form>
      {result && (
        <div role="status" className="done">
          <p>{summary(result.extract)}</p>
          <ExtractFiles files={result.files} />
        </div>
      )}
      <p>
        <Link to="/extracts/log">{t('extract.toLog')}</Link>
      </p>
    </>
  );
}
