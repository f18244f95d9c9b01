// 「このアクセスについて問い合わせる」: opens a short question under one access and sends it to the centre.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { AccessQuestionAsked } from '../../domain/api/my.ts';
import { api } from '../api.ts';
import { Alert } from './Field.tsx';

export function AccessQuestionForm({ seq, onAsked }: { seq: number; onAsked: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const [open, setOpen] = useState(false);
  const [question, setQuestion] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const send = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!question.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await api.post(`/api/my/accesses/${seq}/question`, { question: question.trim() }, AccessQuestionAsked);
      onAsked();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (!open)
    return (
      <button type="button" className="my-secondary" onClick={() => setOpen(true)}>
        {t('accesses.ask')}
      </button>
    );
  const missing = checked && !question.trim();
  return (
    <form onSubmit={send} noValidate>
      <div className="my-field">
        <label htmlFor={`${id}-q`}>{t('accesses.question')}</label>
        <textarea
          id={`${id}-q`}
          value={question}
          onChange={(e) => setQuestion(e.target.value)}
          maxLength={1000}
          rows={3}
          autoFocus
          aria-invalid={missing ? true : undefined}
          aria-describedby={missing ? `${id}-error` : undefined}
        />
        {missing && (
          <p className="my-field-error" id={`${id}-error`}>
            {t('accesses.questionMissing')}
          </p>
        )}
      </div>
      <Alert error={error} />
      <button type="submit" className="my-primary" disabled={busy}>
        {busy ? t('common.sending') : t('accesses.send')}
      </button>
    </form>
  );
}
