// The case list's Export button and its dialog (issue 14): what, which format, a password for Excel,
// the registration period, and the reason — a code from the list and the words that explain it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ExportOptionsView, ExportView } from '../../../domain/api/exports.ts';
import { EXPORT_FORMATS, EXPORT_KINDS } from '../../../domain/privacy/exports.ts';
import { api } from '../../api.ts';
import { Checkbox, Field, SelectField, TextAreaField, fieldError } from '../../components/Form.tsx';
import { ConfirmDialog } from '../admin/parts.tsx';
import { Done, useLoad } from '../case/shared.tsx';

export function ExportButton() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const options = useLoad(() => api.get('/api/exports/options', ExportOptionsView), []);
  const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim() || undefined;
  return (
    <>
      <button type="button" className="secondary" onClick={() => (setDone(null), setOpen(true))} disabled={!options.data}>
        {t('ex.button')}
      </button>
      <Done message={done} />
      {open && options.data && (
        <ConfirmDialog
          title={t('ex.dialogTitle')}
          confirmLabel={t('ex.submit')}
          onClose={() => setOpen(false)}
          onConfirm={async (f) => {
            const asked = await api.post(
              '/api/exports',
              {
                kind: f.get('kind'),
                format: f.get('format'),
                encrypted: f.get('encrypted') === 'on',
                filters: { createdFrom: text(f, 'createdFrom'), createdTo: text(f, 'createdTo') },
                reason: f.get('reason') || undefined,
                note: f.get('note'),
              },
              ExportView,
            );
            setOpen(false);
            setDone(t('ex.asked', { rows: asked.rowCount, status: t(`ex.status.${asked.status}`) }));
          }}
        >
          {(error) => (
            <>
              <p>{t('ex.dialogHelp', { threshold: options.data!.threshold })}</p>
              <SelectField label={t('ex.kind')} name="kind" options={EXPORT_KINDS.map((k) => ({ value: k, label: t(`ex.kind.${k}`) }))} error={fieldError(error, 'kind')} />
              <SelectField label={t('ex.format')} name="format" options={EXPORT_FORMATS.map((k) => ({ value: k, label: k.toUpperCase() }))} error={fieldError(error, 'format')} />
              <Checkbox label={t('ex.encrypted')} name="encrypted" error={fieldError(error, 'encrypted')} />
              <Field label={t('ex.createdFrom')} name="createdFrom" type="date" error={fieldError(error, 'filters.createdFrom')} />
              <Field label={t('ex.createdTo')} name="createdTo" type="date" error={fieldError(error, 'filters.createdTo')} />
              <SelectField
                label={t('ex.reason')}
                name="reason"
                required
                empty={t('ex.choose')}
                options={options.data!.reasons.map((r) => ({ value: r.code, label: en ? r.en : r.ja }))}
                error={fieldError(error, 'reason')}
              />
              <TextAreaField label={t('ex.note')} name="note" required rows={2} error={fieldError(error, 'note')} />
            </>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}
