// The daily report: temperature (one decimal, 34–42, on the numeric keypad), SpO2 and pulse when the
// patient has a meter, the symptom checklist, 「今日の体調は？」 and a free note. What was typed stays
// until the server has answered: a lost connection is retried by api.ts with the same
// Idempotency-Key, and so is the patient's own resend of the same values, so a report is never
// made twice; a resend of changed values after a first one did arrive gets already_reported_today,
// and the form turns into a correction with the values kept.
import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FEELINGS, SelfReportResult } from '../../domain/api/my.ts';
import { SYMPTOM_CODES, type Symptom } from '../../domain/red-flags.ts';
import { api, ApiError } from '../api.ts';
import { Alert, Field } from './Field.tsx';
import type { SelfReportData, SelfReportInput, SelfReportOutcome } from './types.ts';

type Feeling = (typeof FEELINGS)[number];

/** 36.5, 36,5, ３６．５ or 365 (the point left out on a keypad) as °C; null when not 34.0–42.0 with one decimal. */
export function readTemperature(text: string): number | null {
  const s = text.normalize('NFKC').trim().replace(',', '.');
  const typed = /^\d{3}$/.test(s) ? `${s.slice(0, 2)}.${s[2]}` : s;
  if (!/^\d{2}(\.\d)?$/.test(typed)) return null;
  const value = Number(typed);
  return value >= 34 && value <= 42 ? value : null;
}

/** A whole number within bounds, or undefined when left empty; null when typed but not valid. */
function readWhole(text: string, min: number, max: number): number | undefined | null {
  const s = text.normalize('NFKC').trim();
  if (!s) return undefined;
  const value = Number(s);
  return /^\d+$/.test(s) && value >= min && value <= max ? value : null;
}

interface Props {
  caseId: string;
  /** Today's report, when the form corrects it. */
  initial: SelfReportData | null;
  /** Send as a correction of today's report (PUT) rather than a new one (POST). */
  correcting: boolean;
  onSent: (result: SelfReportOutcome, corrected: boolean) => void;
  onAlreadyReported: () => void;
  onCancel?: () => void;
}

export function ReportForm({ caseId, initial, correcting, onSent, onAlreadyReported, onCancel }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [temperature, setTemperature] = useState(initial?.temperature?.toFixed(1) ?? '');
  const [spo2, setSpo2] = useState(initial?.spo2?.toString() ?? '');
  const [pulse, setPulse] = useState(initial?.pulse?.toString() ?? '');
  const [symptoms, setSymptoms] = useState<Symptom[]>(initial?.symptoms ?? []);
  const [feeling, setFeeling] = useState<Feeling | null>(initial?.feeling ?? null);
  const [note, setNote] = useState(initial?.note ?? '');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const values = { temperature: readTemperature(temperature), spo2: readWhole(spo2, 50, 100), pulse: readWhole(pulse, 20, 250) };
  const valid = values.temperature !== null && values.spo2 !== null && values.pulse !== null && feeling !== null;
  const show = (bad: boolean, key: string) => (checked && bad ? t(key) : null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!valid) {
      setError(null);
      requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const body: SelfReportInput = {
      caseId,
      temperature: values.temperature!,
      ...(values.spo2 != null ? { spo2: values.spo2 } : {}),
      ...(values.pulse != null ? { pulse: values.pulse } : {}),
      // In the checklist's order, so that the same choices are the same request (and the same key).
      symptoms: SYMPTOM_CODES.filter((s) => symptoms.includes(s)),
      feeling: feeling!,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    setBusy(true);
    setError(null);
    try {
      const result = correcting ? await api.put('/api/my/reports/today', body, SelfReportResult) : await api.post('/api/my/reports', body, SelfReportResult);
      onSent(result, correcting);
    } catch (err) {
      setError(err);
      if (err instanceof ApiError && err.problem.code === 'already_reported_today') onAlreadyReported();
    } finally {
      setBusy(false);
    }
  };

  const toggle = (s: Symptom) => setSymptoms((now) => (now.includes(s) ? now.filter((x) => x !== s) : [...now, s]));

  return (
    <form ref={form} className="my-report" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t(correcting ? 'report.correctTitle' : 'report.title')}</h3>
      <Field
        label={t('report.temperature')}
        help={t('report.temperatureHelp')}
        error={show(values.temperature === null, 'report.temperatureInvalid')}
        value={temperature}
        onChange={(e) => setTemperature(e.target.value)}
        inputMode="decimal"
        autoComplete="off"
        maxLength={5}
        className="my-number"
      />
      <Field
        label={t('common.optional', { label: t('report.spo2') })}
        help={t('report.spo2Help')}
        error={show(values.spo2 === null, 'report.spo2Invalid')}
        value={spo2}
        onChange={(e) => setSpo2(e.target.value)}
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        className="my-number"
      />
      <Field
        label={t('common.optional', { label: t('report.pulse') })}
        error={show(values.pulse === null, 'report.pulseInvalid')}
        value={pulse}
        onChange={(e) => setPulse(e.target.value)}
        inputMode="numeric"
        autoComplete="off"
        maxLength={3}
        className="my-number"
      />
      <fieldset className="my-choices">
        <legend>{t('report.symptoms')}</legend>
        {SYMPTOM_CODES.map((s) => (
          <label key={s} className="my-choice">
            <input type="checkbox" checked={symptoms.includes(s)} onChange={() => toggle(s)} />
            {t(`symptom.${s}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="my-choices my-feelings" aria-describedby={checked && !feeling ? `${id}-feeling-error` : undefined}>
        <legend>{t('report.feeling')}</legend>
        {FEELINGS.map((f) => (
          <label key={f} className="my-choice">
            <input type="radio" name={`${id}-feeling`} value={f} checked={feeling === f} onChange={() => setFeeling(f)} aria-invalid={checked && !feeling ? true : undefined} />
            {t(`feeling.${f}`)}
          </label>
        ))}
        {checked && !feeling && (
          <p className="my-field-error" id={`${id}-feeling-error`}>
            {t('report.feelingMissing')}
          </p>
        )}
      </fieldset>
      <div className="my-field">
        <label htmlFor={`${id}-note`}>{t('common.optional', { label: t('report.note') })}</label>
        <textarea id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={1000} rows={3} />
      </div>
      {checked && !valid && (
        <p className="my-alert" role="alert">
          {t('report.check')}
        </p>
      )}
      <Alert error={error} />
      <button type="submit" className="my-primary" disabled={busy}>
        {busy ? t('common.sending') : t(correcting ? 'report.sendCorrection' : 'report.send')}
      </button>
      {onCancel && (
        <button type="button" className="my-secondary" disabled={busy} onClick={onCancel}>
          {t('report.cancel')}
        </button>
      )}
    </form>
  );
}
