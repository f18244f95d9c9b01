// A labelled input with its help and its error tied to it (aria-describedby), and the boxes that
// announce a result: the page's few form parts, kept apart from the staff app's to stay light.
import { useId, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './errors.ts';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  help?: string;
  error?: string | null;
}

export function Field({ label, help, error, ...input }: FieldProps) {
  const id = useId();
  const describedBy = [help && `${id}-help`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className="my-field">
      <label htmlFor={id}>{label}</label>
      {help && (
        <p className="my-help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error && (
        <p className="my-field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** A failed request, announced at once, in the language shown (also after a switch). */
export function Alert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return error ? (
    <div className="my-alert" role="alert">
      {errorText(error, t)}
    </div>
  ) : null;
}

/** Clock time in Japan, HH:MM, of an instant. */
export const clockTime = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(instant));
