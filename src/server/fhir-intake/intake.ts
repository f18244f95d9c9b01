// A notification Bundle from a clinic system (POST /fhir): exactly what the web form does — the
// person and case registered with the tests (likely duplicates shown first), the notification
// drafted, and submitted when the poster is a doctor (legal minimum, logic checks, warnings to
// acknowledge, the responsible centre's e-mail without personal data) — by the same services, in
// ONE transaction, so a refusal leaves nothing written. The answer is a FHIR OperationOutcome.
//
// Idempotent on Bundle.identifier within the institution: the same Bundle again answers the first
// receipt (200) and writes nothing; the same identifier with other content is a 409.
//
// Likely duplicates (as /registrations/duplicates finds them) need an explicit choice, carried as
// an extension on the QuestionnaireResponse (EXTENSION.registration): valueCode 'new-person' (a
// different person), or valueReference 'Patient/<person id>' of a candidate (a new case of theirs).
// Logic-check warnings are acknowledged by EXTENSION.acknowledgedWarning, one per rule id.
import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';
import type { OperationOutcome } from '@medplum/fhirtypes';
import { japanToday } from '../../domain/calendar.ts';
import { bundleExpression, inEntry, parseNotificationBundle, type NotificationBundle } from '../../domain/fhir-forms/bundle.ts';
import { EXTENSION, IDENTIFIER_SYSTEM } from '../../domain/fhir-forms/canonical.ts';
import { operationOutcome, type FhirIssue } from '../../domain/fhir-forms/issues.ts';
import type { FieldPath, Finding } from '../../domain/logic-checks.ts';
import { MESSAGES, type Localized, type MessageKey } from '../../domain/messages.ts';
import { can } from '../../domain/permissions.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { duplicatesIn, registerIn } from '../cases/service.ts';
import { testsOfCase } from '../cases/repo.ts';
import { actorSettings, type Database, type Tx } from '../db/database.ts';
import { AppError } from '../errors.ts';
import { createDraft } from '../notifications/draft.ts';
import { formDefinitions } from '../notifications/forms.ts';
import { submitNotification, type Links } from '../notifications/submit.ts';
import * as repo from './repo.ts';

export interface IntakeDeps {
  /** Where the centre's e-mail links to (config.PUBLIC_URL). */
  links: Links;
}

export type IntakeStatus = 200 | 201 | 400 | 401 | 403 | 404 | 409 | 422 | 423 | 429;

export interface IntakeResult {
  status: IntakeStatus;
  outcome: OperationOutcome;
  caseNumber?: string;
  caseId?: string;
  notificationId?: string;
}

type View = Awaited<ReturnType<typeof createDraft>>;
type Candidate = Awaited<ReturnType<typeof duplicatesIn>>[number];

const info = (detail: string, message: Localized, expression: string[] = []): FhirIssue => ({ severity: 'information', code: 'informational', detail, expression, message });

