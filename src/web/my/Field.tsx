// A labelled input with its help and its error tied to it (aria-describedby), and the boxes that
// announce a result: the page's few form parts, kept apart from the staff app's to stay light.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react';

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

/** A failure, announced at once. */
export const Alert = ({ children }: { children: ReactNode }) =>
  children ? (
    <div className="my-alert" role="alert">
      {children}
    </div>
  ) : null;

/** Clock time in Japan, HH:MM, of an instant. */
export const clockTime = (instant: string) =>
  new Intl.DateTimeFormat('en-GB', { timeStyle: 'short', timeZone: 'Asia/Tokyo' }).format(new Date(instant));
