// Choosing an ISO week (Monday to Sunday) among a list, labelled with its days.
import { useTranslation } from 'react-i18next';
import { parseWeekKey, weekEnd, weekStart } from '../../../domain/iso-week.ts';
import { SelectField } from '../../components/Form.tsx';
import { formatDate } from '../../dates.ts';

export function useWeekLabel() {
  const { t, i18n } = useTranslation();
  return (key: string) => {
    const w = parseWeekKey(key);
    return w ? t('sn.weekLabel', { key, from: formatDate(weekStart(w), i18n.language), to: formatDate(weekEnd(w), i18n.language) }) : key;
  };
}

export function WeekSelect({ label, help, weeks, value, onWeek }: { label: string; help?: string; weeks: readonly string[]; value: string; onWeek: (week: string) => void }) {
  const weekLabel = useWeekLabel();
  return (
    <SelectField label={label} help={help} value={value} onChange={(e) => onWeek(e.currentTarget.value)} options={weeks.map((w) => ({ value: w, label: weekLabel(w) }))} />
  );
}
