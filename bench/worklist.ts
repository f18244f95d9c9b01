// The health centre's work list and the transmission chain on the synthetic country after a wave
// (bench/followup.ts): GET /api/worklist over HTTP as staff of the largest and of a typical centre,
// and GET /api/cases/:id/chain for a case deep in a chain. "queries" is the work list's three
// queries alone (observations/repo.ts, in the actor's transaction). Each answer is first checked
// against the data read as the owner (totals, the rows shown and their order; the chain's nodes
// and links walked here), so the timings cannot be of a wrong answer.
import { sql } from 'drizzle-orm';
import { japanToday } from '../src/domain/calendar.ts';
import type { CaseStatus } from '../src/domain/case-status.ts';
import { DEFAULT_STALE_AFTER_DAYS, isStale, staleBefore } from '../src/domain/worklist.ts';
import type { Actor } from '../src/server/access/actor.ts';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { openAlertsOfCentre, staleOfCentre, statusMissingOfCentre } from '../src/server/observations/repo.ts';
import { WORKLIST_LIMIT } from '../src/server/observations/service.ts';
import { rows } from '../src/server/db/database.ts';
import { serve, type BenchTarget } from './engines.ts';
import type { FollowUp } from './followup.ts';
import { firstLogin, type HttpClient } from '../test/harness/http-client.ts';
import { percentile } from './stats.ts';

const RUNS = Number(process.env.BENCH_WORKLIST_RUNS ?? 100);

export interface WorklistRow {
  name: string;
  /** What the answer holds, for the table. */
  size: string;
  http: number[];
  /** The queries alone, where measured. */
  queries: number[] | null;
}

async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work();
  await work(); // warm: plans, caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return samples;
}

const same = (what: string, got: unknown, want: unknown) => {
  if (JSON.stringify(got) !== JSON.stringify(want)) {
    throw new Error(`${what}: got ${JSON.stringify(got).slice(0, 300)}, expected ${JSON.stringify(want).slice(0, 300)}`);
  }
};

/** Sorts by key (numbers, then ids as PostgreSQL orders uuids: their hex text). */
const by = <T,>(key: (r: T) => (number | string)[]) => (a: T, b: T) => {
  const [x, y] = [key(a), key(b)];
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return 0;
};

interface WorkListAnswer {
  today: string;
  alerts: { total: number; rows: { alertId: string }[] };
  statusMissing: { total: number; rows: { caseId: string }[] };
  stale: { total: number; rows: { caseId: string }[] };
}

/** What the centre's work list must show, from the tables read as the owner (no RLS) and domain/worklist.ts isStale. */
async function expectedWorkList(target: BenchTarget, hc: string, today: string) {
  // Microseconds since 1970 as text: exact, and within 2^53.
  const us = (col: string) => `(extract(epoch FROM ${col}) * 1000000)::bigint::text`;
  const alerts = await target.query<{ id: string; on: string; raised: string }>(
    `SELECT a.id, a.observed_on::text AS on, ${us('a.raised_at')} AS raised FROM case_alerts a JOIN cases c ON c.id = a.case_id
     WHERE c.responsible_hc_id = $1 AND a.acknowledged_at IS NULL`,
    [hc],
  );
  const own = await target.query<{ id: string; status: CaseStatus | null; changed: string | null; observed: string | null; submitted: string | null }>(
    `SELECT c.id, c.current_status AS status, ${us('c.status_changed_at')} AS changed, ${us('c.last_observed_at')} AS observed,
            (SELECT ${us('max(coalesce(n.first_submitted_at, n.created_at))')} FROM notifications n WHERE n.case_id = c.id AND n.status = 'submitted') AS submitted
     FROM cases c WHERE c.responsible_hc_id = $1`,
    [hc],
  );
  const date = (u: string | null) => (u === null ? null : new Date(Number(u) / 1000));
  const stale = own.filter((c) => isStale({ status: c.status, statusChangedAt: date(c.changed), lastObservedAt: date(c.observed) }, today, DEFAULT_STALE_AFTER_DAYS));
  const missing = own.filter((c) => c.status === null && c.submitted !== null);
  const activity = (c: (typeof own)[number]) => Math.max(...[c.changed, c.observed].filter((u) => u !== null).map(Number), -Infinity);
  return {
    cases: own.length,
    active: own.filter((c) => c.status !== null && c.status !== 'released' && c.status !== 'died').length,
    alerts: { total: alerts.length, ids: alerts.sort(by((a) => [-Date.parse(a.on), -Number(a.raised), a.id])).map((a) => a.id) },
    statusMissing: { total: missing.length, ids: missing.sort(by((c) => [-Number(c.submitted), c.id])).map((c) => c.id) },
    stale: { total: stale.length, ids: stale.sort(by((c) => [activity(c), c.id])).map((c) => c.id) },
  };
}