const M = {
  forbidden: {
    ja: '発生届の Bundle は医療機関の医師・事務の ID で送ってください（保健所の代理入力は画面から行います）。',
    en: 'Notification Bundles are sent with a medical institution’s doctor or clerk ID (a health centre enters faxed forms on screen).',
  },
  changed: {
    ja: 'この Bundle.identifier は別の内容の Bundle で使われています。新しい発生届には新しい identifier を付けてください。',
    en: 'This Bundle.identifier was used for a Bundle with other content: give a new notification a new identifier.',
  },
  duplicates: (n: number): Localized => ({
    ja: `同一人物の可能性がある登録が${n}件あります。確認のうえ、QuestionnaireResponse の拡張 ${EXTENSION.registration} に valueCode "new-person"（別人）または valueReference "Patient/<personId>"（同一人物の新しい症例）を付けて送り直してください。`,
    en: `${n} likely duplicate(s) found. After checking, resend with the QuestionnaireResponse extension ${EXTENSION.registration}: valueCode "new-person" (a different person) or valueReference "Patient/<personId>" (a new case of that person).`,
  }),
  candidate: (c: Candidate): Localized => {
    const cases = c.cases.map((k) => k.caseNumber).join(', ') || '-';
    return {
      ja: `候補 personId=${c.personId}: ${c.maskedName}（${c.sex === 'male' ? '男' : '女'}、${c.ageBand.ja}）一致: ${c.matchedBy.join(', ')}／HER-SYS ID: ${cases}`,
      en: `Candidate personId=${c.personId}: ${c.maskedName} (${c.sex}, ${c.ageBand.en}) matched by ${c.matchedBy.join(', ')}; HER-SYS IDs: ${cases}`,
    };
  },
  notCandidate: {
    ja: '指定の Patient は同一人物の候補にありません。候補の personId を指定してください。',
    en: 'The Patient named is not among the likely duplicates: name a candidate’s personId.',
  },
  acknowledgedDuplicates: (n: number): Localized => ({ ja: `同一人物の候補${n}件を確認済みとして登録しました。`, en: `Registered with ${n} likely duplicate(s) acknowledged.` }),
  submitted: (caseNumber: string): Localized => ({
    ja: `発生届を報告しました。HER-SYS ID: ${caseNumber}。管轄の保健所に通知しました。`,
    en: `The notification was submitted. HER-SYS ID: ${caseNumber}. The responsible health centre was notified.`,
  }),
  drafted: (caseNumber: string): Localized => ({
    ja: `発生届を下書きとして保存しました。HER-SYS ID: ${caseNumber}。報告は医師が行います。`,
    en: `The notification was saved as a draft. HER-SYS ID: ${caseNumber}. A doctor submits it.`,
  }),
  acknowledge: (f: Finding): Localized => ({
    ja: `${f.message.ja}（確認済みとするには拡張 ${EXTENSION.acknowledgedWarning} に valueCode "${f.ruleId}" を付けてください）`,
    en: `${f.message.en} (to acknowledge, add extension ${EXTENSION.acknowledgedWarning} with valueCode "${f.ruleId}")`,
  }),
  missing: (level: string): Localized =>
    level === 'legal_minimum' ? MESSAGES.legal_minimum_missing : level === 'submit' ? MESSAGES.required_for_submission : { ja: '法定の記載事項が未入力です（後から入力できます）。', en: 'A statutory item is still empty (it may follow later).' },
};

const outcome = (status: IntakeStatus, issues: FhirIssue[]): IntakeResult => ({ status, outcome: operationOutcome(issues) });

/** What makes two Bundles "the same": their content, canonical JSON, without id and meta (a server may set them). */
function bundleHash(bundle: unknown): string {
  const { id: _id, meta: _meta, ...content } = bundle as Record<string, unknown>;
  return createHash('sha256').update(canonicalize(content) ?? '').digest('hex');
}

/**
 * Runs `work` in one transaction as the actor: the services it calls (each an asActor) join it
 * through a binding of its own, so everything commits together or not at all. `work` says whether
 * to commit (a refusal may still commit its audit rows, e.g. the duplicate check's).
 */
async function inOneTransaction<T>(db: Database, ctx: RequestContext, work: (ctx: RequestContext, tx: Tx) => Promise<{ commit: boolean; result: T }>): Promise<T> {
  const actor = { ...ctx.actor };
  const open = await db.begin();
  try {
    await open.tx.execute(actorSettings(actor));
    db.bindActor(actor, open);
    const { commit, result } = await work({ ...ctx, actor }, open.tx);
    if (commit) await open.commit();
    else await open.rollback();
    return result;
  } catch (err) {
    await open.rollback(err);
    throw err;
  }
}

export async function intakeNotificationBundle(db: Database, ctx: RequestContext, bundle: unknown, deps: IntakeDeps): Promise<IntakeResult> {
  const { actor } = ctx;
  if (actor.orgKind !== 'medical_institution' || !can(actor.roles, 'cases.register') || !can(actor.roles, 'notifications.draft')) {
    return outcome(403, [{ severity: 'error', code: 'forbidden', detail: 'forbidden', expression: [], message: M.forbidden }]);
  }
  const parsed = parseNotificationBundle(formDefinitions(), bundle, japanToday(new Date()));
  if (!parsed.value) return outcome(400, parsed.issues);
  const b = parsed.value;
  const hash = bundleHash(bundle);
  return inOneTransaction(db, ctx, (c, tx) => file(db, c, tx, b, hash, deps));
}

