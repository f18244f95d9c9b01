// Notifications per second through the HTTP API, next to the physical limit of the same database.
//
// The application listens on a local port; doctors (one session each, in a worker thread) run the
// whole flow over HTTP: register a new person with a positive PCR, draft the 発生届, submit it, each
// request with its Idempotency-Key as the web app sends it. That is 3 requests, each one transaction
// (the session check, the work, its audit row and its idempotency record); the submission also
// writes the outbox row of the e-mail. The statements the server sends for the measured flows are
// counted (BEGIN and COMMIT included).
//
// The limit is a notification-shaped raw transaction — BEGIN, insert a case row, an audit row and an
// outbox row (into copies of those tables, with their indexes and constraints), COMMIT — from as
// many concurrent callers over a pool of the same size (PGlite: its one connection).
// ratio = write transactions per second through HTTP (3 per flow) ÷ raw transactions per second.
//
// On PostgreSQL it also measures the server as 1 and as 2 processes (`hersys serve`) on the same
// database, the clients spread over them: the server keeps no state between requests.
import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { rows } from '../src/server/db/database.ts';
import { credentials, users } from '../src/server/db/schema.ts';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import { serve, type BenchTarget } from './engines.ts';
import type { LoadInput, LoadResult } from './load-worker.ts';
import { startServer } from '../test/harness/server-process.ts';
import { percentile } from './stats.ts';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 1000);
const RAW_SECONDS = Number(process.env.BENCH_COMMIT_SECONDS ?? 5);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8').split(',').map(Number);
const SCALE_CLIENTS = Number(process.env.BENCH_SCALE_CLIENTS ?? 8);
/** Write transactions of one flow: register, draft, submit. */
const WRITES_PER_FLOW = 3;

export interface ThroughputRow {
  clients: number;
  flows: number;
  flowsPerSecond: number;
  p50: number;
  p99: number;
  statementsPerFlow: number;
  rawPerSecond: number;
  /** Share of the time the server's event loop (one core) was busy during the flows. */
  serverBusy: number;
}

export interface ScaleRow {
  processes: number;
  clients: number;
  flowsPerSecond: number;
  p50: number;
  p99: number;
}

export interface ThroughputResult {
  rows: ThroughputRow[];
  scale: ScaleRow[] | null;
}

/** Doctors of the demo world's two clinics, new IDs with an initial password. */
async function doctors(target: BenchTarget, count: number, prefix: string) {
  const world = await target.db.asSystem((tx) => rows<{ id: string; code: string }>(tx, sql`SELECT id, code FROM organizations WHERE code IN ('sakura-clinic', 'midori-hospital') ORDER BY code DESC`));
  const accounts = Array.from({ length: count }, (_, i) => ({ loginId: `${prefix}-dr${i}`, password: `Bench-dr-${randomUUID().slice(0, 13)}` }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  await target.db.asSystem(async (tx) => {
    const ids = await tx
      .insert(users)
      .values(accounts.map((a, i) => ({ orgId: world[i % world.length].id, loginId: a.loginId, displayName: `医師${i + 1}`, roles: ['doctor'] })))
      .returning({ id: users.id });
    await tx.insert(credentials).values(ids.map((u, i) => ({ userId: u.id, passwordHash: hashes[i], mustChangePassword: true })));
  });
  return accounts;
}

/** Runs the clients in a worker thread; `onMeasuring` is called when the warm-up is over. */
function load(input: LoadInput, onMeasuring: () => void = () => {}): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit tsx's loader: register it there, then load the TypeScript module.
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: input });
    worker.on('message', (m: { measuring?: true; result?: LoadResult; error?: string }) => {
      if (m.measuring) return onMeasuring();
      void worker.terminate();
      if (m.result) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}

/** Copies of the tables a notification writes, with their indexes and constraints but no triggers or policies. */
async function createRawTables(target: BenchTarget) {
  await target.query('CREATE TABLE bench_case (LIKE cases INCLUDING ALL)');
  await target.query('CREATE TABLE bench_audit (LIKE audit_log INCLUDING ALL)');
  await target.query('CREATE TABLE bench_outbox (LIKE outbox INCLUDING ALL)');
  await target.query('CREATE SEQUENCE bench_audit_seq');
}

const hex = (bytes: number) => randomBytes(bytes).toString('hex');

/** One notification-shaped transaction: a case row, an audit row, an outbox row. */
function rawStatements(org: { hc: string; prefecture: string; clinic: string }): [string, unknown[]][] {
  const caseId = randomUUID();
  return [
    [
      'INSERT INTO bench_case (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [caseId, randomUUID(), `B${randomInt(1e12)}`, `S${randomInt(1e12)}`, org.prefecture, org.hc, org.clinic],
    ],
    [
      `INSERT INTO bench_audit (seq, at, actor_user_id, actor_org_id, action, record_type, record_ids, outcome, details, prev_hash, hash)
       VALUES (nextval('bench_audit_seq'), now(), $1, $2, 'notifications.submit', 'notification', $3, 'ok', $4, $5, $6)`,
      [randomUUID(), org.clinic, [caseId], JSON.stringify({ caseId, classification: 'patient', emailed: true }), hex(32), hex(32)],
    ],
    ['INSERT INTO bench_outbox (kind, payload) VALUES ($1, $2)', ['email', JSON.stringify({ to: 'hc@example.jp', subject: `発生届 ${caseId}`, text: hex(200) })]],
  ];
}

/** Raw transactions per second from `callers` concurrent callers, after a second's warm-up (creates the copies of the tables once). */
export async function rawTransactionsPerSecond(target: BenchTarget, callers: number): Promise<number> {
  const [{ n }] = await target.query<{ n: string }>("SELECT count(*) AS n FROM pg_class WHERE relname = 'bench_case'");
  if (Number(n) === 0) await createRawTables(target);
  const [org] = await target.query<{ hc: string; prefecture: string; clinic: string }>(
    "SELECT parent_id AS hc, prefecture_id AS prefecture, id AS clinic FROM organizations WHERE code = 'sakura-clinic'",
  );
  const during = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < until) {
          await target.transaction(rawStatements(org));
          done++;
        }
      }),
    );
    return done;
  };
  await during(1);
  const started = performance.now();
  const done = await during(RAW_SECONDS);
  return done / ((performance.now() - started) / 1000);
}

