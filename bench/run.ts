// `npm run bench`: every benchmark on both engines, PostgreSQL (DATABASE_URL, or a server started
// here) and PGlite, printed as markdown tables for docs/BENCHMARKS.md. Progress goes to stderr.
//
//   BENCH_CASES=1000000        size of the synthetic country for the RLS, search and work-list benchmarks
//   BENCH_ONLY=throughput,planning,selfreports,rls,search,worklist,accessreview,statistics,weeklyreport,exports,bulkupload   which benchmarks (exports, bulkupload: only when named)
//   BENCH_ENGINES=postgres,pglite      on which engines
//   (each benchmark's own knobs are at the top of its file and in docs/BENCHMARKS.md)
import { cpus, totalmem } from 'node:os';
import { accessReview, accessReviewTable } from './access-review.ts';
import { bulkUploadBench, bulkUploadTable } from './bulk-upload.ts';
import { caseSearch, searchTable } from './case-search.ts';
import { exportsBench, exportsTable } from './exports.ts';
import { onPglite, onPostgres, type BenchTarget } from './engines.ts';
import { generateFollowUp } from './followup.ts';
import { notificationThroughput, throughputTable } from './notification-throughput.ts';
import { planning, planningTable } from './planning.ts';
import { rlsScope, rlsTable } from './rls-scope.ts';
import { selfReportTable, selfReportThroughput } from './self-reports.ts';
import { statisticsBench, statisticsTable } from './statistics.ts';
import { generateCountry } from './synthetic.ts';
import { weeklyReportBench, weeklyReportTable } from './weekly-report.ts';
import { worklistBench, worklistTable } from './worklist.ts';

const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const ONLY = new Set((process.env.BENCH_ONLY ?? 'throughput,planning,selfreports,rls,search,worklist,accessreview,statistics,weeklyreport').split(','));
const ENGINES = new Set((process.env.BENCH_ENGINES ?? 'postgres,pglite').split(','));

/**
 * On a new database: the throughput benchmark first (on the demo world alone), then the country;
 * the wave's follow-up data (bench/followup.ts) only after the benchmarks that read the country
 * as it was generated; the access review's month (bench/access-review.ts), then the counting of a
 * whole epidemic of its own (bench/statistics.ts), then the weekly report's two years of its own
 * country (bench/weekly-report.ts: after the counting, which would otherwise count them too).
 */
async function all(target: BenchTarget): Promise<void> {
  if (ONLY.has('throughput')) print(throughputTable(target, await notificationThroughput(target)));
  if (ONLY.has('bulkupload')) print(bulkUploadTable(target, await bulkUploadBench(target)));
  if (ONLY.has('planning') && target.engine === 'PostgreSQL') print(planningTable(target, await planning(target)));
  if (ONLY.has('selfreports')) print(selfReportTable(target, await selfReportThroughput(target)));
  if (ONLY.has('rls') || ONLY.has('search') || ONLY.has('worklist') || ONLY.has('accessreview') || ONLY.has('exports')) {
    const started = performance.now();
    const country = await generateCountry(target.db, CASES);
    // As autovacuum would by then: visibility map (index-only scans), statistics.
    await target.query('VACUUM ANALYZE');
    process.stderr.write(`${target.engine}: ${CASES.toLocaleString('en')} cases in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
    if (ONLY.has('rls')) print(rlsTable(target.engine, CASES, await rlsScope(target.db, country)));
    if (ONLY.has('search')) print(searchTable(target.engine, CASES, await caseSearch(target, country)));
    if (ONLY.has('exports')) print(exportsTable(target.engine, CASES, await exportsBench(target, country)));
    if (ONLY.has('worklist')) {
      const started = performance.now();
      const followUp = await generateFollowUp(target.db, country, CASES);
      await target.query('VACUUM ANALYZE');
      process.stderr.write(`${target.engine}: follow-up data in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
      print(worklistTable(target.engine, CASES, await worklistBench(target, followUp)));
    }
    if (ONLY.has('accessreview')) {
      print(accessReviewTable(target, await accessReview(target, country)));
    }
  }
  if (ONLY.has('statistics')) {
    // Only the epidemic's own cases are counted: whatever the other benchmarks queued is dropped.
    await target.query('TRUNCATE count_queue');
    print(statisticsTable(target, await statisticsBench(target)));
  }
  if (ONLY.has('weeklyreport')) await weeklyReportBench(target, (scale) => print(weeklyReportTable(target, [scale])));
}

/** Each table is printed as soon as it is measured, so a long run that fails keeps what it had. */
function print(table: string): void {
  console.log(table + '\n');
}

const cpu = cpus();
console.log(`Machine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${new Date().toISOString().slice(0, 10)}\n`);
if (ENGINES.has('postgres') && (await onPostgres(all)) === null) console.log('(PostgreSQL binaries not found: skipped)\n');
if (ENGINES.has('pglite')) await onPglite(all);