async function file(db: Database, ctx: RequestContext, tx: Tx, b: NotificationBundle, hash: string, deps: IntakeDeps): Promise<{ commit: boolean; result: IntakeResult }> {
  const { system, value } = b.identifier;
  // The same Bundle posted twice at once: the second waits here for the first to commit, then
  // answers its receipt (without the lock it could meet the first's new person as a likely duplicate).
  await repo.lockIdentifier(tx, ctx.actor.orgId, system, value);
  const prior = await repo.findReceipt(tx, ctx.actor.orgId, system, value);
  if (prior) {
    if (prior.bundleHash !== hash) return { commit: false, result: outcome(409, [{ severity: 'error', code: 'conflict', detail: 'identifier_reused', expression: ['Bundle.identifier'], message: M.changed }]) };
    await audit(tx, ctx, { action: 'notifications.fhir_intake_replayed', recordType: 'notification', recordIds: prior.notificationId ? [prior.notificationId] : [], details: { caseId: prior.caseId, receivedAt: prior.createdAt.toISOString() } });
    const caseNumber = prior.outcome.extension?.find((x) => x.url === EXTENSION.caseNumber)?.valueIdentifier?.value;
    return { commit: true, result: { status: 200, outcome: prior.outcome, caseNumber, caseId: prior.caseId ?? undefined, notificationId: prior.notificationId ?? undefined } };
  }

  // Likely duplicates, as the web form shows them before registering (audited by duplicatesIn).
  const p = b.person;
  const candidates = await duplicatesIn(tx, ctx, { nameKana: p.nameKana, birthDate: p.birthDate, sex: p.sex, phone: p.phone });
  const patientAt = [`Bundle.entry[${b.patientEntry}].resource`];
  let choice: { kind: 'new_person' } | { kind: 'new_case'; personId: string } = { kind: 'new_person' };
  if (b.registration.kind === 'same_person') {
    const personId = b.registration.personId;
    if (!candidates.some((c) => c.personId === personId)) {
      const at = inEntry(`QuestionnaireResponse.extension.where(url='${EXTENSION.registration}')`, b.responseEntry);
      return { commit: false, result: outcome(422, [{ severity: 'error', code: 'not-found', detail: 'not_a_duplicate_candidate', expression: [at], message: M.notCandidate }]) };
    }
    choice = { kind: 'new_case', personId };
  } else if (candidates.length && b.registration.kind === 'unspecified') {
    // The check itself is a read of personal data: its audit row commits, nothing else was written.
    return {
      commit: true,
      result: outcome(409, [
        { severity: 'error', code: 'duplicate', detail: 'likely_duplicate', expression: patientAt, message: M.duplicates(candidates.length) },
        ...candidates.map((c) => info('duplicate_candidate', M.candidate(c), patientAt)),
      ]),
    };
  }

  let registered: Awaited<ReturnType<typeof registerIn>> | undefined;
  try {
    registered = await registerIn(tx, ctx, { person: p, choice, disease: b.def.formId, tests: b.tests.map((t) => t.test) });
    const draft = await createDraft(db, ctx, registered.caseId, { formId: b.def.formId, source: 'direct', ...b.notification });
    const doctor = ctx.actor.roles.includes('doctor');
    const view = doctor ? await submitNotification(db, ctx, draft.id, { acknowledgedWarnings: b.acknowledgedWarnings }, deps.links) : draft;
    const testEntry = await testEntries(tx, registered.caseId, b);
    const issues: FhirIssue[] = [
      info(doctor ? 'notification_submitted' : 'notification_drafted', doctor ? M.submitted(registered.caseNumber) : M.drafted(registered.caseNumber)),
      ...(candidates.length ? [info('duplicates_acknowledged', M.acknowledgedDuplicates(candidates.length), patientAt)] : []),
      ...b.notes,
      ...remaining(b, view, testEntry),
    ];
    const receipt: OperationOutcome = {
      ...operationOutcome(issues),
      extension: [
        { url: EXTENSION.caseNumber, valueIdentifier: { system: IDENTIFIER_SYSTEM.caseNumber, value: registered.caseNumber } },
        { url: EXTENSION.notification, valueIdentifier: { system: IDENTIFIER_SYSTEM.notification, value: view.id } },
      ],
    };
    await repo.insertReceipt(tx, { orgId: ctx.actor.orgId, system, value, bundleHash: hash, outcome: receipt, caseId: registered.caseId, notificationId: view.id, createdBy: ctx.actor.userId });
    await audit(tx, ctx, {
      action: 'notifications.fhir_intake',
      recordType: 'notification',
      recordIds: [view.id],
      details: { caseId: registered.caseId, status: view.status, formVersion: b.def.version, tests: b.tests.length, duplicatesAcknowledged: candidates.length },
    });
    return { commit: true, result: { status: 201, outcome: receipt, caseNumber: registered.caseNumber, caseId: registered.caseId, notificationId: view.id } };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const testEntry = registered ? await testEntries(tx, registered.caseId, b) : () => undefined;
    return { commit: false, result: outcome(err.status, refusal(b, err, testEntry)) };
  }
}

