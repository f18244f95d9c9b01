// Explanation-based auditing (issue 12; Fabbri & LeFevre, VLDB 2011): an access to a case is
// explained when the database shows a work reason for it AT THE TIME of the access, else it is left
// for a person to review. The templates are data, tried in order; the first that fits names the
// reason. This module is the one home of "which relationship held then" — the patients' "who opened
// my record" (access-explanation.ts) asks it too. Pure: the caller loads the facts.

/** A relationship of an organisation with a case, for a period (null: open-ended). ISO instants or dates. */
export interface CaseRelation {
  orgId: string;
  kind: RelationKind;
  from: string | null;
  until: string | null;
}

/**
 * reporting: the institution that notified; responsible: the health centre in charge (earlier
 * centres until their transfer away); related: a centre added to the case; stay: a hotel or
 * hospital during the stay or admission; assigned: a follow-up centre during the assignment;
 * contact: the centre following a contact of this case, or the case's centre for a contact who
 * became this case.
 */
export type RelationKind = 'reporting' | 'responsible' | 'related' | 'assigned' | 'stay' | 'contact';

export const TEMPLATE_IDS = [
  'patient_self',
  'responsible_centre',
  'reporting_institution',
  'stay',
  'assignment',
  'related_centre',
  'contact_of_case',
  'break_glass',
  'helpdesk',
  'work_list',
  'search_then_work',
  'purpose',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

type Basis =
  | { relation: RelationKind }
  | { grant: true }
  | { helpdesk: true }
  | { activity: 'work_list' | 'search_then_work' }
  | { patient: true }
  | { purpose: true };

export interface ExplanationTemplate {
  id: TemplateId;
  ja: string;
  en: string;
  basis: Basis;
}

/** Tried in this order: the patient, the organisation's relationships, the user's break-the-glass grant, the user's own work, and last the typed purpose. */
export const EXPLANATION_TEMPLATES: readonly ExplanationTemplate[] = [
  { id: 'patient_self', ja: '本人によるアクセス', en: 'The patient themselves', basis: { patient: true } },
  { id: 'responsible_centre', ja: '担当保健所の職員（当時の担当）', en: 'Staff of the responsible health centre at the time', basis: { relation: 'responsible' } },
  { id: 'reporting_institution', ja: '発生届を提出した医療機関', en: 'The institution that notified the case', basis: { relation: 'reporting' } },
  { id: 'stay', ja: '療養・入院中の宿泊療養施設・病院', en: 'The hotel or hospital during the stay or admission', basis: { relation: 'stay' } },
  { id: 'assignment', ja: '担当期間中のフォローアップセンター等', en: 'The follow-up centre during its assignment', basis: { relation: 'assigned' } },
  { id: 'related_centre', ja: '関係保健所の職員', en: 'Staff of a related health centre', basis: { relation: 'related' } },
  { id: 'contact_of_case', ja: '自所の事例から登録された濃厚接触者', en: 'A contact registered from a case of the viewer’s centre', basis: { relation: 'contact' } },
  { id: 'break_glass', ja: '緊急アクセス（理由を記録した期限付きの許可の期間中）', en: 'Emergency access: during a time-limited grant with a recorded reason', basis: { grant: true } },
  { id: 'helpdesk', ja: 'ヘルプデスク対応（担当保健所が認めた期限付きの閲覧の期間中）', en: 'Helpdesk: during a time-limited, read-only access the responsible centre allowed', basis: { helpdesk: true } },
  { id: 'work_list', ja: '直前に本人が開いた業務一覧にあった事例', en: 'The case was on the work list the user had just read', basis: { activity: 'work_list' } },
  { id: 'search_then_work', ja: '検索の後、数分以内にその事例で業務を行った', en: 'A search listed the case and the user then worked on it within minutes', basis: { activity: 'search_then_work' } },
  { id: 'purpose', ja: '入力された利用目的のみ', en: 'Only the purpose the user typed', basis: { purpose: true } },
];

/** How close in time the user's own work must be (minutes). */
export interface ExplanationWindows {
  /** A work list read at most this long before the access. */
  workListMinutes: number;
  /** A search at most this long before the access, and work on the case at most this long after the search. */
  searchWorkMinutes: number;
  /**
   * The request that ends a relationship (a transfer away, the end of a stay) is still work under
   * it; its audit time falls a moment after the period's end (the transaction's start).
   */
  endGraceSeconds: number;
}

export const DEFAULT_WINDOWS: ExplanationWindows = { workListMinutes: 60, searchWorkMinutes: 30, endGraceSeconds: 60 };

export interface Access {
  /** A staff user's organisation, or the patient (My HER-SYS) with their cases. */
  actor: { kind: 'user'; orgId: string } | { kind: 'patient'; caseIds: readonly string[] };
  caseId: string;
  at: string;
  purpose: string | null;
}

/** What the database held about the case and this user's own work around the access. */
export interface AccessFacts {
  relations: readonly CaseRelation[];
  /** When this user read a work list that listed the case. */
  workListAt?: readonly string[];
  /** When a search by this user listed the case. */
  searchedAt?: readonly string[];
  /** When this user did work (a change, not a read) on the case. */
  workAt?: readonly string[];
  /** This user's break-the-glass grants on the case (issue 14): from, until (expiry or early end, whichever came first). */
  grants?: readonly { from: string; until: string }[];
  /** This user's helpdesk accesses to the case (issue 14, Q&A 24): from its start until it expired or the centre ended it. */
  helpdesk?: readonly { from: string; until: string }[];
}

const MINUTE = 60_000;
const time = (iso: string) => Date.parse(iso);

/** Whether `orgId` held a relationship of `kind` with the case at `at`. Date-only periods cover whole days. */
export function heldAt(relations: readonly CaseRelation[], orgId: string, kind: RelationKind, at: string, graceSeconds = DEFAULT_WINDOWS.endGraceSeconds): boolean {
  const t = time(at);
  return periodsOf(relations).some((r) => r.orgId === orgId && r.kind === kind && r.from <= t && t <= r.until + graceSeconds * 1000);
}

// The job explains thousands of accesses to one case with the same relations: their instants are parsed once.
const parsed = new WeakMap<readonly CaseRelation[], { orgId: string; kind: RelationKind; from: number; until: number }[]>();
function periodsOf(relations: readonly CaseRelation[]) {
  let p = parsed.get(relations);
  if (!p) {
    p = relations.map((r) => ({ orgId: r.orgId, kind: r.kind, from: r.from === null ? -Infinity : startOf(r.from), until: r.until === null ? Infinity : endOf(r.until) }));
    parsed.set(relations, p);
  }
  return p;
}

// A date without a time (a stay's 2022-08-15) means the Japan day: from its start to its end.
const isDate = (s: string) => s.length === 10;
const startOf = (s: string) => (isDate(s) ? Date.parse(`${s}T00:00:00+09:00`) : time(s));
const endOf = (s: string) => (isDate(s) ? Date.parse(`${s}T00:00:00+09:00`) + 1440 * MINUTE - 1 : time(s));

/** The first relationship kind (in template order) that `orgId` held at `at`, or null. */
export function relationAt(relations: readonly CaseRelation[], orgId: string, at: string): RelationKind | null {
  for (const t of EXPLANATION_TEMPLATES) {
    if ('relation' in t.basis && heldAt(relations, orgId, t.basis.relation, at)) return t.basis.relation;
  }
  return null;
}

function activityFits(kind: 'work_list' | 'search_then_work', at: number, facts: AccessFacts, w: ExplanationWindows): boolean {
  if (kind === 'work_list') {
    return (facts.workListAt ?? []).some((l) => time(l) <= at && at - time(l) <= w.workListMinutes * MINUTE);
  }
  const span = w.searchWorkMinutes * MINUTE;
  return (facts.searchedAt ?? []).some((s) => {
    const st = time(s);
    return st <= at && at - st <= span && (facts.workAt ?? []).some((x) => time(x) >= at && time(x) - st <= span);
  });
}

/** The first template that explains the access, or null (unexplained: a person reviews it). */
export function explainAccess(access: Access, facts: AccessFacts, windows: ExplanationWindows = DEFAULT_WINDOWS): TemplateId | null {
  const at = time(access.at);
  for (const t of EXPLANATION_TEMPLATES) {
    const b = t.basis;
    if ('patient' in b) {
      if (access.actor.kind === 'patient' && access.actor.caseIds.includes(access.caseId)) return t.id;
    } else if (access.actor.kind !== 'user') {
      continue;
    } else if ('relation' in b) {
      if (heldAt(facts.relations, access.actor.orgId, b.relation, access.at, windows.endGraceSeconds)) return t.id;
    } else if ('grant' in b || 'helpdesk' in b) {
      // The request that makes or ends a grant is audited a moment around its bounds: the grace covers both.
      const grace = windows.endGraceSeconds * 1000;
      const periods = ('grant' in b ? facts.grants : facts.helpdesk) ?? [];
      if (periods.some((g) => time(g.from) - grace <= at && at < time(g.until) + grace)) return t.id;
    } else if ('activity' in b) {
      if (activityFits(b.activity, at, facts, windows)) return t.id;
    } else if (access.purpose && access.purpose.trim() !== '') {
      return t.id;
    }
  }
  return null;
}

/** Whether the organisation ever held a relationship with the case before `at` that had ended by then. */
export function relationEndedBefore(relations: readonly CaseRelation[], orgId: string, at: string, graceSeconds = DEFAULT_WINDOWS.endGraceSeconds): boolean {
  const t = time(at);
  return relations.some((r) => r.orgId === orgId && r.until !== null && endOf(r.until) + graceSeconds * 1000 < t);
}
