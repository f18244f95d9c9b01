// Counting at scale (issue 13): a generated epidemic over all 47 prefectures for the whole period
// COVID-19 was notified under the law (2020-01-16 to 2023-05-07), counted by the job into the
// rollups; then every kind of dashboard request through HTTP (p50/p95), and what counting adds to
// a notification's write: the trigger's cost on inserts (with and without it, in the same run) and
// the job's cost per recounted case; the national open-data files built for the whole period; and
// the national whole-period curve read from count_by against the same sum over the full cross-tab
// (count_rollup, what the dashboards read before migration 0033), in the same run.
//
//   BENCH_STATS_CASES=1000000   how many cases (the real epidemic had ~33 M; case numbers allow 9 M)
//   BENCH_STATS_RUNS=40         runs of each dashboard request
import { randomUUID } from 'node:crypto';
import { MUNICIPALITIES } from '../src/domain/statistics/municipality.ts';
import { PREFECTURES } from '../src/domain/statistics/prefectures.ts';
import { populationOf } from '../src/domain/statistics/population.ts';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { credentials, organizations, users } from '../src/server/db/schema.ts';
import { generateEpidemic, type EpidemicArea } from '../src/server/demo/epidemic.ts';
import { publishOpenData } from '../src/server/open-data/publish.ts';
import { refreshAllCounts } from '../src/server/statistics/refresh.ts';
import { firstLogin, type HttpClient } from '../test/harness/http-client.ts';
import { serve, type BenchTarget } from './engines.ts';
import { percentile } from './stats.ts';

const CASES = Number(process.env.BENCH_STATS_CASES ?? 1_000_000);
const FROM = '2020-01-16';
const TO = '2023-05-07';
const DAYS = (Date.parse(TO) - Date.parse(FROM)) / 86_400_000 + 1;
const HCS_PER_PREFECTURE = 3;
const CHUNK = 250_000;
const RUNS = Number(process.env.BENCH_STATS_RUNS ?? 40);

export interface StatisticsResult {
  cases: number;
  generateSeconds: number;
  countSeconds: number;
  rollupRows: number;
  rollupMb: number;
  countByRows: number;
  countByMb: number;
  requests: { name: string; p50: number; p95: number }[];
  /** The national whole-period curve by age band in SQL: from count_by, and summed over count_rollup. */
  curveSql: { countBy: { p50: number; p95: number }; crossTab: { p50: number; p95: number } };
  /** Building (and freezing) the national open data for the whole period, twice: the second with revisions against the first. */
  publishSeconds: number[];
  insertWithTrigger: number;
  insertWithout: number;
}

/**
 * 厚生労働省 → 47 prefectures (JIS codes) → 3 centres each, one clinic per centre; three readers
 * (the ministry, Tokyo's staff, a Tokyo centre's staff). `prefix` keeps codes and login IDs apart
 * when another benchmark (bench/weekly-report.ts) builds its own country in the same database.
 */
export async function country(target: BenchTarget, prefix = 'stats') {
  const ministry = randomUUID();
  const orgRows: (typeof organizations.$inferInsert)[] = [{ id: ministry, kind: 'ministry', code: `${prefix}-mhlw`, nameJa: '厚生労働省', nameEn: 'MHLW', areaCode: null }];
  const areas: EpidemicArea[] = [];
  for (const p of PREFECTURES) {
    const pid = randomUUID();
    orgRows.push({ id: pid, kind: 'prefecture', code: `${prefix}-${p.code}`, nameJa: p.ja, nameEn: p.en, parentId: ministry, prefectureId: pid, areaCode: p.code });
    const weight = (populationOf(p.code, 2020)?.population ?? 1_000_000) / HCS_PER_PREFECTURE;
    for (let h = 0; h < HCS_PER_PREFECTURE; h++) {
      const hc = randomUUID();
      const clinic = randomUUID();
      orgRows.push({ id: hc, kind: 'health_center', code: `${prefix}-${p.code}-${h}`, nameJa: `${p.ja}第${h + 1}保健所`, nameEn: `${p.en} HC ${h + 1}`, parentId: pid, prefectureId: pid });
      orgRows.push({ id: clinic, kind: 'medical_institution', code: `${prefix}-${p.code}-${h}-mi`, nameJa: `${p.ja}第${h + 1}病院`, nameEn: `${p.en} hospital ${h + 1}`, parentId: hc, prefectureId: pid });
      // The prefecture's municipalities dealt out to its centres: every case lives somewhere.
      const residences = MUNICIPALITIES.filter((m) => m.prefecture === p.code && !m.code.startsWith('0169'))
        .filter((_, i) => i % HCS_PER_PREFECTURE === h)
        .map((m) => p.ja + m.ja);
      areas.push({ prefectureId: pid, hcId: hc, institutionId: clinic, weight, residences });
    }
  }
  const tokyo = orgRows.find((o) => o.areaCode === '13')!.id!;
  const tokyoHc = areas.find((a) => a.prefectureId === tokyo)!.hcId;
  const accounts = [
    { loginId: `${prefix}-mhlw`, orgId: ministry, roles: ['ministry_staff'] },
    { loginId: `${prefix}-tokyo`, orgId: tokyo, roles: ['prefecture_staff'] },
    { loginId: `${prefix}-hc`, orgId: tokyoHc, roles: ['hc_staff'] },
  ];
  const passwords = accounts.map(() => `Bench-${randomUUID().slice(0, 13)}`);
  const hashes = await Promise.all(passwords.map(hashPassword));
  const ids = await target.db.asSystem(async (tx) => {
    await tx.insert(organizations).values(orgRows);
    const inserted = await tx.insert(users).values(accounts.map((a) => ({ orgId: a.orgId, loginId: a.loginId, displayName: 'bench', roles: a.roles }))).returning({ id: users.id });
    await tx.insert(credentials).values(inserted.map((u, i) => ({ userId: u.id, passwordHash: hashes[i], mustChangePassword: true })));
    return inserted.map((u) => u.id);
  });
  return { ministry, tokyo, tokyoHc, areas, accounts: accounts.map((a, i) => ({ ...a, id: ids[i], password: passwords[i] })) };
}