interface ChainAnswer {
  nodes: { id: string; hidden: boolean; caseId: string | null; contactId: string | null }[];
  edges: { exposureId: string }[];
  truncated: boolean;
}

/**
 * The chain walked here from the links read as the owner, as transmission_chain() walks it: down
 * through a case's exposures to contacts (on through the case a contact became), up through the
 * contact a case was to its sources. What the centre's staff may see follows the RLS policies.
 */
async function expectedChain(target: BenchTarget, caseId: string, generations: number, hc: string) {
  const links = await target.query<{ exposure: string; source: string; contact: string; became: string | null }>(
    'SELECT e.id AS exposure, e.source_case_id AS source, e.contact_id AS contact, ct.became_case_id AS became FROM contact_exposures e JOIN contacts ct ON ct.id = e.contact_id',
  );
  const nodes = new Set([`case:${caseId}`]);
  const exposures = new Set<string>();
  let down = [caseId];
  let up = [caseId];
  for (let g = 1; g <= generations; g++) {
    const [nextDown, nextUp]: string[][] = [[], []];
    for (const l of links.filter((l) => down.includes(l.source))) {
      exposures.add(l.exposure);
      const to = l.became ? `case:${l.became}` : `contact:${l.contact}`;
      if (!nodes.has(to)) {
        nodes.add(to);
        if (l.became) nextDown.push(l.became);
      }
    }
    for (const l of links.filter((l) => l.became !== null && up.includes(l.became))) {
      exposures.add(l.exposure);
      if (!nodes.has(`case:${l.source}`)) {
        nodes.add(`case:${l.source}`);
        nextUp.push(l.source);
      }
    }
    [down, up] = [nextDown, nextUp];
  }
  const visibleCases = new Set(
    (await target.query<{ id: string }>(
      'SELECT id FROM cases WHERE responsible_hc_id = $1 UNION SELECT case_id FROM case_related_hcs WHERE hc_id = $1',
      [hc],
    )).map((r) => r.id),
  );
  const contacts = await target.query<{ id: string; hc: string; became: string | null }>(
    'SELECT id, responsible_hc_id AS hc, became_case_id AS became FROM contacts',
  );
  const visibleContacts = new Set(
    contacts
      .filter((c) => c.hc === hc || (c.became && visibleCases.has(c.became)) || links.some((l) => l.contact === c.id && visibleCases.has(l.source)))
      .map((c) => c.id),
  );
  const visible = [...nodes].filter((k) => (k.startsWith('case:') ? visibleCases.has(k.slice(5)) : visibleContacts.has(k.slice(8)))).sort();
  return { nodes: nodes.size, visible, hidden: nodes.size - visible.length, edges: exposures.size };
}

