// Lab tests (検査) behind a 発生届: the value sets of item 12 「診断方法」 (hersys-domain.md §2.2
// row 12). Codes are stable and stored; labels are what a person reads, Japanese first.
import { z } from 'zod';
import type { Localized } from './messages.ts';

export const TEST_METHODS = ['isolation', 'naat', 'antigen_qualitative', 'antigen_quantitative', 'other'] as const;
export const TestMethod = z.enum(TEST_METHODS);
export type TestMethod = z.infer<typeof TestMethod>;

export const TEST_METHOD_LABELS: Record<TestMethod, Localized> = {
  isolation: { ja: '分離・同定による病原体の検出', en: 'Detection of the pathogen by isolation and identification' },
  naat: {
    ja: '検体から直接の核酸増幅法（PCR法・LAMP法など）による病原体遺伝子の検出',
    en: "Detection of the pathogen's genes by nucleic acid amplification (PCR, LAMP, etc.) directly from the specimen",
  },
  antigen_qualitative: { ja: '抗原定性検査による病原体の抗原の検出', en: "Detection of the pathogen's antigen by a qualitative antigen test" },
  antigen_quantitative: { ja: '抗原定量検査による病原体の抗原の検出', en: "Detection of the pathogen's antigen by a quantitative antigen test" },
  other: { ja: 'その他', en: 'Other' },
};

export const SPECIMENS = [
  'sputum',
  'tracheal_aspirate',
  'bal',
  'throat_swab',
  'nasal_aspirate',
  'nasal_swab',
  'nasopharyngeal_swab',
  'stool',
  'saliva',
  'autopsy',
  'other',
] as const;
export const Specimen = z.enum(SPECIMENS);
export type Specimen = z.infer<typeof Specimen>;

export const SPECIMEN_LABELS: Record<Specimen, Localized> = {
  sputum: { ja: '喀痰', en: 'Sputum' },
  tracheal_aspirate: { ja: '気管吸引液', en: 'Tracheal aspirate' },
  bal: { ja: '肺胞洗浄液', en: 'Bronchoalveolar lavage fluid' },
  throat_swab: { ja: '咽頭拭い液', en: 'Throat swab' },
  nasal_aspirate: { ja: '鼻腔吸引液', en: 'Nasal aspirate' },
  nasal_swab: { ja: '鼻腔拭い液', en: 'Nasal swab' },
  nasopharyngeal_swab: { ja: '鼻咽頭拭い液', en: 'Nasopharyngeal swab' },
  stool: { ja: '便', en: 'Stool' },
  saliva: { ja: '唾液', en: 'Saliva' },
  autopsy: { ja: '剖検材料', en: 'Autopsy material' },
  other: { ja: 'その他', en: 'Other' },
};

export const TEST_RESULTS = ['positive', 'negative', 'undetermined', 'pending'] as const;
export const TestResult = z.enum(TEST_RESULTS);
export type TestResult = z.infer<typeof TestResult>;

export const TEST_RESULT_LABELS: Record<TestResult, Localized> = {
  positive: { ja: '陽性', en: 'Positive' },
  negative: { ja: '陰性', en: 'Negative' },
  undetermined: { ja: '不明', en: 'Undetermined' },
  pending: { ja: '検査中（結果待ち）', en: 'Pending (awaiting the result)' },
};

/** Specimens the form offers for each method: the antigen tests are approved for fewer specimens. */
export const SPECIMENS_BY_METHOD: Record<TestMethod, readonly Specimen[]> = {
  isolation: SPECIMENS,
  naat: SPECIMENS,
  antigen_qualitative: ['nasal_swab', 'nasopharyngeal_swab'],
  antigen_quantitative: ['nasal_swab', 'nasopharyngeal_swab', 'saliva'],
  other: SPECIMENS,
};

export function specimenAllowed(method: TestMethod, specimen: Specimen): boolean {
  // Tolerates unknown codes (e.g. unparsed input in the browser): not allowed, rather than a crash.
  return SPECIMENS_BY_METHOD[method]?.includes(specimen) ?? false;
}

/** HER-SYS takes up to four test records at once (Q&A 6). */
export const MAX_TESTS_PER_ENTRY = 4;
