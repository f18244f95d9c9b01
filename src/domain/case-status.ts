// 記録タブ「現在のステータス」: where a notified case stands, and who may move it where (issue 4).
// The health centre owns the status (Q&A 14-3): it sets a missing one, corrects any, and alone may
// reopen a final one (released, died), with a reason. A hospital records admission and discharge of
// its own inpatients (Q&A 9); an accommodation facility and a follow-up centre move their own
// residents and cases on. Pure: whether the case is the actor's inpatient, resident or assigned
// case is decided by the caller (and by row-level security).
import type { Localized } from './messages.ts';
import type { OrgKind, Role } from './organizations.ts';

export const CASE_STATUSES = [
  'awaiting_admission',
  'hospitalized',
  'accommodation',
  'home',
  'welfare_facility',
  'released',
  'died',
  'unknown',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_STATUS_LABELS: Record<CaseStatus, Localized> = {
  awaiting_admission: { ja: '入院調整中', en: 'Awaiting admission' },
  hospitalized: { ja: '入院中', en: 'In hospital' },
  accommodation: { ja: '宿泊療養中', en: 'In an accommodation facility' },
  home: { ja: '自宅療養中', en: 'Recovering at home' },
  welfare_facility: { ja: '社会福祉施設等療養中', en: 'In a social-welfare facility' },
  released: { ja: '療養解除', en: 'Released from care' },
  died: { ja: '死亡', en: 'Died' },
  unknown: { ja: '不明', en: 'Lost to follow-up' },
};

/** Final: only the health centre reopens them, with a reason. */
export const FINAL_STATUSES: readonly CaseStatus[] = ['released', 'died'];

/** Who is changing the status, as the rules tell them apart. */
export type StatusActor = 'health_centre' | 'hospital' | 'facility' | 'followup';

/** Which rules apply to a user, by organisation kind and role; null when their organisation never changes a status. */
export function statusActorOf(orgKind: OrgKind, roles: readonly Role[]): StatusActor | null {
  const has = (r: Role) => roles.includes(r);
  if (orgKind === 'health_center' && has('hc_staff')) return 'health_centre';
  if (orgKind === 'medical_institution' && (has('doctor') || has('clerk'))) return 'hospital';
  if (orgKind === 'accommodation_facility' && has('facility_staff')) return 'facility';
  if (orgKind === 'followup_center' && has('followup_staff')) return 'followup';
  return null;
}

type From = CaseStatus | 'none';

/**
 * The transitions each kind of actor may make besides the health centre, which may make any
 * (none = no status yet). The closing note of issue 4 prints this table.
 */
export const TRANSITIONS: Record<Exclude<StatusActor, 'health_centre'>, readonly (readonly [From, CaseStatus])[]> = {
  // Admission of its own patient from wherever they were, and the hospital course's end.
  hospital: [
    ...(['none', 'awaiting_admission', 'accommodation', 'home', 'welfare_facility', 'unknown'] as const).map((f) => [f, 'hospitalized'] as const),
    ...(['home', 'accommodation', 'welfare_facility', 'released', 'died'] as const).map((t) => ['hospitalized', t] as const),
  ],
  // A resident deteriorates (to admission), goes home, or is released.
  facility: (['awaiting_admission', 'hospitalized', 'home', 'released'] as const).map((t) => ['accommodation', t] as const),
  // A case followed at home deteriorates or is released.
  followup: (['awaiting_admission', 'released'] as const).map((t) => ['home', t] as const),
};

export type StatusProblem =
  | 'no_change'
  | 'final_status'
  | 'reopen_needs_reason'
  | 'transition_not_allowed'
  | 'effective_in_future'
  | 'effective_before_current';

/** Why the change may not be made, or null when it may. Dates are yyyy-mm-dd in Japan. */
export function statusChangeProblem(change: {
  actor: StatusActor;
  from: CaseStatus | null;
  to: CaseStatus;
  effectiveOn: string;
  /** When the current status took effect: a change cannot take effect before it (the history stays in order). */
  fromEffectiveOn?: string | null;
  today: string;
  reason?: string | null;
}): StatusProblem | null {
  const { actor, to } = change;
  const from: From = change.from ?? 'none';
  if (change.effectiveOn > change.today) return 'effective_in_future';
  if (change.fromEffectiveOn && change.effectiveOn < change.fromEffectiveOn) return 'effective_before_current';
  if (from === to) return 'no_change';
  if (from !== 'none' && FINAL_STATUSES.includes(from)) {
    if (actor !== 'health_centre') return 'final_status';
    return change.reason?.trim() ? null : 'reopen_needs_reason';
  }
  if (actor === 'health_centre') return null;
  return TRANSITIONS[actor].some(([f, t]) => f === from && t === to) ? null : 'transition_not_allowed';
}
