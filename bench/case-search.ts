// Case search latency on the synthetic country: GET /api/cases over HTTP as a health centre's staff
// (session check, search, audit row, masking), the search alone (cases/repo.searchCases in the
// actor's transaction), and the query it replaced, which relied on row-level security for the
// scope. Every search is checked to return the same page as that query.
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../src/server/access/actor.ts';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { searchCases, SIMILAR_KANA, type CaseFilter } from '../src/server/cases/repo.ts';
import { caseFilter } from '../src/server/cases/service.ts';
import { rows, type Tx } from '../src/server/db/database.ts';
import { CaseQuery } from '../src/domain/api/cases.ts';
import { serve, type BenchTarget } from './engines.ts';
import { firstLogin, type HttpClient } from '../test/harness/http-client.ts';
import { percentile } from './stats.ts';
import type { BenchUser, Country } from './synthetic.ts';

const RUNS = Number(process.env.BENCH_SEARCH_RUNS ?? 100);
/** The replaced query is slow by design: fewer runs of it. */
const PREVIOUS_RUNS = Math.max(3, Math.round(RUNS / 10));

export interface SearchRow {
  name: string;
  rows: number;
  http: [p50: number, p95: number];
  search: [p50: number, p95: number];
  previous: number;
}

interface Search {
  name: string;
  who: 'hcStaff' | 'doctor' | 'prefectureStaff';
  query: Record<string, string>;
  /** Outside the issue's list of common searches. */
  extra?: boolean;
}

/** The case list's query before search_cases: scope by row-level security, one OR over all of it. */
function previousSearch(tx: Tx, f: CaseFilter) {
  const where: SQL[] = [sql`TRUE`];
  if (f.caseNumber) where.push(sql`c.case_number = ${f.caseNumber}`);
  if (f.kanaKey && f.kanaMatch === 'prefix') where.push(sql`p.name_kana_key LIKE ${f.kanaKey.replace(/[\\%_]/g, (c) => `\\${c}`) + '%'}`);
  if (f.kanaKey && f.kanaMatch === 'similar') where.push(sql`similarity(p.name_kana_key, ${f.kanaKey}) >= ${SIMILAR_KANA}`);
  if (f.birthDate) where.push(sql`p.birth_date = ${f.birthDate}`);
  if (f.institutionId) where.push(sql`c.reporting_org_id = ${f.institutionId}`);
  if (f.classification) where.push(sql`n.classification = ${f.classification}`);
  if (f.confirmed !== undefined) where.push(f.confirmed ? sql`n.confirmed_at IS NOT NULL` : sql`n.status = 'submitted' AND n.confirmed_at IS NULL`);
  if (f.createdFrom) where.push(sql`c.created_at >= (${f.createdFrom}::date AT TIME ZONE 'Asia/Tokyo')`);
  if (f.createdTo) where.push(sql`c.created_at < ((${f.createdTo}::date + 1) AT TIME ZONE 'Asia/Tokyo')`);
  if (f.after) where.push(sql`(c.created_at, c.id) < (${f.after.createdAt}::timestamptz, ${f.after.id}::uuid)`);
  if (f.disease) where.push(sql`c.disease = ${f.disease}`);
  return rows<{ id: string }>(
    tx,
    sql`SELECT c.id FROM cases c
        JOIN persons p ON p.id = c.person_id
        LEFT JOIN LATERAL (
          SELECT n.classification, n.status, n.confirmed_at FROM notifications n
          WHERE n.case_id = c.id AND n.status <> 'withdrawn' AND n.superseded_at IS NULL
          ORDER BY n.created_at DESC LIMIT 1) n ON TRUE
        WHERE ${sql.join(where, sql` AND `)}
        ORDER BY c.created_at DESC, c.id DESC
        LIMIT ${f.limit + 1}`,
  );
}


async function timed(runs: number, work: () => Promise<unknown>): Promise<number[]> {
  await work();
  await work(); // warm: plans, caches, the function's first compilation on a connection
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await work();
    samples.push(performance.now() - t);
  }
  return samples;
}

