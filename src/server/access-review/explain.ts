// The explanation job (issue 12): keeps access_explanations up with the audit log. Each run takes the
// next batch of audit rows after the 'explain' progress, loads what it needs for the whole batch in a
// few set-based statements (the rows resolved to cases, the users' lists and work around them, the
// cases' relationships), explains each access with the pure rule and writes the batch and the new
// progress in one transaction: restartable, and a re-run never writes a row twice.
// Rows younger than the search-then-work window wait: work after a search explains the looks before it.
import { sql, type SQL } from 'drizzle-orm';
import { isWork, LISTING_ACTIONS, LISTINGS, LOOK_VERBS } from '../../domain/access-review/accesses.ts';
import { DEFAULT_WINDOWS, explainAccess, relationAt, type CaseRelation, type RelationKind } from '../../domain/access-review/explanations.ts';
import { rows, type Database, type Tx } from '../db/database.ts';
import { staffAccessRows, staffRecordRows } from './access-rows.ts';
import { pgArray } from '../db/pg-array.ts';
import { lockProgress, moveProgress } from './progress.ts';

const MINUTE = 60_000;
const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

/** An audit row resolved to one case it touched. */
interface Touch {
  seq: string;
  at: Date;
  user_id: string;
  org_id: string;
  action: string;
  purpose: string | null;
  case_id: string;
  person_id: string;
}

/**
 * The cases each staff row of `src` (a CTE of audit_log rows) touched: case ids
 * among its record ids or in details.caseId, a notification's case, a contact's case (the one it
 * became, else the cases it was exposed to); person ids only when nothing else named a case.
 */
const resolved = (src: SQL) => sql`
  src AS (${src}),
  ids AS (SELECT s.seq, r.id::uuid AS id FROM src s, unnest(s.record_ids) r(id) WHERE r.id ~ ${UUID}
          UNION SELECT s.seq, (s.details->>'caseId')::uuid FROM src s WHERE s.details->>'caseId' ~ ${UUID}),
  direct AS (SELECT i.seq, c.id AS case_id, c.person_id FROM ids i JOIN cases c ON c.id = i.id
             UNION SELECT i.seq, n.case_id, c.person_id FROM ids i JOIN notifications n ON n.id = i.id JOIN cases c ON c.id = n.case_id
             UNION SELECT i.seq, coalesce(k.became_case_id, e.source_case_id), k.person_id FROM ids i JOIN contacts k ON k.id = i.id
                     LEFT JOIN contact_exposures e ON e.contact_id = k.id AND k.became_case_id IS NULL
                    WHERE coalesce(k.became_case_id, e.source_case_id) IS NOT NULL),
  by_person AS (SELECT i.seq, c.id AS case_id, c.person_id FROM ids i JOIN cases c ON c.person_id = i.id
                 WHERE NOT EXISTS (SELECT 1 FROM direct d WHERE d.seq = i.seq)
                UNION SELECT i.seq, e.source_case_id, k.person_id FROM ids i JOIN contacts k ON k.person_id = i.id JOIN contact_exposures e ON e.contact_id = k.id
                 WHERE NOT EXISTS (SELECT 1 FROM direct d WHERE d.seq = i.seq) AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.person_id = i.id)),
  touched AS (SELECT DISTINCT ON (seq, case_id) seq, case_id, person_id FROM (SELECT * FROM direct UNION ALL SELECT * FROM by_person) t ORDER BY seq, case_id)`;


