// My HER-SYS under the morning load (issue 11): self-reports per second through HTTP, each from a
// different signed-in patient, next to the raw notification-shaped transaction limit of the same
// database (notification-throughput.ts), and the daily reminder run over a prefecture's worth of
// patients under observation.
//
// Patients are made in bulk by SQL (persons, cases, invitations, and for the reporting ones a
// signed-in session): sign-in is not what is measured. Each report is one request: the session
// check, the report through addObservation with its red-flag check (one in ten raises an alert),
// the audit row and the idempotency record, in one transaction.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import { sendDueReminders } from '../src/server/jobs/patient-reminders.ts';
import { serve, type BenchTarget } from './engines.ts';
import { rawTransactionsPerSecond } from './notification-throughput.ts';
import type { ReportLoadInput, ReportLoadResult } from './self-report-worker.ts';
import { cpuReading, cpuSince, percentile, type CpuReading } from './stats.ts';

const REPORTS = Number(process.env.BENCH_REPORTS ?? 6000);
const REPORT_CLIENTS = Number(process.env.BENCH_REPORT_CLIENTS ?? 16);
const REMINDER_CASES = Number(process.env.BENCH_REMINDER_CASES ?? 500_000);

export interface SelfReportResult {
  clients: number;
  reports: number;
  reportsPerSecond: number;
  p50: number;
  p99: number;
  statementsPerReport: number;
  serverBusy: number;
  /** CPU per report while measured, in ms: the whole machine, the server's event loop, the clients. */
  cpu: { machine: number | null; machineBusyShare: number | null; server: number; clients: number };
  rawPerSecond: number;
  reminder: { cases: number; messages: number; seconds: number } | null;
}

/** `n` invited patients of 新宿区保健所 under observation; with sessions, their tokens and cases. */
async function makePatients(target: BenchTarget, n: number, tag: string, sessions: boolean) {
  const [org] = await target.query<{ hc: string; prefecture: string; clinic: string }>(
    "SELECT parent_id AS hc, prefecture_id AS prefecture, id AS clinic FROM organizations WHERE code = 'sakura-clinic'",
  );
  // Deterministic ids shaped as version-4 UUIDs (the API validates them).
  const ids = (kind: string) => `overlay(overlay(md5('${kind}${tag}' || g) placing '4' from 13) placing '8' from 17)::uuid`;
  for (let from = 1; from <= n; from += 50_000) {
    const to = Math.min(n, from + 49_999);
    const series = `generate_series(${from}, ${to}) g`;
    await target.query(
      `INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date, phone, phone_key)
       SELECT ${ids('p')}, '患者 ' || g, 'カンジャ', 'カンジャ', 'female', '1980-01-01', '090-' || lpad((g % 10000)::text, 4, '0') || '-' || lpad((g / 10000 % 10000)::text, 4, '0'), NULL FROM ${series}`,
    );
    await target.query(
      `INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id, reporting_org_id, current_status)
       SELECT ${ids('c')}, ${ids('p')}, '${tag}-' || g, upper(substr(md5('s${tag}' || g), 1, 10)), $1, $2, $3, 'home' FROM ${series}`,
      [org.prefecture, org.hc, org.clinic],
    );
    await target.query(`INSERT INTO patient_access (case_id, channel, observe_until) SELECT ${ids('c')}, 'sms', current_date + 5 FROM ${series}`);
    if (sessions) {
      await target.query(
        `INSERT INTO patient_sessions (case_id, token_hash, stage, expires_at)
         SELECT ${ids('c')}, encode(sha256(convert_to('tok${tag}' || g, 'UTF8')), 'hex'), 'done', now() + interval '12 hours' FROM ${series}`,
      );
    }
  }
  if (!sessions) return [];
  const cases = await target.query<{ id: string; n: string }>(`SELECT ${ids('c')} AS id, g AS n FROM generate_series(1, ${n}) g`);
  return cases.map((c) => ({ token: `tok${tag}${c.n}`, caseId: c.id }));
}

function load(input: ReportLoadInput, onMeasuring: () => void): Promise<ReportLoadResult> {
  return new Promise((resolve, reject) => {
    const boot = `import('tsx/esm/api').then((t) => { t.register(); return import(${JSON.stringify(new URL('./self-report-worker.ts', import.meta.url).href)}); })`;
    const worker = new Worker(boot, { eval: true, workerData: input });
    worker.on('message', (m: { measuring?: true; result?: ReportLoadResult; error?: string }) => {
      if (m.measuring) return onMeasuring();
      void worker.terminate();
      if (m.result) resolve(m.result);
      else reject(new Error(m.error));
    });
    worker.once('error', reject);
  });
}