export async function worklistBench(target: BenchTarget, followUp: FollowUp): Promise<WorklistRow[]> {
  const app = await serve(target);
  try {
    const clients = {} as Record<keyof FollowUp['users'], HttpClient>;
    const actors = {} as Record<keyof FollowUp['users'], Actor>;
    for (const [who, user] of Object.entries(followUp.users) as [keyof FollowUp['users'], FollowUp['users']['largest']][]) {
      clients[who] = await firstLogin(app.url, user.loginId, user.password);
      actors[who] = (await target.db.asSystem((tx) => loadActor(tx, user.id)))!;
    }
    const get = async <T,>(who: keyof FollowUp['users'], path: string): Promise<T> => {
      const r = await clients[who].get(path);
      if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as T;
    };
    const audited = async (action: string) =>
      Number((await target.query<{ n: string }>('SELECT count(*) AS n FROM audit_log WHERE action = $1', [action]))[0].n);

    const results: WorklistRow[] = [];
    for (const who of ['largest', 'typical'] as const) {
      process.stderr.write(`  ${target.engine}: work list, ${who} centre…\n`);
      const hc = followUp.centres[who];
      // The answer and what it must be, on the same Japan day (the stale cut-off moves at midnight).
      let answer: WorkListAnswer;
      let want: Awaited<ReturnType<typeof expectedWorkList>>;
      do {
        answer = await get<WorkListAnswer>(who, '/api/worklist');
        want = await expectedWorkList(target, hc, answer.today);
      } while (japanToday(new Date()) !== answer.today);
      same(`${who}: open alerts`, [answer.alerts.total, answer.alerts.rows.map((r) => r.alertId)], [want.alerts.total, want.alerts.ids.slice(0, WORKLIST_LIMIT)]);
      same(`${who}: missing statuses`, [answer.statusMissing.total, answer.statusMissing.rows.map((r) => r.caseId)], [want.statusMissing.total, want.statusMissing.ids.slice(0, WORKLIST_LIMIT)]);
      same(`${who}: stale`, [answer.stale.total, answer.stale.rows.map((r) => r.caseId)], [want.stale.total, want.stale.ids.slice(0, WORKLIST_LIMIT)]);
      if (!want.alerts.total || want.statusMissing.total <= WORKLIST_LIMIT || want.stale.total <= WORKLIST_LIMIT) {
        process.stderr.write(`  (${who}: lists shorter than the page of ${WORKLIST_LIMIT}: a smaller country than the benchmark's)\n`);
      }

      const before = await audited('worklist.read');
      const http = await timed(RUNS, () => get(who, '/api/worklist'));
      if ((await audited('worklist.read')) - before !== RUNS + 2) throw new Error(`${who}: not every work list was audited`);
      const cutoff = staleBefore(answer.today, DEFAULT_STALE_AFTER_DAYS);
      const queries = await timed(RUNS, () =>
        target.db.asActor(actors[who], async (tx) => {
          await openAlertsOfCentre(tx, hc, WORKLIST_LIMIT);
          await statusMissingOfCentre(tx, hc, WORKLIST_LIMIT);
          await staleOfCentre(tx, hc, cutoff, WORKLIST_LIMIT);
        }),
      );
      results.push({
        name: `work list, ${who} centre`,
        size: `${want.cases.toLocaleString('en')} cases, ${want.active.toLocaleString('en')} followed; ${want.alerts.total} alerts, ${want.statusMissing.total} missing, ${want.stale.total} stale`,
        http,
        queries,
      });
    }

    if (followUp.chainCase) {
      for (const generations of [3, 6]) {
        process.stderr.write(`  ${target.engine}: chain, ${generations} generations…\n`);
        const path = `/api/cases/${followUp.chainCase}/chain?generations=${generations}`;
        const chain = await get<ChainAnswer>('chain', path);
        const want = await expectedChain(target, followUp.chainCase, generations, followUp.centres.chain);
        same(`chain ${generations}: truncated`, chain.truncated, false);
        same(`chain ${generations}: nodes`, chain.nodes.length, want.nodes);
        same(`chain ${generations}: edges`, chain.edges.length, want.edges);
        same(`chain ${generations}: hidden`, chain.nodes.filter((n) => n.hidden).length, want.hidden);
        same(
          `chain ${generations}: visible nodes`,
          chain.nodes.filter((n) => !n.hidden).map((n) => (n.caseId ? `case:${n.caseId}` : `contact:${n.contactId}`)).sort(),
          want.visible,
        );
        const before = await audited('contacts.chain');
        const http = await timed(RUNS, () => get('chain', path));
        if ((await audited('contacts.chain')) - before !== RUNS + 2) throw new Error('not every chain was audited');
        const walk = await timed(RUNS, () =>
          target.db.asActor(actors.chain, (tx) =>
            rows(tx, sql`SELECT count(*) FROM transmission_chain(${followUp.chainCase}::uuid, ${generations}::integer, 501)`),
          ),
        );
        results.push({
          name: `transmission chain, ${generations} generations`,
          size: `${want.nodes} nodes (${want.hidden} of another centre), ${want.edges} links`,
          http,
          queries: walk,
        });
      }
    }
    return results;
  } finally {
    await app.close();
  }
}

export function worklistTable(engine: string, cases: number, results: WorklistRow[]): string {
  const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
  const p = (s: number[] | null, q: number) => (s ? ms(q === 1 ? Math.max(...s) : percentile(s, q)) : '–');
  return [
    `### ${engine}: work list and transmission chain, ${cases.toLocaleString('en')} cases (${RUNS} runs each)`,
    '',
    '| request | what it holds | HTTP p50 (ms) | HTTP p95 (ms) | HTTP max (ms) | queries p50 (ms) | queries p95 (ms) |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...results.map((r) => `| ${r.name} | ${r.size} | ${p(r.http, 0.5)} | ${p(r.http, 0.95)} | ${p(r.http, 1)} | ${p(r.queries, 0.5)} | ${p(r.queries, 0.95)} |`),
  ].join('\n');
}
