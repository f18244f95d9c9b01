// Why this case is opened, asked before it is (DESIGN.md §5): a short choice and, for その他 (or to
// say more), a few words. The audit log keeps it with every read of the viewing.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Form.tsx';
import { UI } from '../../ui-text.ts';
import { SelectField } from './shared.tsx';

const PURPOSES = ['patient', 'notification', 'investigation', 'other'] as const;
type Purpose = (typeof PURPOSES)[number];

export function PurposePrompt({ onChoose, onCancel }: { onChoose: (purpose: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const kind = String(f.get('purpose') ?? '') as Purpose;
    const detail = String(f.get('detail') ?? '').trim();
    if (kind === 'other' && !detail) {
      setError(t('case.purpose.detailRequired'));
      return;
    }
    // Recorded in Japanese whatever the screen's language: the audit trail reads in one language.
    const label = UI[`case.purpose.${kind}`].ja;
    onChoose((detail ? `${label}: ${detail}` : label).slice(0, 500));
  };
  return (
    <form onSubmit={submit} className="purpose">
      <h1>{t('case.purpose.title')}</h1>
      <p>{t('case.purpose.help')}</p>
      <SelectField
        label={t('case.purpose.label')}
        name="purpose"
        autoFocus
        required
        defaultValue="patient"
        options={PURPOSES.map((p) => ({ value: p, label: t(`case.purpose.${p}`) }))}
      />
      <Field label={t('case.purpose.detail')} name="detail" maxLength={400} error={error} help={t('case.purpose.detailHelp')} />
      <div className="actions">
        <button type="submit">{t('case.purpose.open')}</button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('case.cancel')}
        </button>
      </div>
    </form>
  );
}
