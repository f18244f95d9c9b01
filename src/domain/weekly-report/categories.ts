// The law's names of the disease categories, for the weekly report's files (the PDF); the screens
// have the same names in ui-text-diseases.ts.
import type { DiseaseCategory } from '../forms/definition.ts';
import type { Localized } from '../messages.ts';

export const CATEGORY_NAMES: Record<DiseaseCategory, Localized> = {
  category_1: { ja: '一類感染症', en: 'Category 1' },
  category_2: { ja: '二類感染症', en: 'Category 2' },
  category_3: { ja: '三類感染症', en: 'Category 3' },
  category_4: { ja: '四類感染症', en: 'Category 4' },
  category_5: { ja: '五類感染症（全数把握）', en: 'Category 5 (every case notified)' },
  pandemic_influenza: { ja: '新型インフルエンザ等感染症', en: 'Pandemic influenza and similar diseases' },
  designated: { ja: '指定感染症', en: 'Designated infectious disease' },
};
