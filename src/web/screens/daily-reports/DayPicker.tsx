// The day a daily-report screen shows: typed as staff type dates (DateInput), shown on 「表示」.
import { useTranslation } from 'react-i18next';
import { Field } from '../../components/Form.tsx';

export function DayPicker({ day, help, onDay }: { day: string; help?: string; onDay: (day: string) => void }) {
  const { t } = useTranslation();
  return (
    <form
      key={day}
      className="inline"
      onSubmit={(e) => {
        e.preventDefault();
        const value = String(new FormData(e.currentTarget).get('day') ?? '');
        if (/^\d{4}-\d{2}-\d{2}$/.test(value)) onDay(value);
      }}
    >
      <Field label={t('dr.day')} help={help} type="date" name="day" defaultValue={day} />
      <button type="submit">{t('dr.show')}</button>
    </form>
  );
}
