// Form parts that keep every field labelled and every error announced and tied to its field.
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
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
  const describedBy = described(id, help, error);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {input.type === 'date' ? (
        <DateInput id={id} aria-invalid={error ? true : undefined} aria-describedby={[describedBy, `${id}-date`].filter(Boolean).join(' ')} readBackId={`${id}-date`} {...dateProps(input)} />
      ) : (
        <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      )}
      <Below id={id} help={help} error={error} />
    </div>
  );
}

export function described(id: string, help?: string, error?: string | null) {
  return [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

export function Below({ id, help, error }: { id: string; help?: string; error?: string | null }) {
  return (
    <>
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
    </>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  help?: string;
  error?: string | null;
  /** The choices; or give <option> children instead. */
  options?: { value: string; label: string }[];
  children?: ReactNode;
  /** A first, empty choice (e.g. 「選択してください」). */
  empty?: string;
  /** The label for screen readers only, where the row already shows what the choice is of. */
  hideLabel?: boolean;
}

export function SelectField({ label, help, error, options = [], empty, hideLabel, children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={described(id, help, error)} {...select}>
        {empty !== undefined && <option value="">{empty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
      <Below id={id} help={help} error={error} />
    </div>
  );
}

interface TextAreaFieldProps extends TextareaHTMLAttributes<HTMLTextAreaElement> {
  label: string;
  help?: string;
  error?: string | null;
}

export function TextAreaField({ label, help, error, ...area }: TextAreaFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={2} aria-invalid={error ? true : undefined} aria-describedby={described(id, help, error)} {...area} />
      <Below id={id} help={help} error={error} />
    </div>
  );
}

interface CheckboxProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  error?: string | null;
}

export function Checkbox({ label, error, ...input }: CheckboxProps) {
  const id = useId();
  return (
    <div className="field checkbox">
      <input id={id} type="checkbox" aria-invalid={error ? true : undefined} aria-describedby={described(id, undefined, error)} {...input} />
      <label htmlFor={id}>{label}</label>
      <Below id={id} error={error} />
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
