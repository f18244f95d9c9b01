// The alerts job (issue 12): for each user-day with new explained accesses after the 'alerts'
// progress, loads the whole day (accesses, explanations, persons, name searches, the viewer and
// their baselines) with a few set-based statements, runs the risk rules and keeps one 'rules'
// alert per user and day for the officers of the user's organisation. A day already alerted takes
// the new hits in; a dismissed one with new evidence is opened again. Restartable and idempotent:
// a day is recomputed whole, and the progress moves in the same transaction.
import { sql } from 'drizzle-orm';
import { isWork, OPEN_ACTIONS } from '../../domain/access-review/accesses.ts';
import { relationEndedBefore, type TemplateId } from '../../domain/access-review/explanations.ts';
import { DEFAULT_RISK_CONFIG, scoreDay, type DayAccess, type RiskConfig, type RuleContext, type RuleHit } from '../../domain/access-review/risk-rules.ts';
import { rows, type Database, type Tx } from '../db/database.ts';
import { caseRelations } from './explain.ts';
import { pgArray } from '../db/pg-array.ts';
import { lockProgress, moveProgress } from './progress.ts';

const BASELINE_DAYS = 28;
const DAY = 86_400_000;

interface AccessRow {
  day: string;
  user_id: string;
  org_id: string;
  seq: string;
  at: Date;
  case_id: string;
  action: string;
  template: TemplateId | null;
  client_addr: string | null;
  person_id: string;
  name_kanji: string;
  residence_address: string | null;
  registered_address: string | null;
  phone: string | null;
  sensitive: boolean;
}

const dayPairs = (pairs: { user: string; day: string }[]) =>
  sql`unnest(${pgArray(pairs.map((p) => p.user))}::uuid[], ${pgArray(pairs.map((p) => p.day))}::date[]) AS d(user_id, day)`;
/** A name with its spaces (half- and full-width) taken out, as migration 0028 indexes it. */
const squeezed = (column: string) => sql.raw(`replace(replace(${column}, ' ', ''), '　', '')`);
const inDay = (column: string) =>
  sql`${sql.raw(column)} >= (d.day::timestamp AT TIME ZONE 'Asia/Tokyo') AND ${sql.raw(column)} < ((d.day + 1)::timestamp AT TIME ZONE 'Asia/Tokyo')`;