export async function timed(runs: number, work: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  await work(); // warm
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return { p50: percentile(samples, 0.5), p95: percentile(samples, 0.95) };
}

export async function statisticsBench(target: BenchTarget): Promise<StatisticsResult> {
  const c = await country(target);
  const staff = { id: c.accounts[0].id, name: 'bench', orgName: '厚生労働省' };
  let started = performance.now();
  for (let done = 0; done < CASES; done += CHUNK) {
    await generateEpidemic(target.db, { areas: c.areas, from: FROM, days: DAYS, cases: Math.min(CHUNK, CASES - done), staff });
    process.stderr.write(`  ${target.engine}: ${Math.min(CASES, done + CHUNK).toLocaleString('en')} cases generated\n`);
  }
  const generateSeconds = (performance.now() - started) / 1000;
  await target.query('VACUUM ANALYZE');
  started = performance.now();
  const counted = await refreshAllCounts(target.db, 5000);
  const countSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`  ${target.engine}: ${counted.toLocaleString('en')} cases counted in ${countSeconds.toFixed(0)} s\n`);
  await target.query('VACUUM ANALYZE count_rollup');
  await target.query('VACUUM ANALYZE count_by');
  const [size] = await target.query<{ n: string; bytes: string }>("SELECT count(*) AS n, pg_total_relation_size('count_rollup') AS bytes FROM count_rollup");
  const [bySize] = await target.query<{ n: string; bytes: string }>("SELECT count(*) AS n, pg_total_relation_size('count_by') AS bytes FROM count_by");
  const curve = (table: string) => async () =>
    target.query(
      table === 'count_by'
        ? `SELECT day, grp, n FROM count_by WHERE area_id = $1 AND measure = 'reported' AND dim = 'age_band' AND day BETWEEN $2 AND $3`
        : `SELECT day, age_band, sum(n)::int FROM count_rollup WHERE area_id = $1 AND measure = 'reported' AND day BETWEEN $2 AND $3 GROUP BY 1, 2`,
      [c.ministry, FROM, TO],
    );
  const curveSql = { countBy: await timed(RUNS, curve('count_by')), crossTab: await timed(RUNS, curve('count_rollup')) };

  const app = await serve(target);
  const requests: StatisticsResult['requests'] = [];
  try {
    const clients: Record<string, HttpClient> = {};
    for (const a of c.accounts) clients[a.loginId] = await firstLogin(app.url, a.loginId, a.password);
    const peak = '2022-08-20';
    const cases: { name: string; who: string; query: Record<string, string> }[] = [
      { name: 'nation, 90 days by classification', who: 'stats-mhlw', query: { from: '2022-06-01', to: '2022-08-29' } },
      { name: 'nation, whole period by age band', who: 'stats-mhlw', query: { from: FROM, to: TO, by: 'age_band' } },
      { name: 'nation, whole period by onset date', who: 'stats-mhlw', query: { from: FROM, to: TO, basis: 'onset' } },
      { name: 'prefecture (Tokyo), 90 days by sex', who: 'stats-tokyo', query: { from: '2022-06-01', to: peak, by: 'sex' } },
      { name: 'prefecture (Tokyo), whole period', who: 'stats-tokyo', query: { from: FROM, to: TO } },
      { name: 'health centre, 90 days', who: 'stats-hc', query: { from: '2022-06-01', to: peak } },
      { name: 'health centre, whole period by age band', who: 'stats-hc', query: { from: FROM, to: TO, by: 'age_band' } },
    ];
    for (const r of cases) {
      const get = async () => {
        const res = await clients[r.who].get(`/api/statistics/dashboard?${new URLSearchParams(r.query)}`);
        if (res.status !== 200) throw new Error(`${r.name}: ${res.status} ${JSON.stringify(res.body)}`);
      };
      requests.push({ name: r.name, ...(await timed(RUNS, get)) });
      process.stderr.write(`  ${target.engine}: ${r.name}\n`);
    }
  } finally {
    await app.close();
  }

  const publishSeconds: number[] = [];
  for (const on of ['2023-05-08', '2023-05-09']) {
    const started = performance.now();
    await publishOpenData(target.db, { on, threshold: 3 });
    publishSeconds.push((performance.now() - started) / 1000);
  }
  process.stderr.write(`  ${target.engine}: open data published in ${publishSeconds.map((s) => s.toFixed(1)).join(' s, ')} s\n`);

  // The trigger's cost: the same 20,000 notification rows inserted with and without it, twice each.
  const insert = async () => {
    const started = performance.now();
    await target.query(`INSERT INTO notifications (case_id, form_id, form_version, classification, institution_id, created_by)
                        SELECT id, 'covid19', '2022-09-26', 'patient', reporting_org_id, reporting_org_id FROM cases LIMIT 20000`);
    const ms = performance.now() - started;
    await target.query(`DELETE FROM notifications WHERE status = 'draft' AND form_version = '2022-09-26' AND created_by = institution_id`);
    return ms;
  };
  const withTrigger: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < 2; i++) {
    withTrigger.push(await insert());
    await target.query('ALTER TABLE notifications DISABLE TRIGGER notifications_count');
    without.push(await insert());
    await target.query('ALTER TABLE notifications ENABLE TRIGGER notifications_count');
  }
  await target.query('TRUNCATE count_queue');
  return {
    cases: counted,
    generateSeconds,
    countSeconds,
    rollupRows: Number(size.n),
    rollupMb: Number(size.bytes) / 2 ** 20,
    countByRows: Number(bySize.n),
    countByMb: Number(bySize.bytes) / 2 ** 20,
    requests,
    curveSql,
    publishSeconds,
    insertWithTrigger: Math.min(...withTrigger),
    insertWithout: Math.min(...without),
  };
}

