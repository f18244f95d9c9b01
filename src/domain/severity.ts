// 医療タブ「重症度」: how ill an inpatient is. 重症 is what HER-SYS counts as severe (Q&A 15): managed in
// an ICU or equivalent, on a ventilator, or on ECMO — it follows from those facts, so a clinician
// never states it; the database holds the same rule (clinical_course_severe_check). Needing oxygen
// is at least 中等症Ⅱ (新型コロナウイルス感染症 診療の手引き: 中等症Ⅱ = 酸素投与が必要). Pure.
import type { Localized } from './messages.ts';

export const SEVERITIES = ['mild', 'moderate1', 'moderate2', 'severe'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a clinician may state; 重症 is derived (Q&A 15). */
export const STATED_SEVERITIES = ['mild', 'moderate1', 'moderate2'] as const;
export type StatedSeverity = (typeof STATED_SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, Localized> = {
  mild: { ja: '軽症', en: 'Mild' },
  moderate1: { ja: '中等症Ⅰ', en: 'Moderate I' },
  moderate2: { ja: '中等症Ⅱ', en: 'Moderate II' },
  severe: { ja: '重症', en: 'Severe' },
};

export interface ClinicalState {
  stated: StatedSeverity;
  oxygen: boolean;
  icu: boolean;
  ventilator: boolean;
  ecmo: boolean;
}

/** The severity to store: 重症 exactly with ICU, ventilator or ECMO; with oxygen at least 中等症Ⅱ. */
export function severityOf(s: ClinicalState): Severity {
  if (s.icu || s.ventilator || s.ecmo) return 'severe';
  if (s.oxygen && s.stated !== 'moderate2') return 'moderate2';
  return s.stated;
}