export async function raiseAccessAlerts(
  db: Database,
  options: { now?: Date; batch?: number; risk?: RiskConfig } = {},
): Promise<{ alerts: number; hits: number; accesses: number }> {
  const risk = options.risk ?? DEFAULT_RISK_CONFIG;
  const now = options.now ?? new Date();
  return db.asSystem(async (tx) => {
    const last = await lockProgress(tx, 'alerts');
    const [range] = await rows<{ end_seq: string | null; n: number }>(
      tx,
      sql`SELECT max(seq) AS end_seq, count(*)::int AS n FROM (SELECT seq FROM access_explanations WHERE seq > ${last} ORDER BY seq LIMIT ${options.batch ?? 20_000}) s`,
    );
    if (range.end_seq === null) return { alerts: 0, hits: 0, accesses: 0 };
    const end = Number(range.end_seq);
    const pairs = (
      await rows<{ user: string; day: string }>(
        tx,
        sql`SELECT DISTINCT actor_user_id AS user, ((at AT TIME ZONE 'Asia/Tokyo')::date)::text AS day
              FROM access_explanations WHERE seq > ${last} AND seq <= ${end}`,
      )
    ).sort((a, b) => a.day.localeCompare(b.day));

    const accesses = await rows<AccessRow>(
      tx,
      sql`SELECT d.day::text AS day, e.actor_user_id AS user_id, e.actor_org_id AS org_id, e.seq, e.at, e.case_id, e.action, e.template, l.client_addr,
                 p.id AS person_id, p.name_kanji, p.residence_address, p.registered_address, p.phone, (s.person_id IS NOT NULL) AS sensitive
            FROM ${dayPairs(pairs)}
            JOIN access_explanations e ON e.actor_user_id = d.user_id AND ${inDay('e.at')}
            JOIN audit_log l ON l.seq = e.seq
            JOIN persons p ON p.id = e.person_id
            LEFT JOIN sensitive_persons s ON s.person_id = p.id
           ORDER BY e.seq`,
    );
    const searches = await rows<{ day: string; user_id: string; seq: string; at: Date; record_ids: string[] }>(
      tx,
      sql`SELECT d.day::text AS day, l.actor_user_id AS user_id, l.seq, l.at, l.record_ids
            FROM ${dayPairs(pairs)} JOIN audit_log l ON l.actor_user_id = d.user_id AND ${inDay('l.at')}
           WHERE l.action = 'cases.search' AND l.outcome = 'ok' AND l.details->'filter'->>'kana' IS NOT NULL`,
    );
    const viewers = await rows<{
      id: string; display_name: string; contractor_name: string | null; roles: string; kind: string; address: string | null; phone: string | null;
      colleagues: string[]; home_addresses: string[]; home_phones: string[];
    }>(
      tx,
      sql`SELECT u.id, u.display_name, u.contractor_name, array_to_string(u.roles, ',') AS roles, o.kind, o.address, o.phone,
                 ARRAY(SELECT c.display_name FROM users c WHERE c.org_id = u.org_id AND c.id <> u.id AND c.status <> 'deleted') AS colleagues,
                 -- The viewer's own records: persons bearing their name (migration 0028's index).
                 ARRAY(SELECT x FROM persons p, unnest(ARRAY[p.residence_address, p.registered_address]) AS x
                        WHERE ${squeezed('p.name_kanji')} = ${squeezed('u.display_name')} AND x IS NOT NULL) AS home_addresses,
                 ARRAY(SELECT p.phone FROM persons p WHERE ${squeezed('p.name_kanji')} = ${squeezed('u.display_name')} AND p.phone IS NOT NULL) AS home_phones
            FROM users u JOIN organizations o ON o.id = u.org_id
           WHERE u.id = ANY (${pgArray([...new Set(pairs.map((p) => p.user))])}::uuid[])`,
    );

    // A relationship that ended matters where nothing, or only a weaker reason, explains the access now.
    const weak = (t: TemplateId | null) => t === null || t === 'related_centre' || t === 'purpose';
    const relations = await caseRelations(tx, [...new Set(accesses.filter((a) => weak(a.template)).map((a) => a.case_id))]);

    const workedBefore = await workBefore(tx, accesses, viewers);

    const grouped = groupBy(accesses, (a) => `${a.user_id}|${a.day}`);
    const searchesOf = groupBy(searches, (s) => `${s.user_id}|${s.day}`);
    const viewerOf = new Map(viewers.map((v) => [v.id, v]));
    const days = pairs.map((p) => {
      const list = grouped.get(`${p.user}|${p.day}`) ?? [];
      return { ...p, list, cases: new Set(list.map((a) => a.case_id)).size, clientAddrs: [...new Set(list.flatMap((a) => (a.client_addr ? [a.client_addr] : [])))] };
    });
    const baselines = await baselinesOf(tx, days, viewerOf);

    const results = days.map((d) => {
      const viewer = viewerOf.get(d.user)!;
      const dayAccesses: DayAccess[] = d.list.map((a) => {
        const at = new Date(a.at).toISOString();
        return {
          seq: Number(a.seq),
          at,
          caseId: a.case_id,
          action: a.action,
          template: a.template,
          work: isWork(a.action),
          open: OPEN_ACTIONS.includes(a.action),
          clientAddr: a.client_addr,
          relationEnded: weak(a.template) && relationEndedBefore(relations.get(a.case_id) ?? [], a.org_id, at),
          person: {
            id: a.person_id,
            nameKanji: a.name_kanji,
            addresses: [a.residence_address, a.registered_address].filter((x): x is string => !!x),
            phones: a.phone ? [a.phone] : [],
            sensitive: a.sensitive,
          },
        };
      });
      const ctx: RuleContext = {
        viewer: { displayName: viewer.display_name, contractorName: viewer.contractor_name, orgAddress: viewer.address, orgPhone: viewer.phone, colleagueNames: viewer.colleagues,
          home: { addresses: viewer.home_addresses, phones: viewer.home_phones },
        },
        workedBefore: workedBefore.get(`${d.user}|${d.day}`) ?? new Set(),
        searches: (searchesOf.get(`${d.user}|${d.day}`) ?? []).map((s) => ({ seq: Number(s.seq), at: new Date(s.at).toISOString(), caseIds: s.record_ids })),
        baseline: baselines.get(`${d.user}|${d.day}`)!.baseline,
        knownClientAddrs: baselines.get(`${d.user}|${d.day}`)!.known,
        config: risk,
      };
      return { ...d, orgId: d.list[0]?.org_id, ...scoreDay(dayAccesses, ctx) };
    });

    await tx.execute(sql`
      INSERT INTO access_user_days (user_id, day, cases, client_addrs)
      SELECT u, d, n, CASE WHEN a = '' THEN '{}' ELSE string_to_array(a, ' ') END
        FROM unnest(${pgArray(days.map((d) => d.user))}::uuid[], ${pgArray(days.map((d) => d.day))}::date[],
                    ${pgArray(days.map((d) => d.cases))}::int[], ${pgArray(days.map((d) => d.clientAddrs.join(' ')))}::text[]) AS x(u, d, n, a)
      ON CONFLICT (user_id, day) DO UPDATE SET cases = excluded.cases, client_addrs = excluded.client_addrs`);

    let alerts = 0;
    let hits = 0;
    for (const r of results) {
      const saved = await saveAlert(tx, r, now);
      if (saved) {
        alerts++;
        hits += saved;
      }
    }
    await moveProgress(tx, 'alerts', end);
    return { alerts, hits, accesses: range.n };
  });
}