/** The Bundle entry of the case's i-th test record (in the order the checks number them), matched by content. */
async function testEntries(tx: Tx, caseId: string, b: NotificationBundle): Promise<(i: number) => number | undefined> {
  const stored = await testsOfCase(tx, caseId);
  const used = new Set<number>();
  const entries = stored.map((s) => {
    const match = b.tests.find(
      (t) =>
        !used.has(t.entry) &&
        t.test.method === s.method &&
        t.test.specimen === s.specimen &&
        (t.test.collectedOn ?? null) === s.collectedOn &&
        t.test.result === s.result &&
        (t.test.resultOn ?? null) === s.resultOn,
    );
    if (match) used.add(match.entry);
    return match?.entry;
  });
  return (i) => entries[i];
}

const where = (b: NotificationBundle, paths: FieldPath[], testEntry: (i: number) => number | undefined) => [...new Set(paths.map((p) => bundleExpression(b, p, testEntry)))];

/** What a filed notification still lacks and what the checks found (acknowledged, or for a draft), as warnings. */
function remaining(b: NotificationBundle, view: View, testEntry: (i: number) => number | undefined): FhirIssue[] {
  return [
    ...view.missing.map((m) => ({ severity: 'warning' as const, code: 'required' as const, detail: `missing.${m.level}`, expression: where(b, [m.path], testEntry), message: M.missing(m.level) })),
    ...view.findings.map((f) => ({ severity: 'warning' as const, code: 'business-rule' as const, detail: `${f.severity === 'error' ? 'logic' : 'warning'}.${f.ruleId}`, expression: where(b, f.paths, testEntry), message: f.message })),
  ];
}

/** A service's refusal as issues: the submission's blockers one by one at their expressions, or the error itself. */
function refusal(b: NotificationBundle, err: AppError, testEntry: (i: number) => number | undefined): FhirIssue[] {
  if (err.code === 'submission_blocked') {
    const { missing, findings } = err.details as { missing: View['missing']; findings: View['findings'] };
    const acknowledged = new Set(b.acknowledgedWarnings);
    return [
      ...missing
        .filter((m) => m.level !== 'law')
        .map((m) => ({ severity: 'error' as const, code: 'required' as const, detail: m.level === 'legal_minimum' ? 'legal_minimum_missing' : 'required_for_submission', expression: where(b, [m.path], testEntry), message: M.missing(m.level) })),
      ...findings
        .filter((f) => f.severity === 'error')
        .map((f) => ({ severity: 'error' as const, code: 'business-rule' as const, detail: `logic.${f.ruleId}`, expression: where(b, f.paths, testEntry), message: f.message })),
      ...findings
        .filter((f) => f.severity === 'warning' && !acknowledged.has(f.ruleId))
        .map((f) => ({ severity: 'error' as const, code: 'business-rule' as const, detail: `warning.${f.ruleId}`, expression: where(b, f.paths, testEntry), message: M.acknowledge(f) })),
    ];
  }
  const code: FhirIssue['code'] = err.status === 403 ? 'forbidden' : err.status === 404 ? 'not-found' : err.status === 409 ? 'conflict' : err.status === 400 ? 'invalid' : 'processing';
  const message = (k: string): Localized => MESSAGES[(k in MESSAGES ? k : 'invalid_input') as MessageKey];
  const fields = err.fields.map((f) => ({
    severity: 'error' as const,
    code,
    detail: f.code,
    // Paths of the web API ('body', then the draft's fields) are the notification's own.
    expression: where(b, [f.path[0] === 'body' ? f.path.slice(1) : f.path].map((p) => (typeof p[0] === 'string' && p[0].endsWith('On') ? ['dates', p[0] === 'diagnosedOn' ? 'diagnosis' : p[0].slice(0, -2)] : p)), testEntry),
    message: message(f.code),
  }));
  return fields.length ? fields : [{ severity: 'error', code, detail: err.code, expression: [], message: message(err.code) }];
}
