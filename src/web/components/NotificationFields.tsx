// Controls of the notification and registration forms. Each is labelled, shows the messages of its
// field (errors, warnings, items still missing) under it, tied to it by aria-describedby, and
// marks itself invalid when one is an error. Messages come from a context keyed by field.
import { createContext, useContext, type ReactNode, type TextareaHTMLAttributes, type InputHTMLAttributes } from 'react';
import { DateInput } from './DateInput.tsx';
import { useTranslation } from 'react-i18next';
import { localized } from '../i18n.ts';
import { fieldId, type Messages, type Msg } from '../screens/notify/checks.ts';

interface FieldContextValue {
  messages: Messages;
  /** Acknowledged warnings, by rule id; absent where warnings cannot be acknowledged. */
  acks?: ReadonlySet<string>;
  onAck?: (ruleId: string, on: boolean) => void;
}

export const FieldContext = createContext<FieldContextValue>({ messages: new Map() });

const useMessages = (key: string): Msg[] => useContext(FieldContext).messages.get(key) ?? [];

export type Requirement = 'legal' | 'submit' | 'law' | undefined;

/** The messages of one field, each with its own id for aria-describedby. */
export function FieldMessages({ fieldKey }: { fieldKey: string }) {
  const { t } = useTranslation();
  const { acks, onAck } = useContext(FieldContext);
  const msgs = useMessages(fieldKey);
  if (!msgs.length) return null;
  const id = fieldId(fieldKey);
  return (
    <ul className="messages" id={`${id}-msg`}>
      {msgs.map((m, i) => (
        <li key={i} className={`msg-${m.severity}`}>
          <span className="msg-kind">{t(`ntf.severity.${m.severity}`)}</span> {localized(m.text)}
          {m.ruleId && onAck && (
            <label className="ack">
              <input type="checkbox" checked={acks?.has(m.ruleId) ?? false} onChange={(e) => onAck(m.ruleId!, e.currentTarget.checked)} />{' '}
              {t('ntf.acknowledge')}
            </label>
          )}
        </li>
      ))}
    </ul>
  );
}

/** aria attributes of a control from its field's messages and help. */
export function useDescribed(fieldKey: string, help?: string) {
  const msgs = useMessages(fieldKey);
  const id = fieldId(fieldKey);
  const described = [help ? `${id}-help` : null, msgs.length ? `${id}-msg` : null].filter(Boolean).join(' ') || undefined;
  return { id, 'aria-describedby': described, 'aria-invalid': msgs.some((m) => m.severity === 'error') ? (true as const) : undefined };
}

function RequirementMark({ requirement }: { requirement: Requirement }) {
  const { t } = useTranslation();
  if (!requirement) return null;
  // The space before the mark is its own: a label without one ends with the label's text.
  return (
    <>
      {' '}
      <span className={`req req-${requirement}`}>{t(`ntf.req.${requirement}`)}</span>
    </>
  );
}

interface ShellProps {
  fieldKey: string;
  label: string;
  help?: string;
  requirement?: Requirement;
  children: ReactNode;
  /** Shown after the control, e.g. the age next to the birth date. */
  after?: ReactNode;
  className?: string;
}