export async function selfReportThroughput(target: BenchTarget): Promise<SelfReportResult> {
  await seedDemoIfEmpty(target.db);
  const warmup = REPORT_CLIENTS * 10;
  process.stderr.write(`  ${target.engine}: ${REPORTS + warmup} signed-in patients…\n`);
  const patients = await makePatients(target, REPORTS + warmup, 'r', true);
  await target.query('VACUUM ANALYZE');
  const app = await serve(target);
  let statementsBefore = 0;
  let result: ReportLoadResult;
  let elu = performance.eventLoopUtilization();
  let cpuBefore: CpuReading = cpuReading();
  const measuring = () => {
    statementsBefore = target.db.stats.statements;
    elu = performance.eventLoopUtilization();
    cpuBefore = cpuReading();
  };
  try {
    process.stderr.write(`  ${target.engine}: ${REPORTS} reports from ${REPORT_CLIENTS} clients…\n`);
    result = await load({ baseUrl: app.url, clients: REPORT_CLIENTS, patients, warmup }, measuring);
  } finally {
    await app.close();
  }
  const cpu = cpuSince(cpuBefore);
  const statements = target.db.stats.statements - statementsBefore;
  const serverBusy = performance.eventLoopUtilization(elu).utilization;
  const [{ n }] = await target.query<{ n: string }>("SELECT count(*) AS n FROM health_observations WHERE source = 'self'");
  if (Number(n) !== REPORTS + warmup) throw new Error(`expected ${REPORTS + warmup} reports, found ${n}`);
  process.stderr.write(`  ${target.engine}: raw notification-shaped transactions from ${REPORT_CLIENTS} callers…\n`);
  const rawPerSecond = await rawTransactionsPerSecond(target, REPORT_CLIENTS);

  let reminder: SelfReportResult['reminder'] = null;
  if (REMINDER_CASES > 0) {
    process.stderr.write(`  ${target.engine}: ${REMINDER_CASES.toLocaleString('en')} patients under observation for the reminder run…\n`);
    await makePatients(target, REMINDER_CASES, 'm', false);
    await target.query('VACUUM ANALYZE');
    const started = performance.now();
    const sent = await sendDueReminders(target.db, 'https://hersys.example.jp', new Date(`${new Date().toISOString().slice(0, 10)}T23:00:00+09:00`));
    reminder = { ...sent, seconds: (performance.now() - started) / 1000 };
  }
  return {
    clients: REPORT_CLIENTS,
    reports: REPORTS,
    reportsPerSecond: REPORTS / (result.wallMs / 1000),
    p50: percentile(result.reportsMs, 0.5),
    p99: percentile(result.reportsMs, 0.99),
    statementsPerReport: statements / REPORTS,
    serverBusy,
    cpu: {
      machine: cpu.machineBusyMs === null ? null : cpu.machineBusyMs / REPORTS,
      machineBusyShare: cpu.machineBusyShare,
      server: (serverBusy * result.wallMs) / REPORTS,
      clients: result.clientBusyMs / REPORTS,
    },
    rawPerSecond,
    reminder,
  };
}

export function selfReportTable(target: BenchTarget, r: SelfReportResult): string {
  const lines = [
    `### ${target.engine}: My HER-SYS self-reports through the API (${target.durability})`,
    '',
    '| clients | reports | reports/s | p50 (ms) | p99 (ms) | statements per report | server event loop busy | raw notification transactions/s | reports/s ÷ raw |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    `| ${r.clients} | ${r.reports.toLocaleString('en')} | **${r.reportsPerSecond.toFixed(0)}** | ${r.p50.toFixed(1)} | **${r.p99.toFixed(1)}** | ${r.statementsPerReport.toFixed(1)} | ${(r.serverBusy * 100).toFixed(0)} % | ${r.rawPerSecond.toFixed(0)} | ${(r.reportsPerSecond / r.rawPerSecond).toFixed(3)} |`,
  ];
  const { machine, machineBusyShare, server, clients } = r.cpu;
  lines.push(
    '',
    `CPU per report while measured: server event loop ${server.toFixed(2)} ms, load-generating clients ${clients.toFixed(2)} ms` +
      (machine === null ? '.' : `, whole machine ${machine.toFixed(2)} ms (the machine ${(machineBusyShare! * 100).toFixed(0)} % busy; the rest is the database and the kernel).`),
  );
  if (r.reminder) {
    lines.push(
      '',
      `Reminder run: ${r.reminder.cases.toLocaleString('en')} patients under observation reminded, ${r.reminder.messages.toLocaleString('en')} messages written to the outbox in **${r.reminder.seconds.toFixed(1)} s**.`,
    );
  }
  return lines.join('\n');
}
