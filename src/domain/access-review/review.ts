// The privacy officer's review of an alert (issue 12): which decision may follow which status, as
// a table, and the words of each. Dismissed and confirmed are final; asking needs a user to ask.
import type { Localized } from '../messages.ts';

export const ALERT_SOURCES = ['rules', 'hard_limit', 'patient_question', 'report'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_STATUSES = ['open', 'asked', 'answered', 'escalated', 'dismissed', 'confirmed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** The officer's decisions (review_actions.action, besides the asked user's 'answer'). */
export const REVIEW_DECISIONS = ['dismiss', 'ask', 'escalate', 'confirm'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const SENSITIVE_KINDS = ['public_figure', 'staff', 'other'] as const;
export type SensitiveKind = (typeof SENSITIVE_KINDS)[number];

/** The status each decision leaves the alert in. */
export const STATUS_AFTER: Record<ReviewDecision, AlertStatus> = {
  dismiss: 'dismissed',
  ask: 'asked',
  escalate: 'escalated',
  confirm: 'confirmed',
};

/** From which statuses each decision may be taken: nothing follows a final decision, and a question waits for its answer. */
const ALLOWED_FROM: Record<ReviewDecision, readonly AlertStatus[]> = {
  dismiss: ['open', 'asked', 'answered', 'escalated'],
  ask: ['open', 'answered', 'escalated'],
  escalate: ['open', 'asked', 'answered', 'escalated'],
  confirm: ['open', 'asked', 'answered', 'escalated'],
};

export type DecisionRefusal = 'review_final' | 'review_waiting_answer' | 'review_no_subject' | 'review_no_parent';

/** Why a decision cannot be taken on an alert, or null when it can. */
export function refusalOf(
  decision: ReviewDecision,
  alert: { status: AlertStatus; subjectUserId: string | null },
  officer: { orgParentId: string | null },
): DecisionRefusal | null {
  if (!ALLOWED_FROM[decision].includes(alert.status)) return alert.status === 'asked' ? 'review_waiting_answer' : 'review_final';
  if (decision === 'ask' && !alert.subjectUserId) return 'review_no_subject';
  if (decision === 'escalate' && !officer.orgParentId) return 'review_no_parent';
  return null;
}

/** Statuses still waiting for an officer (the queue's default). */
export const OPEN_STATUSES: readonly AlertStatus[] = ['open', 'asked', 'answered', 'escalated'];

/** The message catalogue's entries of the review (spread into MESSAGES). */
export const REVIEW_MESSAGES = {
  review_final: { ja: 'このアラートは判定済みです。', en: 'This alert has already been decided.' },
  review_waiting_answer: { ja: '利用者の回答を待っています。', en: 'The user has not answered yet.' },
  review_no_subject: { ja: 'このアラートには問い合わせる利用者がいません。', en: 'This alert has no user to ask.' },
  review_no_parent: { ja: '上位の組織がありません。', en: 'There is no parent organisation to escalate to.' },
  review_own_alert: { ja: '自分自身に関するアラートは審査できません。', en: 'Nobody reviews alerts about themselves.' },
  sensitive_not_responsible: { ja: '担当保健所の職員のみが設定できます。', en: 'Only the responsible health centre’s staff can set this.' },
  review_question_closed: { ja: 'この問い合わせには回答できません（回答済みまたは取り下げ）。', en: 'This question cannot be answered (answered or withdrawn).' },
} satisfies Record<string, Localized>;