const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');

/**
 * Per user-day, the cases the user had worked on before that day, among those the rules ask about:
 * sensitive records and persons named like the user or a colleague (few, so the log is read for them only).
 */
async function workBefore(tx: Tx, accesses: AccessRow[], viewers: { id: string; display_name: string; colleagues: string[] }[]) {
  const names = new Map(viewers.map((v) => [v.id, new Set([v.display_name, ...v.colleagues].map(squeeze))]));
  const asked = accesses.filter((a) => a.sensitive || names.get(a.user_id)?.has(squeeze(a.name_kanji)));
  const out = new Map<string, Set<string>>();
  if (asked.length === 0) return out;
  const pairs = [...new Map(asked.map((a) => [`${a.user_id}|${a.case_id}|${a.day}`, a])).values()];
  const earlier = await rows<{ user_id: string; case_id: string; day: string; action: string }>(
    tx,
    sql`SELECT DISTINCT q.user_id, q.case_id, q.day::text AS day, e.action
          FROM unnest(${pgArray(pairs.map((a) => a.user_id))}::uuid[], ${pgArray(pairs.map((a) => a.case_id))}::uuid[], ${pgArray(pairs.map((a) => a.day))}::date[]) AS q(user_id, case_id, day)
          JOIN access_explanations e ON e.case_id = q.case_id AND e.actor_user_id = q.user_id AND e.at < (q.day::timestamp AT TIME ZONE 'Asia/Tokyo')`,
  );
  for (const e of earlier) {
    if (!isWork(e.action)) continue;
    const key = `${e.user_id}|${e.day}`;
    (out.get(key) ?? out.set(key, new Set()).get(key)!).add(e.case_id);
  }
  return out;
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = m.get(k);
    if (l) l.push(x);
    else m.set(k, [x]);
  }
  return m;
}

const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

/**
 * Per user-day: the mean distinct cases of the user's own earlier days and of their peers' (same
 * roles, same kind of organisation) over the last four weeks and on the day itself, and the client
 * addresses used before.
 * Days of this run count as they are now, so a backlog of several days is judged in order.
 */