const count = async (target: BenchTarget, table: string) => Number((await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

/** The same load on 1, then 2 server processes. */
async function scaleOut(target: BenchTarget): Promise<ScaleRow[]> {
  const results: ScaleRow[] = [];
  for (const processes of [1, 2]) {
    process.stderr.write(`  ${target.engine}: ${processes} server process(es), ${SCALE_CLIENTS} clients, ${FLOWS} flows…\n`);
    const servers = await Promise.all(Array.from({ length: processes }, () => startServer({ DATABASE_URL: target.url!, LOG_LEVEL: 'warn' })));
    try {
      const accounts = await doctors(target, SCALE_CLIENTS, `p${processes}`);
      const { flowsMs, wallMs } = await load({ baseUrls: servers.map((s) => s.url), accounts, flows: FLOWS, warmup: Math.max(10, SCALE_CLIENTS * 2) });
      results.push({ processes, clients: SCALE_CLIENTS, flowsPerSecond: FLOWS / (wallMs / 1000), p50: percentile(flowsMs, 0.5), p99: percentile(flowsMs, 0.99) });
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
    }
  }
  return results;
}

export async function notificationThroughput(target: BenchTarget): Promise<ThroughputResult> {
  await seedDemoIfEmpty(target.db);
  const app = await serve(target);
  const results: ThroughputRow[] = [];
  try {
    for (const clients of CLIENTS) {
      process.stderr.write(`  ${target.engine}: ${clients} client(s), ${FLOWS} flows…\n`);
      const accounts = await doctors(target, clients, `c${clients}`);
      const [audits, outbox] = [await count(target, 'audit_log'), await count(target, 'outbox')];
      const warmup = Math.max(10, clients * 2);
      // The worker measures after its warm-up; the server's event-loop use is taken around the whole run.
      const elu = performance.eventLoopUtilization();
      let statementsBefore = 0;
      const { flowsMs, wallMs } = await load({ baseUrls: [app.url], accounts, flows: FLOWS, warmup }, () => (statementsBefore = target.db.stats.statements));
      const statements = target.db.stats.statements - statementsBefore;
      const serverBusy = performance.eventLoopUtilization(elu).utilization;
      // Every flow left its rows: three audit rows (and 4 per client for the first login), one e-mail.
      const flows = FLOWS + warmup;
      const [auditRows, mails] = [(await count(target, 'audit_log')) - audits, (await count(target, 'outbox')) - outbox];
      if (auditRows < 3 * flows || mails !== flows) throw new Error(`expected ${3 * flows}+ audit rows and ${flows} e-mails, found ${auditRows} and ${mails}`);
      process.stderr.write(`  ${target.engine}: raw notification-shaped transactions from ${clients} caller(s) for ${RAW_SECONDS} s…\n`);
      const rawPerSecond = await rawTransactionsPerSecond(target, clients);
      results.push({
        clients,
        flows: FLOWS,
        flowsPerSecond: FLOWS / (wallMs / 1000),
        p50: percentile(flowsMs, 0.5),
        p99: percentile(flowsMs, 0.99),
        statementsPerFlow: statements / FLOWS,
        rawPerSecond,
        serverBusy,
      });
    }
  } finally {
    await app.close();
  }
  return { rows: results, scale: target.url ? await scaleOut(target) : null };
}

export function throughputTable(target: BenchTarget, result: ThroughputResult): string {
  const lines = [
    `### ${target.engine}: notifications through the API (${target.durability})`,
    '',
    '| clients | flows | notifications/s | flow p50 (ms) | flow p99 (ms) | statements per flow | server event loop busy | raw notification transactions/s | write transactions/s ÷ raw |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...result.rows.map(
      (r) =>
        `| ${r.clients} | ${r.flows.toLocaleString('en')} | ${r.flowsPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${r.statementsPerFlow.toFixed(1)} | ${(r.serverBusy * 100).toFixed(0)} % | ${r.rawPerSecond.toFixed(0)} | **${((WRITES_PER_FLOW * r.flowsPerSecond) / r.rawPerSecond).toFixed(3)}** |`,
    ),
  ];
  if (result.scale) {
    const [one] = result.scale;
    lines.push(
      '',
      `#### ${target.engine}: one and two server processes (\`hersys serve\`) on the same database`,
      '',
      '| processes | clients | notifications/s | flow p50 (ms) | flow p99 (ms) | ÷ one process |',
      '|---:|---:|---:|---:|---:|---:|',
      ...result.scale.map(
        (r) => `| ${r.processes} | ${r.clients} | ${r.flowsPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.flowsPerSecond / one.flowsPerSecond).toFixed(2)} |`,
      ),
    );
  }
  return lines.join('\n');
}
