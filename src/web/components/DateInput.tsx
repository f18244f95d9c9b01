// A date typed the way staff type it — 2022-10-03, 2022/10/3, R4.10.3, S33.4.12, 昭和33年4月12日 —
// read by the domain's parser and shown back as a date, so the form sends yyyy-mm-dd. What cannot
// be read is sent as typed, and the server's schema answers at the field.
import { useState, type InputHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDateInput } from '../../domain/calendar.ts';
import { formatDate } from '../dates.ts';

type Props = Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value' | 'defaultValue' | 'onChange'> & {
  /** yyyy-mm-dd (or what was typed). */
  value?: string;
  defaultValue?: string;
  onValue?: (value: string) => void;
  /** The id of the element that reads the date back (aria-describedby). */
  readBackId: string;
};

export function DateInput({ value, defaultValue, onValue, readBackId, name, min: _min, max: _max, ...input }: Props) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState(value ?? defaultValue ?? '');
  // Controlled: what the user typed stays as typed while it means the value; a new value from
  // outside (a saved draft reloaded) replaces it.
  const typedMeansValue = typed.trim() === value || parseDateInput(typed) === value;
  const shown = value === undefined || typedMeansValue ? typed : value;
  const parsed = parseDateInput(shown);
  return (
    <>
      <input
        {...input}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('date.placeholder')}
        value={shown}
        onChange={(e) => {
          setTyped(e.currentTarget.value);
          onValue?.(parseDateInput(e.currentTarget.value) ?? e.currentTarget.value.trim());
        }}
      />
      {name && <input type="hidden" name={name} value={parsed ?? shown.trim()} />}
      <span className="date-readback" id={readBackId} aria-live="polite">
        {parsed ? formatDate(parsed, i18n.language) : shown.trim() ? t('date.unreadable') : ''}
      </span>
    </>
  );
}
