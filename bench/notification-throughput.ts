// Notifications per second through the HTTP API, next to the physical limit of the same database.
//
// The application listens on a local port; doctors (one session each, in a worker thread) run the
// whole flow over HTTP: register a new person with a positive PCR, draft the 発生届, submit it.
// That is 3 requests, each checking its session (a read-only transaction) and doing its work in
// one transaction with its audit row; the submission also writes the outbox row of the e-mail.
// The limit is single-row INSERT commits per second on the same database, each its own autocommit
// transaction, from as many concurrent callers over a pool of the same size (PGlite: its one
// connection). ratio = flows/s ÷ raw commits/s.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { rows } from '../src/server/db/database.ts';
import { credentials, users } from '../src/server/db/schema.ts';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import { serve, type BenchTarget } from './engines.ts';
import type { LoadInput, LoadResult } from './load-worker.ts';
import { percentile } from './stats.ts';

const FLOWS = Number(process.env.BENCH_FLOWS ?? 1000);
const COMMIT_SECONDS = Number(process.env.BENCH_COMMIT_SECONDS ?? 5);
const CLIENTS = (process.env.BENCH_CLIENTS ?? '1,8').split(',').map(Number);

export interface ThroughputRow {
  clients: number;
  flows: number;
  flowsPerSecond: number;
  p50: number;
  p99: number;
  commitsPerSecond: number;
  /** Share of the time the server's event loop (one core) was busy during the flows. */
  serverBusy: number;
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

function load(input: LoadInput): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    // A worker does not inherit tsx's loader: register it there, then load the TypeScript module.
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./load-worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: input });
    worker.once('message', (m: { result?: LoadResult; error?: string }) => {
      void worker.terminate();
      if (m.result) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}

/** Single-row INSERT commits per second from `callers` concurrent callers, after a second's warm-up. */
async function rawCommits(target: BenchTarget, callers: number): Promise<number> {
  const payload = 'x'.repeat(200);
  const during = async (seconds: number) => {
    const until = performance.now() + seconds * 1000;
    let done = 0;
    await Promise.all(
      Array.from({ length: callers }, async () => {
        while (performance.now() < until) {
          await target.query('INSERT INTO bench_commit (payload) VALUES ($1)', [payload]);
          done++;
        }
      }),
    );
    return done;
  };
  await during(1);
  const started = performance.now();
  const done = await during(COMMIT_SECONDS);
  return done / ((performance.now() - started) / 1000);
}

const count = async (target: BenchTarget, table: string) => Number((await target.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

export async function notificationThroughput(target: BenchTarget): Promise<ThroughputRow[]> {
  await seedDemoIfEmpty(target.db);
  await target.query('CREATE TABLE bench_commit (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now(), payload text NOT NULL)');
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
      const { flowsMs, wallMs } = await load({ baseUrl: app.url, accounts, flows: FLOWS, warmup });
      const serverBusy = performance.eventLoopUtilization(elu).utilization;
      // Every flow left its rows: three audit rows (and 4 per client for the first login), one e-mail.
      const flows = FLOWS + warmup;
      const [auditRows, mails] = [(await count(target, 'audit_log')) - audits, (await count(target, 'outbox')) - outbox];
      if (auditRows < 3 * flows || mails !== flows) throw new Error(`expected ${3 * flows}+ audit rows and ${flows} e-mails, found ${auditRows} and ${mails}`);
      process.stderr.write(`  ${target.engine}: raw INSERT commits from ${clients} caller(s) for ${COMMIT_SECONDS} s…\n`);
      const commitsPerSecond = await rawCommits(target, clients);
      results.push({
        clients,
        flows: FLOWS,
        flowsPerSecond: FLOWS / (wallMs / 1000),
        p50: percentile(flowsMs, 0.5),
        p99: percentile(flowsMs, 0.99),
        commitsPerSecond,
        serverBusy,
      });
    }
  } finally {
    await app.close();
  }
  return results;
}

export function throughputTable(target: BenchTarget, results: ThroughputRow[]): string {
  return [
    `### ${target.engine}: notifications through the API (${target.durability})`,
    '',
    '| clients | flows | notifications/s | flow p50 (ms) | flow p99 (ms) | server event loop busy | raw INSERT commits/s | ratio | write transactions/s ÷ raw commits/s |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...results.map(
      (r) =>
        `| ${r.clients} | ${r.flows.toLocaleString('en')} | ${r.flowsPerSecond.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p99.toFixed(1)} | ${(r.serverBusy * 100).toFixed(0)} % | ${r.commitsPerSecond.toFixed(0)} | ${(r.flowsPerSecond / r.commitsPerSecond).toFixed(3)} | ${((3 * r.flowsPerSecond) / r.commitsPerSecond).toFixed(2)} |`,
    ),
  ].join('\n');
}