async function baselinesOf(
  tx: Tx,
  days: { user: string; day: string; cases: number; clientAddrs: string[] }[],
  viewerOf: Map<string, { roles: string; kind: string }>,
) {
  const first = shiftDay(days[0].day, -BASELINE_DAYS);
  const lastDay = days[days.length - 1].day;
  const stored = await rows<{ user_id: string; day: string; cases: number; client_addrs: string[]; peer: string }>(
    tx,
    sql`SELECT x.user_id, x.day::text AS day, x.cases, x.client_addrs, array_to_string(u.roles, ',') || '|' || o.kind AS peer
          FROM access_user_days x JOIN users u ON u.id = x.user_id JOIN organizations o ON o.id = u.org_id
         WHERE x.day >= ${first}::date AND x.day <= ${lastDay}::date`,
  );
  const byUserDay = new Map(stored.map((s) => [`${s.user_id}|${s.day}`, s]));
  for (const d of days) {
    const v = viewerOf.get(d.user)!;
    byUserDay.set(`${d.user}|${d.day}`, { user_id: d.user, day: d.day, cases: d.cases, client_addrs: d.clientAddrs, peer: `${v.roles}|${v.kind}` });
  }
  // Sums per peer group and day, to take the user's own days out of their peers' mean.
  const groupDay = new Map<string, { sum: number; n: number }>();
  for (const s of byUserDay.values()) {
    const g = groupDay.get(`${s.peer}|${s.day}`) ?? { sum: 0, n: 0 };
    groupDay.set(`${s.peer}|${s.day}`, { sum: g.sum + s.cases, n: g.n + 1 });
  }
  const out = new Map<string, { baseline: { own: number | null; peers: number | null; peersToday: number | null }; known: string[] | null }>();
  for (const d of days) {
    const v = viewerOf.get(d.user)!;
    const peer = `${v.roles}|${v.kind}`;
    let own = { sum: 0, n: 0 };
    let peers = { sum: 0, n: 0 };
    const known = new Set<string>();
    for (let i = 1; i <= BASELINE_DAYS; i++) {
      const day = shiftDay(d.day, -i);
      const mine = byUserDay.get(`${d.user}|${day}`);
      if (mine) {
        own = { sum: own.sum + mine.cases, n: own.n + 1 };
        for (const a of mine.client_addrs) known.add(a);
      }
      const g = groupDay.get(`${peer}|${day}`);
      if (g) peers = { sum: peers.sum + g.sum - (mine?.cases ?? 0), n: peers.n + g.n - (mine ? 1 : 0) };
    }
    const today = groupDay.get(`${peer}|${d.day}`)!; // this day's group, the user included
    const others = { sum: today.sum - d.cases, n: today.n - 1 };
    out.set(`${d.user}|${d.day}`, {
      baseline: { own: own.n ? own.sum / own.n : null, peers: peers.n ? peers.sum / peers.n : null, peersToday: others.n ? others.sum / others.n : null },
      known: own.n ? [...known] : null,
    });
  }
  return out;
}

/** Hits of rules about one case or one search keep apart; the day-level rules' newest hit replaces the older one. */
const hitKey = (h: RuleHit) => `${h.rule}|${h.evidence.detail.searchSeq ?? ''}|${['volume', 'off_hours', 'burst', 'new_client_address', 'contractor'].includes(h.rule) ? '' : h.evidence.caseIds.join(',')}`;

/** Inserts or updates the day's 'rules' alert; the number of hits it holds, or 0 when the day needs none. */
async function saveAlert(tx: Tx, r: { user: string; day: string; orgId: string | undefined; score: number; hits: RuleHit[]; alert: boolean }, now: Date): Promise<number> {
  if (!r.orgId) return 0;
  const [existing] = await rows<{ id: string; status: string; hits: RuleHit[] }>(
    tx,
    sql`SELECT id, status, hits FROM review_alerts WHERE source = 'rules' AND subject_user_id = ${r.user} AND day = ${r.day}::date FOR UPDATE`,
  );
  if (!existing) {
    if (!r.alert) return 0;
    await tx.execute(sql`
      INSERT INTO review_alerts (source, subject_user_id, subject_org_id, review_org_id, day, score, hits, created_at, updated_at)
      VALUES ('rules', ${r.user}, ${r.orgId}, ${r.orgId}, ${r.day}::date, ${r.score}, ${JSON.stringify(r.hits)}::jsonb, ${now.toISOString()}, ${now.toISOString()})
      ON CONFLICT (subject_user_id, day) WHERE source = 'rules' DO NOTHING`);
    return r.hits.length;
  }
  const merged = new Map(existing.hits.map((h) => [hitKey(h), h]));
  const added = r.hits.filter((h) => !merged.has(hitKey(h))).length > 0;
  const changed = r.hits.some((h) => canonical(merged.get(hitKey(h))) !== canonical(h));
  if (!changed) return 0;
  for (const h of r.hits) merged.set(hitKey(h), h);
  const hits = [...merged.values()];
  await tx.execute(sql`
    UPDATE review_alerts SET hits = ${JSON.stringify(hits)}::jsonb, score = greatest(score, ${r.score}), updated_at = ${now.toISOString()}, version = version + 1,
           status = CASE WHEN status = 'dismissed' AND ${added} THEN 'open' ELSE status END
     WHERE id = ${existing.id}`);
  return hits.length;
}

/** JSON with sorted keys: jsonb keeps keys in its own order. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') return `{${Object.keys(x).sort().map((k) => `${JSON.stringify(k)}:${canonical((x as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(x) ?? 'null';
}