function Shell({ fieldKey, label, help, requirement, children, after, className }: ShellProps) {
  const id = fieldId(fieldKey);
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>
        {label}
        <RequirementMark requirement={requirement} />
      </label>
      {children}
      {after}
      {help && (
        <p className="help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <FieldMessages fieldKey={fieldKey} />
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'> & {
  fieldKey: string;
  label: string;
  help?: string;
  requirement?: Requirement;
  value: string | null | undefined;
  onValue?: (value: string) => void;
  after?: ReactNode;
};

export function TextField({ fieldKey, label, help, requirement, value, onValue, after, className, ...input }: InputProps) {
  const aria = useDescribed(fieldKey, help);
  return (
    <Shell fieldKey={fieldKey} label={label} help={help} requirement={requirement} after={after} className={className}>
      {input.type === 'date' ? (
        <DateInput
          {...aria}
          aria-describedby={[aria['aria-describedby'], `${aria.id}-date`].filter(Boolean).join(' ')}
          readBackId={`${aria.id}-date`}
          disabled={input.disabled}
          autoFocus={input.autoFocus}
          readOnly={input.readOnly || !onValue}
          value={value ?? ''}
          onValue={onValue}
        />
      ) : (
        <input {...aria} {...input} value={value ?? ''} readOnly={input.readOnly || !onValue} onChange={(e) => onValue?.(e.currentTarget.value)} />
      )}
    </Shell>
  );
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'id'> & {
  fieldKey: string;
  label: string;
  help?: string;
  requirement?: Requirement;
  value: string | null | undefined;
  onValue?: (value: string) => void;
};

export function TextAreaField({ fieldKey, label, help, requirement, value, onValue, ...area }: AreaProps) {
  const aria = useDescribed(fieldKey, help);
  return (
    <Shell fieldKey={fieldKey} label={label} help={help} requirement={requirement}>
      <textarea {...aria} {...area} value={value ?? ''} readOnly={area.readOnly || !onValue} onChange={(e) => onValue?.(e.currentTarget.value)} />
    </Shell>
  );
}

export interface Option {
  value: string;
  label: string;
  /** A select shows options of the same group under its heading (optgroup), in order. */
  group?: string;
}

interface SelectProps {
  fieldKey: string;
  label: string;
  help?: string;
  requirement?: Requirement;
  value: string | null | undefined;
  options: Option[];
  /** The empty choice's label; without it a value must be chosen. */
  placeholder?: string;
  onValue?: (value: string) => void;
  disabled?: boolean;
  autoFocus?: boolean;
  className?: string;
}

/** Options by group, in the order the groups first appear. */
function groupsOf(options: Option[]): [string | undefined, Option[]][] {
  const groups = new Map<string | undefined, Option[]>();
  for (const o of options) groups.set(o.group, [...(groups.get(o.group) ?? []), o]);
  return [...groups];
}

export function SelectField({ fieldKey, label, help, requirement, value, options, placeholder, onValue, disabled, autoFocus, className }: SelectProps) {
  const aria = useDescribed(fieldKey, help);
  return (
    <Shell fieldKey={fieldKey} label={label} help={help} requirement={requirement} className={className}>
      <select {...aria} value={value ?? ''} disabled={disabled || !onValue} autoFocus={autoFocus} onChange={(e) => onValue?.(e.currentTarget.value)}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {groupsOf(options).map(([group, list]) => {
          const rendered = list.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ));
          return group === undefined ? rendered : (
            <optgroup key={group} label={group}>
              {rendered}
            </optgroup>
          );
        })}
      </select>
    </Shell>
  );
}

interface RadioProps {
  fieldKey: string;
  legend: string;
  help?: string;
  requirement?: Requirement;
  value: string | null | undefined;
  options: Option[];
  onValue?: (value: string) => void;
  disabled?: boolean;
  name?: string;
  className?: string;
}

export function RadioField({ fieldKey, legend, help, requirement, value, options, onValue, disabled, name, className }: RadioProps) {
  const aria = useDescribed(fieldKey, help);
  return (
    <fieldset className={`field radios ${aria['aria-invalid'] ? 'invalid' : ''} ${className ?? ''}`} aria-describedby={aria['aria-describedby']} id={aria.id}>
      <legend>
        {legend}
        <RequirementMark requirement={requirement} />
      </legend>
      <div className="options">
        {options.map((o) => (
          <label key={o.value} className="option">
            <input
              type="radio"
              name={name ?? aria.id}
              value={o.value}
              checked={value === o.value}
              disabled={disabled || !onValue}
              onChange={() => onValue?.(o.value)}
            />{' '}
            {o.label}
          </label>
        ))}
      </div>
      {help && (
        <p className="help" id={`${aria.id}-help`}>
          {help}
        </p>
      )}
      <FieldMessages fieldKey={fieldKey} />
    </fieldset>
  );
}

interface CheckProps {
  fieldKey: string;
  label: string;
  help?: string;
  checked: boolean;
  onValue?: (checked: boolean) => void;
  disabled?: boolean;
}

export function CheckField({ fieldKey, label, help, checked, onValue, disabled }: CheckProps) {
  const aria = useDescribed(fieldKey, help);
  return (
    <div className="field check">
      <label>
        <input type="checkbox" {...aria} checked={checked} disabled={disabled || !onValue} onChange={(e) => onValue?.(e.currentTarget.checked)} /> {label}
      </label>
      {help && (
        <p className="help" id={`${aria.id}-help`}>
          {help}
        </p>
      )}
      <FieldMessages fieldKey={fieldKey} />
    </div>
  );
}

/** A read-only item of the case (identity, reporter), with the messages of its field. */
export function ShownField({ fieldKey, label, children, requirement }: { fieldKey: string; label: string; children: ReactNode; requirement?: Requirement }) {
  const msgs = useMessages(fieldKey);
  const id = fieldId(fieldKey);
  return (
    <div className={`shown ${msgs.some((m) => m.severity === 'error') ? 'invalid' : ''}`} id={id} tabIndex={msgs.length ? -1 : undefined}>
      <dt>
        {label}
        <RequirementMark requirement={requirement} />
      </dt>
      <dd>
        {children}
        <FieldMessages fieldKey={fieldKey} />
      </dd>
    </div>
  );
}