export function statisticsTable(target: BenchTarget, r: StatisticsResult): string {
  const lines = [
    `### ${target.engine}: counting ${r.cases.toLocaleString('en')} cases over ${DAYS} days, 47 prefectures × ${HCS_PER_PREFECTURE} centres`,
    '',
    `Generated in ${r.generateSeconds.toFixed(0)} s; counted by the job in ${r.countSeconds.toFixed(0)} s (${Math.round(r.cases / r.countSeconds).toLocaleString('en')} cases/s, ${((r.countSeconds * 1000) / r.cases).toFixed(2)} ms per case); count_rollup: ${r.rollupRows.toLocaleString('en')} rows, ${r.rollupMb.toFixed(0)} MB; count_by: ${r.countByRows.toLocaleString('en')} rows, ${r.countByMb.toFixed(0)} MB.`,
    '',
    '| dashboard request (HTTP, logged in) | p50 ms | p95 ms | target p95 ≤ 200 ms |',
    '|---|---|---|---|',
    ...r.requests.map((q) => `| ${q.name} | ${q.p50.toFixed(0)} | ${q.p95.toFixed(0)} | ${q.p95 <= 200 ? 'met' : '**missed**'} |`),
    '',
    `The national whole-period curve by age band in SQL: ${r.curveSql.countBy.p50.toFixed(0)} ms (p95 ${r.curveSql.countBy.p95.toFixed(0)}) from count_by, ${r.curveSql.crossTab.p50.toFixed(0)} ms (p95 ${r.curveSql.crossTab.p95.toFixed(0)}) summed over count_rollup (×${(r.curveSql.crossTab.p50 / r.curveSql.countBy.p50).toFixed(1)}).`,
    '',
    `National open data for the whole period built and frozen in ${r.publishSeconds.map((s) => s.toFixed(1)).join(' s and ')} s (the second with its revisions against the first; target ≤ 10 s).`,
    '',
    `Inserting 20,000 notifications: ${r.insertWithTrigger.toFixed(0)} ms with the counting trigger, ${r.insertWithout.toFixed(0)} ms without (×${(r.insertWithTrigger / r.insertWithout).toFixed(2)}).`,
  ];
  return lines.join('\n');
}
