// The typed items of a notification (NOTIFICATION_ITEMS, besides the reporter) as Questionnaire
// items: they come first in every Questionnaire, before the definition's own items. linkId is the
// key the web form sends (onsetOn, …), so an answer means the same in both.
import type { CoreLevel, FormDefinition } from '../forms/definition.ts';
import type { Localized } from '../messages.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS } from '../notification.ts';

export type CoreKey =
  | 'classification'
  | 'diagnosedOn'
  | 'initialConsultationOn'
  | 'specimenCollectedOn'
  | 'onsetOn'
  | 'estimatedInfectionOn'
  | 'deathOn'
  | 'occupation'
  | 'admitted'
  | 'symptomatic'
  | 'clinicalDiagnosis';

export interface CoreItem {
  key: CoreKey;
  type: 'choice' | 'date' | 'string' | 'boolean';
  label: Localized;
  /** The level this form version gives the item; 'not_collected' leaves it out of the Questionnaire. */
  level: (def: FormDefinition) => CoreLevel;
  options?: { code: string; label: Localized }[];
}

export const CORE_ITEMS: readonly CoreItem[] = [
  {
    key: 'classification',
    type: 'choice',
    label: { ja: '診断（検案）した者（死体）の類型', en: 'Classification' },
    level: () => 'submit', // part of the legal minimum (Q&A 5)
    options: CLASSIFICATIONS.map((code) => ({ code, label: CLASSIFICATION_LABELS[code] })),
  },
  { key: 'diagnosedOn', type: 'date', label: { ja: '診断（検案）年月日', en: 'Date of diagnosis' }, level: () => 'law' },
  { key: 'initialConsultationOn', type: 'date', label: { ja: '初診年月日', en: 'Date of first consultation' }, level: (d) => d.core.initialConsultationDate },
  { key: 'specimenCollectedOn', type: 'date', label: { ja: '検体採取年月日', en: 'Specimen collection date' }, level: (d) => d.core.specimenCollectedDate },
  { key: 'onsetOn', type: 'date', label: { ja: '発病年月日', en: 'Date of onset' }, level: (d) => d.core.onsetDate },
  { key: 'estimatedInfectionOn', type: 'date', label: { ja: '感染推定年月日', en: 'Estimated date of infection' }, level: (d) => d.core.estimatedInfectionDate },
  { key: 'deathOn', type: 'date', label: { ja: '死亡年月日', en: 'Date of death' }, level: (d) => d.core.deathDate },
  { key: 'occupation', type: 'string', label: { ja: '職業', en: 'Occupation' }, level: (d) => d.core.occupation },
  { key: 'admitted', type: 'boolean', label: { ja: '入院', en: 'Admitted' }, level: () => 'optional' },
  { key: 'symptomatic', type: 'boolean', label: { ja: '症状の有無', en: 'Symptomatic' }, level: () => 'optional' },
  {
    key: 'clinicalDiagnosis',
    type: 'boolean',
    label: { ja: '臨床診断（みなし陽性）', en: 'Clinical diagnosis without a positive test' },
    level: (d) => (d.allowsClinicalDiagnosis ? 'optional' : 'not_collected'),
  },
];

/** The typed items this version collects. */
export const coreItemsOf = (def: FormDefinition) => CORE_ITEMS.filter((c) => c.level(def) !== 'not_collected');
