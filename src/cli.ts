// hersys command line:
//   serve                 start the server (the default of `npm start`)
//   migrate               apply migrations and exit
//   seed-demo             seed the demo world into an empty database, print its passwords
//   demo activity [--days 30]  a month of staff work with planted misuse on the demo world (once)
//   audit verify          check the whole audit hash chain; exit 1 naming the first broken row
//   jobs run              run the scheduled jobs once (e.g. from cron), the access review and the counts included
//   retention run [--dry-run]  remove the identity of persons past retention (RETENTION_YEARS); --dry-run lists their HER-SYS IDs
//   audit check-value SEQ PATH VALUE  check a value someone presents against the digest retention left in an audit row
//   publish [--date D]    publish the open data of today (or D) from the counts; frozen once made
//   backup <file>         write the whole database to a new file (src/server/backup/)
//   restore <file>        restore one into an empty DATA_DIR or database (--force: see USAGE)
//   keys generate         print a new master key for HERSYS_MASTER_KEY
//   keys rotate           seal every secret again under a new data key (and HERSYS_NEW_MASTER_KEY, if set)
//   export identify FILE  name the export (who, when, why) a leaked CSV/XLSX or a few pasted rows came from
import { readFileSync, writeFileSync } from 'node:fs';
import { identify, reportOf } from './server/exports/identify.ts';
import { linesOf } from './server/exports/read-file.ts';
import { ConfigError, loadConfig } from './server/config.ts';
import { databaseOptions, openDatabase } from './server/db/database.ts';
import { seedDemoIfEmpty } from './server/demo/seed.ts';
import { addDemoEpidemic } from './server/demo/epidemic.ts';
import { addDemoNotifiableDiseases } from './server/demo/notifiable-diseases.ts';
import { seedDemoExport } from './server/demo/exports.ts';
import { japanToday } from './domain/calendar.ts';
import { addDemoActivity } from './server/demo/activity/demo.ts';
import { verifyAuditChain } from './server/audit/verify.ts';
import { reviewAccesses } from './server/access-review/run.ts';
import { refreshAllCounts } from './server/statistics/refresh.ts';
import { publishOpenData } from './server/open-data/publish.ts';
import { expireOldBulkUploads } from './server/jobs/old-bulk-uploads.ts';
import { purgeOldIdempotencyKeys } from './server/jobs/old-idempotency-keys.ts';
import { purgeOldSessions } from './server/jobs/old-sessions.ts';
import { suspendUnusedIds } from './server/jobs/unused-ids.ts';
import { runPermissionReviews } from './server/permission-reviews/run.ts';
import { runRetention } from './server/retention/run.ts';
import { checkRedactedValue } from './server/audit/redacted.ts';
import { serve } from './server/main.ts';
import { DataDirLockedError } from './server/db/data-dir-lock.ts';
import { BackupError } from './server/backup/backup-file.ts';
import { backupPglite, restorePglite } from './server/backup/pglite.ts';
import { backupPostgres, restorePostgres } from './server/backup/postgres.ts';
import { newKey, parseKey, SecretError } from './server/secrets/envelope.ts';
import { useKeyring } from './server/secrets/keyring.ts';
import { masterKeyFor } from './server/secrets/master-key.ts';
import { rotateKeys } from './server/secrets/rotate.ts';

const USAGE = `usage: hersys serve | migrate | seed-demo | demo activity [--days 30] | audit verify | jobs run | retention run [--dry-run] | audit check-value SEQ PATH VALUE | publish [--date yyyy-mm-dd] | backup <file> | restore <file> [--force] | keys generate | keys rotate | export identify <file> [--password P]
  demo activity [--days N]  staff work of the last N days on the demo world, with planted misuse for the access review
  backup <file>             write the whole database to a new file, mode 0600 (personal data: keep it encrypted)
                            embedded (DATA_DIR): a tar.gz of the data directory, server stopped;
                            PostgreSQL (DATABASE_URL): pg_dump custom format, server may run
  restore <file> [--force]  restore such a file into an empty or new DATA_DIR, or an empty database;
                            --force (embedded only) restores over a non-empty DATA_DIR and keeps the old one aside
  retention run [--dry-run] remove the identity of persons whose every case ended RETENTION_YEARS ago (counts stay);
                            --dry-run lists the HER-SYS IDs of their cases and changes nothing
  audit check-value SEQ PATH VALUE  whether VALUE (JSON, or else a string) is what audit row SEQ held at PATH
                            (dot-separated, e.g. filter.kana) before retention replaced it by its digest
  keys generate             print a new random master key (base64 of 32 bytes) for HERSYS_MASTER_KEY
  keys rotate               a new data key seals every secret again (TOTP secrets, server keys); old data keys are deleted.
                            With HERSYS_NEW_MASTER_KEY set, the data keys are wrapped under that master key instead:
                            then restart every server with it as HERSYS_MASTER_KEY (their old one opens nothing any more)
  export identify <file> [--password P]
                            which export a CSV, an XLSX (its password if it has one) or a fragment of pasted rows came
                            from: its check codes, header block, document properties or row order name the export`;

