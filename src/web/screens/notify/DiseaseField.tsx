// The disease, chosen first on registration: the tests offer its methods and specimens, and the
// date fields say at once when no form of it was in force (nothing is created then).
import { useTranslation } from 'react-i18next';
import { CATEGORY_NAMES, type FormDefinition } from '../../../domain/forms/definition.ts';
import type { Localized } from '../../../domain/messages.ts';
import { SelectField } from '../../components/NotificationFields.tsx';
import { localized } from '../../i18n.ts';
import { DEFINITIONS, DISEASES, diseaseName, diseaseOf, formatDate } from './forms.ts';

export function DiseaseField({ value, onValue, autoFocus }: { value: string; onValue: (code: string) => void; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const chosen = diseaseOf(value);
  return (
    <SelectField
      fieldKey="disease"
      label={t('disease.label')}
      requirement="legal"
      help={chosen ? `${localized(CATEGORY_NAMES[chosen.category])}・${t(`disease.deadline.${chosen.deadline}`)}` : t('disease.help')}
      value={value}
      placeholder={t('disease.choose')}
      options={DISEASES.map((d) => ({ value: d.formId, label: localized(d.disease), group: localized(CATEGORY_NAMES[d.category]) }))}
      onValue={onValue}
      autoFocus={autoFocus}
      className="wide"
    />
  );
}

/** "No form of this disease on this date", with the period its forms cover, in both languages. */
export function useNoFormMessage(): (disease: string) => Localized {
  const { i18n } = useTranslation();
  return (disease: string) => {
    const versions: FormDefinition[] = DEFINITIONS.filter((d) => d.formId === disease);
    const from = versions.map((d) => d.effectiveFrom).sort()[0] ?? '';
    const ends = versions.map((d) => d.effectiveUntil);
    const until = ends.includes(undefined) ? undefined : ends.sort().at(-1);
    const name = diseaseName(disease);
    const say = (lang: 'ja' | 'en') => {
      const t = i18n.getFixedT(lang);
      const period = t('disease.period', { from: formatDate(from, lang), until: until ? t('disease.periodUntil', { until: formatDate(until, lang) }) : '' });
      return t('disease.noForm', { disease: name[lang], period });
    };
    return { ja: say('ja'), en: say('en') };
  };
}