/** Concrete values from the data: a case, a person and an institution of the sample centre. */
async function searches(target: BenchTarget, country: Country, firstPage: (who: Search['who']) => Promise<string>): Promise<Search[]> {
  const { hc, institution } = country.sample;
  const [{ case_number: caseNumber }] = await target.query<{ case_number: string }>(
    'SELECT case_number FROM cases WHERE responsible_hc_id = $1 ORDER BY created_at LIMIT 1 OFFSET (SELECT count(*) / 3 FROM cases WHERE responsible_hc_id = $1)',
    [hc],
  );
  const [person] = await target.query<{ name_kana: string; birth_date: string }>(
    `SELECT p.name_kana, p.birth_date::text AS birth_date FROM cases c JOIN persons p ON p.id = c.person_id
     WHERE c.responsible_hc_id = $1 ORDER BY c.created_at LIMIT 1 OFFSET (SELECT count(*) / 2 FROM cases WHERE responsible_hc_id = $1)`,
    [hc],
  );
  // A typist's variant of the name: the last ウ as a long vowel (タロウ → タロー).
  const variant = person.name_kana.replace(/ウ(?!.*ウ)/, 'ー');
  return [
    { name: 'case number', who: 'hcStaff', query: { caseNumber } },
    { name: 'kana prefix, common (サトウ)', who: 'hcStaff', query: { kana: 'サトウ' } },
    { name: 'kana prefix, rare (ハットリ)', who: 'hcStaff', query: { kana: 'ハットリ' } },
    { name: 'similar kana + birth date', who: 'hcStaff', query: { kana: variant, kanaMatch: 'similar', birthDate: person.birth_date } },
    { name: 'birth date', who: 'hcStaff', query: { birthDate: person.birth_date } },
    { name: 'reporting institution', who: 'hcStaff', query: { institutionId: institution } },
    { name: 'patient, not yet confirmed', who: 'hcStaff', query: { classification: 'patient', confirmed: 'false' } },
    { name: 'registered in one week', who: 'hcStaff', query: { createdFrom: '2022-08-01', createdTo: '2022-08-07' } },
    { name: 'first page, no filter', who: 'hcStaff', query: {} },
    { name: 'next page (keyset)', who: 'hcStaff', query: { after: await firstPage('hcStaff') } },
    { name: 'similar kana, no birth date', who: 'hcStaff', query: { kana: variant, kanaMatch: 'similar' }, extra: true },
    // Every synthetic case is COVID-19's: a rare disease has no case of the centre's to stop at (migration 0048's index).
    { name: 'a rare disease (measles)', who: 'hcStaff', query: { disease: 'measles' }, extra: true },
    { name: 'clinic: first page', who: 'doctor', query: {}, extra: true },
    { name: 'prefecture: first page', who: 'prefectureStaff', query: {}, extra: true },
  ];
}

export async function caseSearch(target: BenchTarget, country: Country): Promise<SearchRow[]> {
  const app = await serve(target);
  try {
    const who = Object.keys(country.users) as Search['who'][];
    const clients = {} as Record<Search['who'], HttpClient>;
    const actors = {} as Record<Search['who'], Actor>;
    for (const w of who) {
      const user: BenchUser = country.users[w];
      clients[w] = await firstLogin(app.url, user.loginId, user.password);
      actors[w] = (await target.db.asSystem((tx) => loadActor(tx, user.id)))!;
    }
    const get = async (w: Search['who'], query: Record<string, string>) => {
      const r = await clients[w].get(`/api/cases?${new URLSearchParams(query)}`);
      if (r.status !== 200) throw new Error(`GET /api/cases?${new URLSearchParams(query)}: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body as { cases: { caseId: string }[]; nextCursor: string | null };
    };
    const audited = async () => Number((await target.query<{ n: string }>("SELECT count(*) AS n FROM audit_log WHERE action = 'cases.search'"))[0].n);

    const results: SearchRow[] = [];
    for (const s of await searches(target, country, async (w) => (await get(w, {})).nextCursor!)) {
      process.stderr.write(`  ${target.engine}: ${s.name}…\n`);
      const page = await get(s.who, s.query);
      const filter = caseFilter(CaseQuery.parse(s.query));
      const previousIds = (await target.db.asActor(actors[s.who], (tx) => previousSearch(tx, filter))).slice(0, 50).map((r) => r.id);
      if (JSON.stringify(page.cases.map((c) => c.caseId)) !== JSON.stringify(previousIds)) {
        throw new Error(`${s.name}: the page differs from what the row-level-security query returns`);
      }
      const before = await audited();
      const http = await timed(RUNS, () => get(s.who, s.query));
      if ((await audited()) - before !== RUNS + 2) throw new Error(`${s.name}: not every search was audited`);
      const search = await timed(RUNS, () => target.db.asActor(actors[s.who], (tx) => searchCases(tx, filter)));
      const previous = await timed(PREVIOUS_RUNS, () => target.db.asActor(actors[s.who], (tx) => previousSearch(tx, filter)));
      results.push({
        name: s.extra ? `${s.name} *` : s.name,
        rows: page.cases.length,
        http: [percentile(http, 0.5), percentile(http, 0.95)],
        search: [percentile(search, 0.5), percentile(search, 0.95)],
        previous: percentile(previous, 0.5),
      });
    }
    return results;
  } finally {
    await app.close();
  }
}

export function searchTable(engine: string, cases: number, results: SearchRow[]): string {
  const ms = (n: number) => (n < 10 ? n.toFixed(1) : n.toFixed(0));
  return [
    `### ${engine}: case search, ${cases.toLocaleString('en')} cases (${RUNS} runs each; before: median of ${PREVIOUS_RUNS})`,
    '',
    '| search (health-centre staff unless said) | rows | HTTP p50 (ms) | HTTP p95 (ms) | search p50 (ms) | search p95 (ms) | before, under RLS p50 (ms) |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) => `| ${r.name} | ${r.rows} | ${ms(r.http[0])} | ${ms(r.http[1])} | ${ms(r.search[0])} | ${ms(r.search[1])} | ${ms(r.previous)} |`,
    ),
  ].join('\n');
}
