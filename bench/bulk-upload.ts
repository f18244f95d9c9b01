// Bulk upload (issue 15): a clinic's file of BENCH_BULK_ROWS notifications (default 1,000: the
// sample's rows, each a distinct person) uploaded as CSV and as XLSX through the same services the
// routes call — read and matched to the template (upload), then every row checked with the form's
// schemas, version, legal minimum, logic checks and the duplicate search, in the screen's chunks of
// 250 (check). Target: 1,000 rows parsed and checked in ≤ 10 s. Then the CSV's rows are registered
// and submitted, each row in its own transaction, as the screen asks for them (50 per call).
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { headingOf } from '../src/domain/bulk-upload/columns.ts';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { checkNext } from '../src/server/bulk-uploads/check.ts';
import { registerRows } from '../src/server/bulk-uploads/register.ts';
import { templateColumns } from '../src/server/bulk-uploads/rows.ts';
import { sampleRows } from '../src/server/bulk-uploads/sample.ts';
import { uploadFile } from '../src/server/bulk-uploads/upload.ts';
import { rows } from '../src/server/db/database.ts';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import type { BenchTarget } from './engines.ts';

const ROWS = Number(process.env.BENCH_BULK_ROWS ?? 1000);
const TARGET_SECONDS = 10;

export interface BulkRun {
  format: 'csv' | 'xlsx' | 'register';
  rows: number;
  megabytes: number;
  uploadSeconds: number;
  checkSeconds: number;
  ready: number;
  errors: number;
}

const KANA = 'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワ';

/** The sample's rows, repeated to `n` with a distinct given name in kana and phone each (no two rows the same person). */
function fileRows(n: number) {
  const base = sampleRows().filter((_, i) => ![6, 22, 57, 90, 133, 176, 149].includes(i)); // the sample's errors and its duplicate left out
  return Array.from({ length: n }, (_, i) => {
    const r = base[i % base.length];
    const given = KANA[i % KANA.length] + KANA[Math.floor(i / KANA.length) % KANA.length] + KANA[Math.floor(i / KANA.length ** 2) % KANA.length];
    return { ...r, nameKana: `${r.nameKana.split(' ')[0]} ${given}`, phone: `080-1${String(i).padStart(3, '0').slice(-3)}-${String(i).padStart(4, '0')}` };
  });
}

async function xlsxOf(table: string[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('発生届');
  for (const r of table) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function bulkUploadBench(target: BenchTarget): Promise<BulkRun[]> {
  const db = target.db;
  await seedDemoIfEmpty(db);
  const [{ id }] = await db.asSystem((tx) => rows<{ id: string }>(tx, sql`SELECT id FROM users WHERE login_id = 'sakura-dr1'`));
  const actor = (await db.asSystem((tx) => loadActor(tx, id)))!;
  const ctx = { actor, clientAddr: '127.0.0.1' };
  const { columns } = templateColumns('covid19', '2022-10-20');
  const list = fileRows(ROWS);
  const table = [columns.map((c) => headingOf(c, 'ja')), ...list.map((r) => columns.map((c) => (r as Record<string, string>)[c.key] ?? ''))];
  const files = { csv: Buffer.from('\uFEFF' + stringify(table)), xlsx: await xlsxOf(table) };
  const runs: BulkRun[] = [];
  let csvUpload = '';
  for (const format of ['csv', 'xlsx'] as const) {
    const started = performance.now();
    const up = await uploadFile(db, ctx, { fileName: `bench.${format}`, disease: 'covid19', contentBase64: files[format].toString('base64') });
    const uploaded = performance.now();
    let p;
    do p = await checkNext(db, ctx, up.id);
    while (!p.done);
    const checked = performance.now();
    if (format === 'csv') csvUpload = up.id;
    runs.push({
      format,
      rows: up.counts.total,
      megabytes: files[format].length / 2 ** 20,
      uploadSeconds: (uploaded - started) / 1000,
      checkSeconds: (checked - uploaded) / 1000,
      ready: p.counts.ready,
      errors: p.counts.error,
    });
    process.stderr.write(`${target.engine}: bulk ${format} ${up.counts.total} rows: upload ${((uploaded - started) / 1000).toFixed(1)} s, check ${((checked - uploaded) / 1000).toFixed(1)} s\n`);
  }
  const started = performance.now();
  let registered = 0;
  let r;
  do {
    r = await registerRows(db, ctx, csvUpload, { acknowledgeWarnings: true, limit: 50 }, { publicUrl: 'http://localhost' });
    registered += r.registered.length;
  } while (r.remaining > 0 && (r.registered.length || r.failed.length));
  const seconds = (performance.now() - started) / 1000;
  runs.push({ format: 'register', rows: registered, megabytes: 0, uploadSeconds: 0, checkSeconds: seconds, ready: r.counts.ready, errors: r.counts.error });
  process.stderr.write(`${target.engine}: bulk registered and submitted ${registered} rows in ${seconds.toFixed(1)} s\n`);
  return runs;
}

export function bulkUploadTable(target: BenchTarget, runs: BulkRun[]): string {
  const parse = runs.filter((r) => r.format !== 'register');
  const reg = runs.find((r) => r.format === 'register');
  return [
    `### ${target.engine}: bulk upload, ${ROWS.toLocaleString('en')} rows (target: parsed and checked in ≤ ${TARGET_SECONDS} s)`,
    '',
    '| file | rows | MB | read and matched (s) | checked (s) | total (s) | rows/s | ready | errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...parse.map(
      (r) =>
        `| ${r.format.toUpperCase()} | ${r.rows.toLocaleString('en')} | ${r.megabytes.toFixed(2)} | ${r.uploadSeconds.toFixed(2)} | ${r.checkSeconds.toFixed(2)} | **${(r.uploadSeconds + r.checkSeconds).toFixed(2)}** | ${(r.rows / (r.uploadSeconds + r.checkSeconds)).toFixed(0)} | ${r.ready} | ${r.errors} |`,
    ),
    ...(reg ? ['', `Registered and submitted (each row in its own transaction, 50 per call): ${reg.rows.toLocaleString('en')} rows in ${reg.checkSeconds.toFixed(1)} s (${(reg.rows / reg.checkSeconds).toFixed(0)} rows/s).`] : []),
  ].join('\n');
}
