// The retention job (issue 14): daily from the scheduler when RETENTION_ENABLED, and by hand with
// `hersys retention run [--dry-run]`. For each person whose every case ended RETENTION_YEARS ago, the
// identity goes (repo.ts lists table by table what goes and what stays) and the values counting reads
// stay in a form that counts the same (src/domain/privacy/retention.ts). Batches of one transaction
// each; a person is locked while done and marked retained, so a rerun, or a second process at the same
// time, does nothing new. The run is a row of retention_runs and an audit row.
import { japanToday } from '../../domain/calendar.ts';
import { addYears, generalisedAddress, generalisedBirthDate, isDue, PERSONAL_AUDIT_DETAILS, pseudonym, withoutFreeText } from '../../domain/privacy/retention.ts';
import { countCase } from '../../domain/statistics/case-counting.ts';
import { audit } from '../audit/audit.ts';
import { redactDetails } from '../audit/chain.ts';
import type { Database, Tx } from '../db/database.ts';
import { formDefinitions } from '../notifications/forms.ts';
import { loadCasesToCount } from '../statistics/counts-repo.ts';
import * as repo from './repo.ts';

const SYSTEM = { actor: null, clientAddr: null };
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export interface RetentionOptions {
  years: number;
  dryRun: boolean;
  triggeredBy: 'scheduler' | 'cli';
  now?: Date;
  batch?: number;
}

export interface RetentionResult {
  runId: string;
  dryRun: boolean;
  personsDue: number;
  personsProcessed: number;
  auditRowsRedacted: number;
  auditRowsKept: number;
  /** The HER-SYS IDs of the cases of the persons due (what a dry run lists; no names). */
  caseNumbers: string[];
}

export async function runRetention(db: Database, options: RetentionOptions): Promise<RetentionResult> {
  const today = japanToday(options.now ?? new Date());
  // A case that ended on this day or before is past the period today.
  const endedBy = addYears(today, -options.years);
  const limit = options.batch ?? 100;
  const run = await db.asSystem((tx) => repo.startRun(tx, { dryRun: options.dryRun, retentionYears: options.years, triggeredBy: options.triggeredBy }));
  const result: RetentionResult = { runId: run.id, dryRun: options.dryRun, personsDue: 0, personsProcessed: 0, auditRowsRedacted: 0, auditRowsKept: 0, caseNumbers: [] };
  let failed = true;
  try {
    let after = FIRST_ID;
    for (;;) {
      const batch = await db.asSystem((tx) => retainBatch(tx, { ...options, today, endedBy, after, limit }, result));
      if (batch.last === null) break;
      after = batch.last;
    }
    failed = false;
  } finally {
    await db.asSystem(async (tx) => {
      await repo.finishRun(tx, run.id, { ...result, failed });
      await audit(tx, SYSTEM, {
        action: 'retention.run',
        recordType: 'retention_run',
        recordIds: [run.id],
        outcome: failed ? 'failed' : 'ok',
        details: { dryRun: options.dryRun, years: options.years, endedBy, personsDue: result.personsDue, personsProcessed: result.personsProcessed, auditRowsRedacted: result.auditRowsRedacted, auditRowsKept: result.auditRowsKept },
      });
    });
  }
  return result;
}

/** One batch of candidates in one transaction; `last` is the last candidate's id, null when none were left. */
async function retainBatch(
  tx: Tx,
  o: RetentionOptions & { today: string; endedBy: string; after: string; limit: number },
  result: RetentionResult,
): Promise<{ last: string | null }> {
  const found = await repo.candidates(tx, o.endedBy, o.after, o.limit, !o.dryRun);
  if (!found.length) return { last: null };
  const cases = await repo.casesOf(tx, found.map((p) => p.person_id), !o.dryRun);
  // Decided by the domain rule on the locked rows: a case reopened meanwhile keeps its person.
  const contactEnds = await repo.contactEndsOf(tx, found.map((p) => p.person_id));
  const due = found.filter((p) =>
    isDue(
      cases.filter((c) => c.person_id === p.person_id).map((c) => ({ currentStatus: c.current_status, statusEffectiveOn: c.status_effective_on })),
      o.years,
      o.today,
      contactEnds.filter((k) => k.person_id === p.person_id).map((k) => k.monitoring_ends_on),
    ),
  );
  const dueCases = cases.filter((c) => due.some((p) => p.person_id === c.person_id));
  result.personsDue += due.length;
  result.caseNumbers.push(...dueCases.map((c) => c.case_number));
  if (o.dryRun || !due.length) return { last: found.at(-1)!.person_id };

  const caseIds = dueCases.map((c) => c.id);
  const counting = await loadCasesToCount(tx, caseIds);
  const kept = due.map((p) => {
    const facts = counting.filter((c) => c.personId === p.person_id).map((c) => c.facts);
    const bandsWith = (birthDate: string) => facts.map((f) => countCase({ ...f, birthDate }).ageBand);
    return {
      personId: p.person_id,
      ...pseudonym(p.person_id),
      birthDate: generalisedBirthDate(p.birth_date, bandsWith),
      residenceAddress: generalisedAddress(p.residence_address),
    };
  });
  await repo.allowClearing(tx);
  await repo.removeIdentity(tx, kept, caseIds);
  await removeFreeTextAnswers(tx, caseIds);
  const redaction = await redactAuditRows(tx, [...due.map((p) => p.person_id), ...caseIds]);
  result.auditRowsRedacted += redaction.redacted;
  result.auditRowsKept += redaction.kept;
  result.personsProcessed += due.length;
  await audit(tx, SYSTEM, {
    action: 'retention.remove_identity',
    recordType: 'person',
    recordIds: due.map((p) => p.person_id),
    details: { caseIds, auditRowsRedacted: redaction.redacted, auditRowsKept: redaction.kept },
  });
  return { last: found.at(-1)!.person_id };
}

/** The free text of the notifications' answers, by each one's form version. */
async function removeFreeTextAnswers(tx: Tx, caseIds: string[]): Promise<void> {
  const defs = formDefinitions();
  const changed = (await repo.notificationAnswers(tx, caseIds)).flatMap((n) => {
    const def = defs.find((d) => d.formId === n.form_id && d.version === n.form_version);
    if (!def) return [];
    const answers = withoutFreeText(def, n.answers);
    return JSON.stringify(answers) === JSON.stringify(n.answers) ? [] : [{ id: n.id, answers }];
  });
  await repo.setAnswers(tx, changed);
}

/** Personal values in the details of audit rows about the records become their digests (chain.ts). */
async function redactAuditRows(tx: Tx, recordIds: string[]): Promise<{ redacted: number; kept: number }> {
  const found = await repo.auditRowsAbout(tx, Object.keys(PERSONAL_AUDIT_DETAILS), recordIds);
  let redacted = 0;
  let kept = 0;
  for (const row of found) {
    const paths = PERSONAL_AUDIT_DETAILS[row.action]!;
    const next = redactDetails(new Date(row.at), row.details, paths);
    if (!next.redacted) continue;
    // Before version 3 the row's hash covers the value itself: changing it would break the chain.
    if (row.hash_version !== 3) {
      kept++;
      continue;
    }
    await repo.setAuditDetails(tx, row.seq, next.details);
    redacted++;
  }
  return { redacted, kept };
}
