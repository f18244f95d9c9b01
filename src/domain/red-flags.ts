// 健康観察 red flags (issue 4): readings that should bring a case to the responsible centre's work
// list at once. One model for entries by staff and (later) by patients themselves. Pure; the
// thresholds are configuration, with defaults from the COVID-19 practice of 2021–22 (SpO2 ≤ 93 %
// is 中等症Ⅱ; a high fever that does not fall for days).
import type { Localized } from './messages.ts';

/** The symptom checklist of a 健康観察 entry, by staff or (later) by the patient. */
export const SYMPTOMS = {
  fever: { ja: '発熱', en: 'Fever' },
  cough: { ja: '咳', en: 'Cough' },
  sore_throat: { ja: '咽頭痛', en: 'Sore throat' },
  breathlessness: { ja: '息苦しさ', en: 'Breathlessness' },
  chest_pain: { ja: '胸の痛み', en: 'Chest pain' },
  confusion: { ja: '意識の混乱', en: 'Confusion' },
  fatigue: { ja: '倦怠感', en: 'Fatigue' },
  headache: { ja: '頭痛', en: 'Headache' },
  loss_of_taste_smell: { ja: '味覚・嗅覚の異常', en: 'Loss of taste or smell' },
  diarrhoea: { ja: '下痢', en: 'Diarrhoea' },
  vomiting: { ja: '嘔吐', en: 'Vomiting' },
} as const satisfies Record<string, Localized>;
export type Symptom = keyof typeof SYMPTOMS;
export const SYMPTOM_CODES = Object.keys(SYMPTOMS) as [Symptom, ...Symptom[]];

export const RED_FLAG_RULES = ['low_spo2', 'persistent_fever', 'warning_symptom'] as const;

export interface HealthEntry {
  /** The day the reading is for, yyyy-mm-dd in Japan. */
  on: string;
  temperature?: number | null;
  spo2?: number | null;
  pulse?: number | null;
  /** Symptom codes from the checklist. */
  symptoms?: readonly string[];
}

export interface RedFlagThresholds {
  /** SpO2 at or below this (%) is a red flag. */
  spo2AtMost: number;
  /** A temperature at or above this (°C)… */
  feverAtLeast: number;
  /** …on this many consecutive days is a red flag. */
  feverDays: number;
  /** Symptoms that are a red flag on their own. */
  symptoms: readonly string[];
}

export const DEFAULT_RED_FLAGS: RedFlagThresholds = {
  spo2AtMost: 93,
  feverAtLeast: 39.0,
  feverDays: 3,
  symptoms: ['breathlessness', 'chest_pain', 'confusion'],
};

export interface RedFlag {
  rule: (typeof RED_FLAG_RULES)[number];
  on: string;
  message: Localized;
}

const previousDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/**
 * The red flags raised by the newest entry, given the case's earlier entries (any order). A day's
 * highest temperature counts; a fever streak needs consecutive calendar days ending on its day.
 */
export function redFlags(latest: HealthEntry, earlier: readonly HealthEntry[], t: RedFlagThresholds = DEFAULT_RED_FLAGS): RedFlag[] {
  const flags: RedFlag[] = [];
  if (latest.spo2 != null && latest.spo2 <= t.spo2AtMost) {
    flags.push({
      rule: 'low_spo2',
      on: latest.on,
      message: { ja: `SpO2 が ${latest.spo2}% です（${t.spo2AtMost}% 以下）。`, en: `SpO2 is ${latest.spo2} % (at or below ${t.spo2AtMost} %).` },
    });
  }
  const feverDays = new Set(
    [...earlier, latest].filter((e) => e.on <= latest.on && e.temperature != null && e.temperature >= t.feverAtLeast).map((e) => e.on),
  );
  let streak = 0;
  for (let d = latest.on; feverDays.has(d); d = previousDay(d)) streak++;
  if (streak >= t.feverDays) {
    flags.push({
      rule: 'persistent_fever',
      on: latest.on,
      message: { ja: `${t.feverAtLeast}℃ 以上の発熱が ${streak} 日続いています。`, en: `Fever of ${t.feverAtLeast} °C or more for ${streak} days.` },
    });
  }
  const alarming = (latest.symptoms ?? []).filter((s) => t.symptoms.includes(s));
  if (alarming.length) {
    const label = (s: string, lang: 'ja' | 'en') => (s in SYMPTOMS ? SYMPTOMS[s as Symptom][lang] : s);
    flags.push({
      rule: 'warning_symptom',
      on: latest.on,
      message: {
        ja: `注意すべき症状があります（${alarming.map((s) => label(s, 'ja')).join('、')}）。`,
        en: `Warning symptoms: ${alarming.map((s) => label(s, 'en').toLowerCase()).join(', ')}.`,
      },
    });
  }
  return flags;
}
