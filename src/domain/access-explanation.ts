// "Who opened my record" (issue 11): what an access did and why, in words a patient reads. Why comes
// from the purpose the user gave or, without one, from the work relationship their organisation had
// with the case at the time: the notifying clinic, the responsible or a related health centre, the
// hotel or hospital during the stay, the follow-up centre while assigned. Pure: the facts are the
// caller's. Which relationship held at the time is the access review's rule (access-review/explanations.ts).
import { relationAt, type CaseRelation } from './access-review/explanations.ts';
import type { Localized } from './messages.ts';

export type { CaseRelation };

const RELATION_WORDS: Record<CaseRelation['kind'], Localized> = {
  reporting: { ja: 'あなたを診断し届け出た医療機関として', en: 'As the clinic that diagnosed and notified you' },
  responsible: { ja: 'あなたを担当する保健所として', en: 'As your responsible health centre' },
  related: { ja: 'あなたに関係する保健所として', en: 'As a health centre involved in your case' },
  assigned: { ja: '健康観察を担当するフォローアップセンターとして', en: 'As the follow-up centre monitoring your health' },
  stay: { ja: '療養先（宿泊療養施設・病院）として', en: 'As the hotel or hospital where you stayed' },
  contact: { ja: '濃厚接触者の調査を行う保健所として', en: 'As the health centre tracing your close contacts' },
};

/** What each area of the record is called, by the action's prefix (cases.read → cases). */
const AREA_WORDS: Record<string, Localized> = {
  cases: { ja: '基本情報・記録を見た、または変更した', en: 'Viewed or changed your case record' },
  persons: { ja: '氏名・連絡先などを見た、または変更した', en: 'Viewed or changed your personal details' },
  notifications: { ja: '発生届を見た、または変更した', en: 'Viewed or changed your notification' },
  observations: { ja: '健康観察を見た、または記録した', en: 'Viewed or recorded your health observations' },
  alerts: { ja: '健康状態の注意を見た、または対応した', en: 'Viewed or handled a health alert' },
  residences: { ja: '療養場所を見た、または変更した', en: 'Viewed or changed where you stay' },
  hospital_course: { ja: '入院・治療の経過を見た', en: 'Viewed your hospital stay' },
  clinical_course: { ja: '治療の経過を記録した', en: 'Recorded your treatment' },
  admissions: { ja: '入院を記録した', en: 'Recorded a hospital admission' },
  lab_tests: { ja: '検査を見た、または記録した', en: 'Viewed or recorded your tests' },
  contacts: { ja: '濃厚接触者の情報を見た、または変更した', en: 'Viewed or changed close-contact records' },
  patients: { ja: 'My HER-SYS の設定を見た、または変更した', en: 'Viewed or changed your My HER-SYS settings' },
  worklist: { ja: '保健所の業務一覧であなたの事例を見た', en: 'Saw your case on the centre’s work list' },
  external_ids: { ja: '他のシステムの番号を見た、または変更した', en: 'Viewed or changed IDs of other systems' },
  processing_numbers: { ja: '処理番号を見た、または発行した', en: 'Viewed or issued a processing number' },
};
const OTHER_AREA: Localized = { ja: 'あなたの記録を扱った', en: 'Worked on your record' };

export function accessWhat(action: string): Localized {
  return AREA_WORDS[action.split('.')[0]] ?? OTHER_AREA;
}

/** The purpose given, quoted; else the relationship at the time of the access; else "no relationship recorded". */
export function accessWhy(access: { at: string; orgId: string; purpose: string | null }, relations: readonly CaseRelation[]): Localized {
  if (access.purpose) return { ja: `理由: 「${access.purpose}」`, en: `Reason given: “${access.purpose}”` };
  const held = relationAt(relations, access.orgId, access.at);
  if (held) return RELATION_WORDS[held];
  return { ja: '業務上の関係が記録されていません（確認の対象になります）', en: 'No work relationship on record (this access will be reviewed)' };
}
