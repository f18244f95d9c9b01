// Exports at scale (issue 14): a prefecture's line list fetched as CSV and as XLSX through the same
// code the route runs (request → fetch: the count, the cursor in batches, the check codes, the
// writer), into a sink that counts bytes. Measured: rows per second and the process's peak RSS above
// its level before the fetch, sampled every 50 ms. The country has 5 prefectures, so a prefecture's
// export holds a fifth of BENCH_CASES; BENCH_EXPORT_FORMATS=csv,xlsx.
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { rows } from '../src/server/db/database.ts';
import { allowedNetwork } from '../src/server/exports/network.ts';
import { fetchExport } from '../src/server/exports/fetch.ts';
import { requestExport } from '../src/server/exports/request.ts';
import { newKey } from '../src/server/secrets/envelope.ts';
import { useKeyring } from '../src/server/secrets/keyring.ts';
import type { BenchTarget } from './engines.ts';
import type { Country } from './synthetic.ts';

const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx').split(',') as ('csv' | 'xlsx')[];

export interface ExportRun {
  format: 'csv' | 'xlsx';
  rows: number;
  seconds: number;
  megabytes: number;
  peakRssMb: number;
  baseRssMb: number;
}

export async function exportsBench(target: BenchTarget, country: Country): Promise<ExportRun[]> {
  const db = target.db;
  await useKeyring(db, newKey()).init(db);
  const actor = (await db.asSystem((tx) => loadActor(tx, country.users.prefectureStaff.id)))!;
  const ctx = { actor, clientAddr: '127.0.0.1' };
  const options = { threshold: Number.MAX_SAFE_INTEGER, allowed: allowedNetwork([]), readyHours: 24, publicUrl: 'http://localhost' };
  const runs: ExportRun[] = [];
  for (const format of FORMATS) {
    const asked = await requestExport(db, ctx, { kind: 'line_list', format, encrypted: false, filters: {}, reason: 'report_to_authority', note: 'benchmark' }, null, options);
    global.gc?.();
    const baseRss = process.memoryUsage().rss;
    let peak = baseRss;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done();
      },
    });
    const started = performance.now();
    const file = await fetchExport(db, ctx, asked.id, undefined, options, sink);
    await file.done;
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    const [{ n }] = await db.asSystem((tx) => rows<{ n: number }>(tx, sql`SELECT fetched_rows AS n FROM exports WHERE id = ${asked.id}`));
    runs.push({ format, rows: n, seconds, megabytes: bytes / 2 ** 20, peakRssMb: peak / 2 ** 20, baseRssMb: baseRss / 2 ** 20 });
    process.stderr.write(`${target.engine}: export ${format} ${n} rows in ${seconds.toFixed(1)} s, peak RSS ${(peak / 2 ** 20).toFixed(0)} MB (before ${(baseRss / 2 ** 20).toFixed(0)} MB)\n`);
  }
  return runs;
}

export function exportsTable(engine: string, cases: number, runs: ExportRun[]): string {
  const lines = [
    `### ${engine}: a prefecture's line list of a ${cases.toLocaleString('en')}-case country`,
    '',
    '| format | rows | seconds | rows/s | file MB | RSS before MB | peak RSS MB | 1,000,000 rows at this rate |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
    ...runs.map(
      (r) =>
        `| ${r.format} | ${r.rows.toLocaleString('en')} | ${r.seconds.toFixed(1)} | ${Math.round(r.rows / r.seconds).toLocaleString('en')} | ${r.megabytes.toFixed(0)} | ${r.baseRssMb.toFixed(0)} | ${r.peakRssMb.toFixed(0)} | ${((1_000_000 * r.seconds) / r.rows).toFixed(0)} s |`,
    ),
  ];
  return lines.join('\n');
}
