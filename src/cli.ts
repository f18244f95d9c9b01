// hersys command line:
//   serve                 start the server (the default of `npm start`)
//   migrate               apply migrations and exit
//   seed-demo             seed the demo world into an empty database, print its passwords
//   audit verify          check the whole audit hash chain; exit 1 naming the first broken row
//   jobs run              run the scheduled jobs once (e.g. from cron)
import { ConfigError, loadConfig } from './server/config.ts';
import { databaseOptions, openDatabase } from './server/db/database.ts';
import { seedDemoIfEmpty } from './server/demo/seed.ts';
import { verifyAuditChain } from './server/audit/verify.ts';
import { purgeOldIdempotencyKeys } from './server/jobs/old-idempotency-keys.ts';
import { purgeOldSessions } from './server/jobs/old-sessions.ts';
import { suspendUnusedIds } from './server/jobs/unused-ids.ts';
import { serve } from './server/main.ts';
import { DataDirLockedError } from './server/db/data-dir-lock.ts';

const USAGE = 'usage: hersys serve | migrate | seed-demo | audit verify | jobs run';

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
        return 0;
      });
    case 'audit':
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
        return 0;
      });
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err) => {
    console.error(err instanceof DataDirLockedError || err instanceof ConfigError ? err.message : err);
    process.exit(1);
  },
);