export async function explainNewAccesses(
  db: Database,
  options: { batch?: number; now?: Date } = {},
): Promise<{ rows: number; accesses: number; unexplained: number; lastSeq: number }> {
  const batch = options.batch ?? 10_000;
  const windows = DEFAULT_WINDOWS;
  const cutoff = new Date((options.now ?? new Date()).getTime() - windows.searchWorkMinutes * MINUTE);
  return db.asSystem(async (tx) => {
    const last = await lockProgress(tx, 'explain');
    const [range] = await rows<{ end_seq: string | null; n: number }>(
      tx,
      sql`WITH b AS (SELECT seq, at FROM audit_log WHERE seq > ${last} ORDER BY seq LIMIT ${batch}),
               e AS (SELECT coalesce((SELECT min(seq) - 1 FROM b WHERE at > ${cutoff.toISOString()}::timestamptz), (SELECT max(seq) FROM b)) AS end_seq)
          SELECT e.end_seq, (SELECT count(*) FROM b WHERE seq <= e.end_seq)::int AS n FROM e`,
    );
    const end = range.end_seq === null ? last : Number(range.end_seq);
    if (end <= last) return { rows: 0, accesses: 0, unexplained: 0, lastSeq: last };

    const accesses = await rows<Touch>(
      tx,
      sql`WITH ${resolved(sql`SELECT seq, at, actor_user_id, actor_org_id, action, purpose, record_ids, details FROM audit_log
                               WHERE seq > ${last} AND seq <= ${end} AND ${staffAccessRows}`)}
          SELECT s.seq, s.at, s.actor_user_id AS user_id, s.actor_org_id AS org_id, s.action, s.purpose, t.case_id, t.person_id
            FROM touched t JOIN src s ON s.seq = t.seq`,
    );
    let unexplained = 0;
    if (accesses.length > 0) {
      const relations = await caseRelations(tx, [...new Set(accesses.map((a) => a.case_id))]);
      // Most accesses are explained by a relationship; only the others need the users' own lists and work.
      const rest = accesses.filter((a) => relationAt(relations.get(a.case_id) ?? [], a.org_id, new Date(a.at).toISOString()) === null);
      const context = await userContext(tx, rest, windows);
      const grants = await grantPeriods(tx, rest);
      const helpdesk = await helpdeskPeriods(tx, rest);
      const templates = accesses.map((a) => {
        const key = `${a.user_id}|${a.case_id}`;
        const at = new Date(a.at).toISOString();
        return explainAccess(
          { actor: { kind: 'user', orgId: a.org_id }, caseId: a.case_id, at, purpose: a.purpose },
          { relations: relations.get(a.case_id) ?? [], workListAt: context.work_list.get(key), searchedAt: context.search.get(key), workAt: context.work.get(key), grants: grants.get(key), helpdesk: helpdesk.get(key) },
          windows,
        );
      });
      unexplained = templates.filter((t) => t === null).length;
      await tx.execute(sql`
        INSERT INTO access_explanations (seq, case_id, person_id, actor_user_id, actor_org_id, at, action, template, purpose_only)
        SELECT * FROM unnest(${pgArray(accesses.map((a) => a.seq))}::bigint[], ${pgArray(accesses.map((a) => a.case_id))}::uuid[],
                             ${pgArray(accesses.map((a) => a.person_id))}::uuid[], ${pgArray(accesses.map((a) => a.user_id))}::uuid[],
                             ${pgArray(accesses.map((a) => a.org_id))}::uuid[], ${pgArray(accesses.map((a) => new Date(a.at).toISOString()))}::timestamptz[],
                             ${pgArray(accesses.map((a) => a.action))}::text[], ${pgArray(templates)}::text[], ${pgArray(templates.map((t) => t === 'purpose'))}::boolean[])
        ON CONFLICT DO NOTHING`);
    }
    await moveProgress(tx, 'explain', end);
    return { rows: range.n, accesses: accesses.length, unexplained, lastSeq: end };
  });
}

type Times = Map<string, string[]>;

/**
 * The batch's users' work lists and searches in the hour before, and their work on cases up to the
 * search window after, keyed by user and case: what the work_list and search_then_work templates
 * read. A list names its cases in its record ids; work names its case there or in details.caseId.
 */
async function userContext(tx: Tx, accesses: Touch[], windows: typeof DEFAULT_WINDOWS) {
  const context: Record<'work_list' | 'search' | 'work', Times> = { work_list: new Map(), search: new Map(), work: new Map() };
  if (accesses.length === 0) return context;
  const times = accesses.map((a) => new Date(a.at).getTime());
  const from = new Date(Math.min(...times) - Math.max(windows.workListMinutes, windows.searchWorkMinutes) * MINUTE).toISOString();
  const to = new Date(Math.max(...times) + windows.searchWorkMinutes * MINUTE).toISOString();
  const users = [...new Set(accesses.map((a) => a.user_id))];
  const found = await rows<{ action: string; at: Date; user_id: string; record_ids: string[]; case_id: string | null }>(
    tx,
    sql`SELECT action, at, actor_user_id AS user_id, record_ids, details->>'caseId' AS case_id FROM audit_log
         WHERE actor_user_id = ANY (${pgArray(users)}::uuid[]) AND at >= ${from}::timestamptz AND at <= ${to}::timestamptz AND ${staffRecordRows}
           AND (action = ANY (${pgArray(LISTINGS)}::text[]) OR substr(action, strpos(action, '.') + 1) <> ALL (${pgArray(LOOK_VERBS)}::text[]))`,
  );
  for (const f of found) {
    const kind = (LISTING_ACTIONS.work_list as readonly string[]).includes(f.action)
      ? 'work_list'
      : (LISTING_ACTIONS.search as readonly string[]).includes(f.action)
        ? 'search'
        : isWork(f.action)
          ? 'work'
          : null;
    if (!kind) continue;
    const at = new Date(f.at).toISOString();
    for (const caseId of f.case_id ? [f.case_id, ...f.record_ids] : f.record_ids) {
      const key = `${f.user_id}|${caseId}`;
      const list = context[kind].get(key);
      if (list) list.push(at);
      else context[kind].set(key, [at]);
    }
  }
  return context;
}

