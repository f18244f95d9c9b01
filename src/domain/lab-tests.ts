// Lab tests (検査) behind a 発生届: the catalogue of 診断方法 and 検体 across the notifiable diseases
// (hersys-domain.md §2.2 row 12 for COVID-19). Codes are stable and stored; labels are what a
// person reads, Japanese first. Each disease's form definition offers its own subset
// (`diagnosis.methods`), with the specimens its notification criteria name for each method.
import { z } from 'zod';
import type { Localized } from './messages.ts';

export const TEST_METHODS = [
  'isolation',
  'naat',
  'antigen_qualitative',
  'antigen_quantitative',
  'antibody_igm',
  'antibody_paired',
  'antibody',
  'smear',
  'microscopy',
  'toxin',
  'serology_nontreponemal',
  'serology_treponemal',
  'igra',
  'tuberculin',
  'pathology',
  'imaging',
  'other',
] as const;
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
  antibody_igm: { ja: 'IgM抗体の検出', en: 'Detection of IgM antibody' },
  antibody_paired: {
    ja: 'ペア血清での抗体陽転又は抗体価の有意の上昇',
    en: 'Seroconversion or a significant rise of antibody titre in paired sera',
  },
  antibody: { ja: '抗体の検出（単一血清）', en: 'Detection of antibody (single serum)' },
  smear: { ja: '塗抹検査による病原菌の検出', en: 'Detection of the bacterium by smear microscopy' },
  microscopy: { ja: '顕微鏡下での病原体の検出（暗視野顕微鏡・蛍光抗体法など）', en: 'Detection of the pathogen under the microscope (dark field, fluorescent antibody, etc.)' },
  toxin: { ja: '毒素（ベロ毒素）の検出', en: 'Detection of the toxin (verotoxin / Shiga toxin)' },
  serology_nontreponemal: { ja: 'カルジオリピンを抗原とする検査（RPR法など）', en: 'Non-treponemal test (cardiolipin antigen, e.g. RPR)' },
  serology_treponemal: { ja: 'TPを抗原とする検査（TPHA・TPLA法など）', en: 'Treponemal test (TP antigen, e.g. TPHA, TPLA)' },
  igra: { ja: 'リンパ球の菌特異蛋白刺激による放出インターフェロンγ試験（IGRA）', en: 'Interferon-gamma release assay (IGRA)' },
  tuberculin: { ja: 'ツベルクリン反応検査', en: 'Tuberculin skin test' },
  pathology: { ja: '病理検査における特異的所見の確認', en: 'Specific findings on pathological examination' },
  imaging: { ja: '画像検査における所見', en: 'Findings on imaging' },
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
  'blood',
  'serum',
  'urine',
  'csf',
  'skin_lesion',
  'genital_lesion',
  'gastric_fluid',
  'pleural_fluid',
  'tissue',
  'isolate',
  'none',
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
  blood: { ja: '血液', en: 'Blood' },
  serum: { ja: '血清', en: 'Serum' },
  urine: { ja: '尿', en: 'Urine' },
  csf: { ja: '髄液', en: 'Cerebrospinal fluid' },
  skin_lesion: { ja: '皮膚病変（水疱・痂皮など）', en: 'Skin lesion (vesicle, crust, etc.)' },
  genital_lesion: { ja: '病変部（初期硬結・硬性下疳など）', en: 'Lesion (primary chancre, etc.)' },
  gastric_fluid: { ja: '胃液', en: 'Gastric aspirate' },
  pleural_fluid: { ja: '胸水', en: 'Pleural fluid' },
  tissue: { ja: '組織（生検材料など）', en: 'Tissue (biopsy, etc.)' },
  isolate: { ja: '分離菌', en: 'Isolate' },
  none: { ja: '検体なし（画像・皮内反応など）', en: 'No specimen (imaging, skin test, etc.)' },
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

const SAMPLES = SPECIMENS.filter((s) => s !== 'none');
const SERA = ['serum', 'blood', 'csf'] as const satisfies readonly Specimen[];

/**
 * The specimens a method can take at all. A disease's definition narrows this to what its
 * notification criteria name (`diagnosis.methods`); COVID-19's antigen tests were approved for
 * fewer specimens than other diseases' antigen tests (a urinary antigen, for one).
 */
export const SPECIMENS_BY_METHOD: Record<TestMethod, readonly Specimen[]> = {
  isolation: SAMPLES,
  naat: SAMPLES,
  antigen_qualitative: SAMPLES,
  antigen_quantitative: ['nasal_swab', 'nasopharyngeal_swab', 'saliva', 'serum', 'blood'],
  antibody_igm: SERA,
  antibody_paired: SERA,
  antibody: SERA,
  smear: SAMPLES,
  microscopy: SAMPLES,
  toxin: ['stool', 'isolate', 'serum', 'other'],
  serology_nontreponemal: SERA,
  serology_treponemal: SERA,
  igra: ['blood'],
  tuberculin: ['none'],
  pathology: ['tissue', 'autopsy', 'skin_lesion', 'other'],
  imaging: ['none'],
  other: SPECIMENS,
};

/** The specimens one disease's form offers for a method (a definition's `diagnosis.methods`). */
export interface DiagnosisMethod {
  method: TestMethod;
  specimens: readonly Specimen[];
}

/** A specimen the method takes — within what the disease's form offers, when it is known. */
export function specimenAllowed(method: TestMethod, specimen: Specimen, offered?: readonly DiagnosisMethod[]): boolean {
  // Tolerates unknown codes (e.g. unparsed input in the browser): not allowed, rather than a crash.
  if (offered) return offered.some((m) => m.method === method && m.specimens.includes(specimen));
  return SPECIMENS_BY_METHOD[method]?.includes(specimen) ?? false;
}

/** HER-SYS takes up to four test records at once (Q&A 6). */
export const MAX_TESTS_PER_ENTRY = 4;
