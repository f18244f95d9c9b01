// Form parts that keep every field labelled and every error announced and tied to its field.
import { useId, type InputHTMLAttributes } from 'react';
import { ApiError } from '../api.ts';
import { DateInput } from './DateInput.tsx';
import { localized } from '../i18n.ts';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  help?: string;
  /** The error shown under the field, if any. */
  error?: string | null;
}

export function Field({ label, help, error, ...input }: FieldProps) {
  const id = useId();
  const described = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input.type === 'date' ? (
        <DateInput id={id} aria-invalid={error ? true : undefined} aria-describedby={[described, `${id}-date`].filter(Boolean).join(' ')} readBackId={`${id}-date`} {...dateProps(input)} />
      ) : (
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={described} {...input} />
      )}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The message of a failed request, announced to screen readers when it appears. */
export function ErrorMessage({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? localized(error.problem.message) : String(error);
  return (
    <p className="error-box" role="alert">
      {text}
    </p>
  );
}

/** The error of one field of a failed request (path below body/querystring), in the language shown. */
export const fieldError = (error: unknown, path: string): string | null => {
  if (!(error instanceof ApiError)) return null;
  const e = error.field(path);
  return e ? localized(e.message) : null;
};

/** An <input type="date">'s props for DateInput, which takes dates as staff type them. */
function dateProps({ type: _type, value, defaultValue, onChange: _onChange, ...rest }: InputHTMLAttributes<HTMLInputElement>) {
  return { ...rest, value: value === undefined ? undefined : String(value), defaultValue: defaultValue === undefined ? undefined : String(defaultValue) };
}