/**
 * The break-the-glass grants (issue 14) of the batch's users on the cases they touched, keyed by user
 * and case: each from its start until it expired or was ended, whichever came first.
 */
async function grantPeriods(tx: Tx, accesses: Touch[]): Promise<Map<string, { from: string; until: string }[]>> {
  const byKey = new Map<string, { from: string; until: string }[]>();
  if (accesses.length === 0) return byKey;
  const found = await rows<{ user_id: string; case_id: string; granted_at: Date; until_at: Date }>(
    tx,
    sql`SELECT user_id, case_id, granted_at, least(expires_at, coalesce(ended_at, expires_at)) AS until_at FROM break_glass_grants
         WHERE user_id = ANY (${pgArray([...new Set(accesses.map((a) => a.user_id))])}::uuid[])
           AND case_id = ANY (${pgArray([...new Set(accesses.map((a) => a.case_id))])}::uuid[])`,
  );
  for (const g of found) {
    const key = `${g.user_id}|${g.case_id}`;
    const period = { from: new Date(g.granted_at).toISOString(), until: new Date(g.until_at).toISOString() };
    const list = byKey.get(key);
    if (list) list.push(period);
    else byKey.set(key, [period]);
  }
  return byKey;
}

/**
 * The helpdesk accesses (issue 14, Q&A 24) of the batch's users on the cases they touched, keyed by
 * user and case: each from its start until it expired or the centre ended it; refused ones never started.
 */
async function helpdeskPeriods(tx: Tx, accesses: Touch[]): Promise<Map<string, { from: string; until: string }[]>> {
  const byKey = new Map<string, { from: string; until: string }[]>();
  if (accesses.length === 0) return byKey;
  const found = await rows<{ user_id: string; case_id: string; starts_at: Date; until_at: Date }>(
    tx,
    sql`SELECT user_id, case_id, starts_at, least(expires_at, coalesce(ended_at, expires_at)) AS until_at FROM helpdesk_accesses
         WHERE starts_at IS NOT NULL AND coalesce(decision, 'approved') = 'approved'
           AND user_id = ANY (${pgArray([...new Set(accesses.map((a) => a.user_id))])}::uuid[])
           AND case_id = ANY (${pgArray([...new Set(accesses.map((a) => a.case_id))])}::uuid[])`,
  );
  for (const h of found) {
    if (new Date(h.until_at) <= new Date(h.starts_at)) continue;
    const key = `${h.user_id}|${h.case_id}`;
    const period = { from: new Date(h.starts_at).toISOString(), until: new Date(h.until_at).toISOString() };
    byKey.set(key, [...(byKey.get(key) ?? []), period]);
  }
  return byKey;
}

/** Every relationship of the cases, with its period (app_case_relations, migration 0025). */
export async function caseRelations(tx: Tx, caseIds: string[]): Promise<Map<string, CaseRelation[]>> {
  const found = await rows<{ case_id: string; org_id: string; kind: RelationKind; from_at: Date | null; until_at: Date | null }>(
    tx,
    sql`SELECT * FROM app_case_relations(${pgArray(caseIds)}::uuid[])`,
  );
  const byCase = new Map<string, CaseRelation[]>();
  for (const r of found) {
    const relation: CaseRelation = {
      orgId: r.org_id,
      kind: r.kind,
      from: r.from_at && new Date(r.from_at).toISOString(),
      until: r.until_at && new Date(r.until_at).toISOString(),
    };
    const list = byCase.get(r.case_id);
    if (list) list.push(relation);
    else byCase.set(r.case_id, [relation]);
  }
  return byCase;
}