async function withDatabase<T>(work: (db: Awaited<ReturnType<typeof openDatabase>>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(databaseOptions(config));
  try {
    await db.migrate();
    return await work(db);
  } finally {
    await db.close();
  }
}

async function main(args: string[]): Promise<number> {
  const [command = 'serve', sub] = args;
  switch (command) {
    case 'serve':
      await serve(loadConfig());
      return -1; // keeps running
    case 'migrate':
      await withDatabase(async () => console.log('migrations applied'));
      return 0;
    case 'seed-demo':
      return withDatabase(async (db) => {
        const world = await seedDemoIfEmpty(db);
        if (!world) {
          console.error('The database already has organisations; the demo world is only seeded into an empty one.');
          return 1;
        }
        for (const a of world.accounts) console.log(`${a.loginId}\t${a.password}\t${a.roles.join(',')}`);
        const epidemic = await addDemoEpidemic(db, world, japanToday(new Date()));
        await addDemoNotifiableDiseases(db, japanToday(new Date())); // issue 16: the weekly report's diseases
        await publishOpenData(db, { on: japanToday(new Date()), threshold: loadConfig().OPEN_DATA_THRESHOLD });
        await seedDemoExport(db, useKeyring(db, masterKeyFor(loadConfig()).key));
        console.error(`demo epidemic: ${epidemic.cases} cases over 120 days, counted and published`);
        return 0;
      });
    case 'demo': {
      const days = args[2] === '--days' ? Number(args[3]) : args.length === 2 ? 30 : NaN;
      if (sub !== 'activity' || !Number.isInteger(days) || days < 1 || days > 92 || args.length > 4) break;
      return withDatabase(async (db) => {
        await seedDemoIfEmpty(db);
        const done = await addDemoActivity(db, { days });
        if (!done) {
          console.error('This database already has its generated month of activity.');
          return 1;
        }
        console.log(`${done.days} days of staff work: ${done.rows} audit rows by ${done.staffAdded} added staff and the demo's own, on ${done.casesAdded} added cases`);
        console.log('planted misuse (ground truth; each a user on a day):');
        for (const p of done.truth.planted) console.log(`  ${p.day}\t${p.loginId}\t${p.kind}\t${p.seqs.length} audit rows`);
        console.log(`access review: ${done.review.explained} accesses explained, ${done.review.unexplained} unexplained, ${done.review.alerts} alerts raised`);
        return 0;
      });
    }
    case 'audit':
      if (sub === 'check-value' && args.length === 5 && /^\d+$/.test(args[2]!)) {
        const [, , seq, path, raw] = args as [string, string, string, string, string];
        let presented: unknown = raw;
        try {
          presented = JSON.parse(raw);
        } catch {
          // a plain string
        }
        return withDatabase(async (db) => {
          const result = await checkRedactedValue(db, Number(seq), path.split('.'), presented);
          console.log(result);
          return result === 'matches' ? 0 : 1;
        });
      }
      if (sub !== 'verify') break;
      return withDatabase(async (db) => {
        const result = await verifyAuditChain(db);
        if (result.ok) {
          console.log(`audit chain intact: ${result.rows} rows, head ${result.headHash}`);
          return 0;
        }
        console.error(`audit chain BROKEN at row ${result.brokenAt} (${result.reason}); ${result.rows} rows before it verified`);
        return 1;
      });
    case 'jobs':
      if (sub !== 'run') break;
      return withDatabase(async (db) => {
        const ids = await suspendUnusedIds(db, loadConfig().UNUSED_ID_DAYS);
        console.log(`suspended ${ids.length} unused IDs`);
        console.log(`deleted ${await purgeOldSessions(db)} old sessions`);
        console.log(`deleted ${await purgeOldIdempotencyKeys(db)} idempotency keys older than a day`);
        const keepDays = loadConfig().BULK_UPLOAD_KEEP_DAYS;
        const expired = await expireOldBulkUploads(db, keepDays);
        console.log(`bulk uploads untouched for ${keepDays} days: ${expired.rowsDeleted} unregistered rows deleted from ${expired.uploads} uploads (${expired.uploadsDeleted} removed)`);
        const reviews = await runPermissionReviews(db, { publicUrl: loadConfig().PUBLIC_URL });
        console.log(`permission reviews: ${reviews.opened} opened, ${reviews.completed} completed, ${reviews.escalated} escalated to the issuing organisation`);
        const reviewed = await reviewAccesses(db, loadConfig());
        console.log(`explained ${reviewed.explained} accesses, raised or updated ${reviewed.alerts} access alerts`);
        console.log(`counted ${await refreshAllCounts(db)} changed cases and daily reports into the statistics`);
        if (loadConfig().RETENTION_ENABLED) {
          const retained = await runRetention(db, { years: loadConfig().RETENTION_YEARS, dryRun: false, triggeredBy: 'cli' });
          console.log(`retention: identity removed from ${retained.personsProcessed} persons past ${loadConfig().RETENTION_YEARS} years`);
        }
        return 0;
      });
    case 'retention': {
      const dryRun = args[2] === '--dry-run';
      if (sub !== 'run' || args.length > (dryRun ? 3 : 2)) break;
      return withDatabase(async (db) => {
        const years = loadConfig().RETENTION_YEARS;
        const r = await runRetention(db, { years, dryRun, triggeredBy: 'cli' });
        if (dryRun) {
          console.log(`dry run (${years} years after the end of every case): ${r.personsDue} persons due; nothing changed`);
          for (const n of r.caseNumbers) console.log(`  HER-SYS ID ${n}`);
        } else {
          console.log(`retention (${years} years): identity removed from ${r.personsProcessed} persons; ${r.auditRowsRedacted} audit rows redacted, ${r.auditRowsKept} older ones kept (their hash covers the values)`);
        }
        return 0;
      });
    }
    case 'publish': {
      const on = args[1] === '--date' ? args[2] : args.length === 1 ? japanToday(new Date()) : undefined;
      if (!on || !/^\d{4}-\d{2}-\d{2}$/.test(on)) break;
      return withDatabase(async (db) => {
        const counted = await refreshAllCounts(db);
        const p = await publishOpenData(db, { on, threshold: loadConfig().OPEN_DATA_THRESHOLD });
        console.log(`${counted} changed cases counted; open data of ${on} ${p.created ? 'published' : 'was already published (frozen)'}`);
        return 0;
      });
    }
    case 'backup': {
      const file = args[1];
      if (!file || args.length > 2) break;
      const config = loadConfig();
      if (config.DATABASE_URL) await backupPostgres(config.DATABASE_URL, file);
      else await backupPglite(config.DATA_DIR, file);
      console.log(`backup written to ${file}, readable by its owner only. It holds personal data: keep it encrypted, and test a restore.`);
      return 0;
    }
    case 'keys':
      if (sub === 'generate' && args.length === 2) {
        console.log(newKey().toString('base64'));
        return 0;
      }
      if (sub !== 'rotate' || args.length !== 2) break;
      return withDatabase(async (db) => {
        const config = loadConfig();
        const master = masterKeyFor(config);
        const newMasterKey = config.HERSYS_NEW_MASTER_KEY ? parseKey(config.HERSYS_NEW_MASTER_KEY) : undefined;
        const r = await rotateKeys(db, useKeyring(db, master.key), { newMasterKey });
        console.log(`secrets of ${r.resealed} rows sealed again under data key ${r.dataKeyId}, wrapped under master key ${r.masterKeyId}; data keys deleted: ${r.deletedDataKeys.join(', ') || 'none'}`);
        if (newMasterKey && master.source !== 'environment') {
          writeFileSync(master.source, newMasterKey.toString('base64') + '\n', { mode: 0o600 });
          console.log(`the development master key in ${master.source} is replaced by the new one.`);
        } else if (newMasterKey) {
          console.log('Now set HERSYS_MASTER_KEY to the new master key (and unset HERSYS_NEW_MASTER_KEY) and restart every server.');
        }
        return 0;
      });
    case 'export': {
      const file = args[2];
      const password = args[3] === '--password' ? args[4] : undefined;
      if (sub !== 'identify' || !file || args.length !== (password === undefined ? 3 : 5)) break;
      return withDatabase(async (db) => {
        const keyring = useKeyring(db, masterKeyFor(loadConfig()).key);
        await keyring.init(db);
        console.log(reportOf(await identify(db, keyring, await linesOf(readFileSync(file), password))));
        return 0;
      });
    }
    case 'restore': {
      const file = args[1];
      const force = args[2] === '--force';
      if (!file || args.length > (force ? 3 : 2)) break;
      const config = loadConfig();
      if (config.DATABASE_URL) {
        if (force) throw new BackupError('--force is for the embedded database only: on PostgreSQL, restore into a new, empty database.');
        await restorePostgres(file, config.DATABASE_URL);
        console.log('restored into the database of DATABASE_URL.');
      } else {
        const { keptAside } = await restorePglite(file, config.DATA_DIR, { force });
        console.log(`restored into ${config.DATA_DIR}.${keptAside ? ` Its former contents are in ${keptAside}.` : ''}`);
      }
      console.log('Check it with `npm run hersys -- audit verify` before the server starts on it.');
      return 0;
    }
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    const known = err instanceof DataDirLockedError || err instanceof ConfigError || err instanceof BackupError || err instanceof SecretError;
    console.error(known ? err.message : err);
    process.exit(1);
  },
);
