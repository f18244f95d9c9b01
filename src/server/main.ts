// Starts a server: takes the master key (src/server/secrets/master-key.ts), opens the database
// (PGlite in DATA_DIR, or DATABASE_URL), waits for it if it is not up yet, applies migrations, seeds
// the demo world into an empty database, runs the scheduled jobs and listens (the keys are checked
// and secrets still in clear sealed just before). A database that goes away later is survived: requests answer 503 meanwhile
// (http/error-handler.ts) and the pool reconnects when it is back. On SIGINT or SIGTERM it stops
// taking connections, finishes the requests in flight, then closes the database.
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { databaseOptions, openDatabase, type Database } from './db/database.ts';
import { isUnavailable } from './db/unavailable.ts';
import { seedDemoIfEmpty, type DemoWorld } from './demo/seed.ts';
import { addDemoEpidemic } from './demo/epidemic.ts';
import { addDemoSentinels } from './demo/sentinel.ts';
import { addDemoNotifiableDiseases } from './demo/notifiable-diseases.ts';
import { addDemoOldCases } from './demo/retention.ts';
import { seedDemoExport } from './demo/exports.ts';
import { seedDemoFhirClient } from './demo/fhir-client.ts';
import { keyringOf } from './secrets/keyring.ts';
import { publishOpenData } from './open-data/publish.ts';
import { developmentKeyNotice, masterKeyFor } from './secrets/master-key.ts';
import { japanToday } from '../domain/calendar.ts';
import { loggable } from './http/error-handler.ts';
import { startOutboxWorker } from './jobs/outbox-worker.ts';
import { startScheduler } from './jobs/scheduler.ts';

/** Migrates once the database answers, retrying every few seconds while it does not. */
async function migrateWhenUp(db: Database, log: FastifyBaseLogger) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.migrate();
    } catch (err) {
      if (!isUnavailable(err)) throw err;
      log.warn({ err: loggable(err), attempt }, 'waiting for the database');
      await new Promise((r) => setTimeout(r, Math.min(attempt, 5) * 1000));
    }
  }
}

export async function serve(config: Config, options: { seed: boolean } = { seed: true }) {
  let log: FastifyBaseLogger | undefined;
  const master = masterKeyFor(config); // PostgreSQL without HERSYS_MASTER_KEY stops here
  const db = await openDatabase(databaseOptions(config, (err) => log?.warn({ err: loggable(err) }, 'database connection lost')));
  const app = await buildApp(db, config, { masterKey: master.key });
  log = app.log;
  const notice = developmentKeyNotice(master);
  if (notice) app.log.warn(notice);
  await migrateWhenUp(db, app.log);
  const world = options.seed ? await seedDemoIfEmpty(db) : null;
  if (world) {
    printAccounts(world, config);
    const epidemic = await addDemoEpidemic(db, world, japanToday(new Date()));
    await addDemoNotifiableDiseases(db, japanToday(new Date())); // issue 16: the weekly report's diseases
    await addDemoOldCases(db, world, japanToday(new Date())); // issue 14: cases past retention
    await addDemoSentinels(db, world); // issue 16: sentinel clinics in every prefecture, 12 weeks of reports
    await publishOpenData(db, { on: japanToday(new Date()), threshold: config.OPEN_DATA_THRESHOLD });
    app.log.info({ cases: epidemic.cases }, 'demo epidemic generated, counted and published');
    await seedDemoExport(db, keyringOf(db));
    // issue 15: the clinic's EHR as a FHIR client; its private key goes to a file, the path to the console.
    const fhirClient = await seedDemoFhirClient(db, config);
    if (fhirClient) process.stdout.write(`FHIR API: the demo clinic's EHR client (client_id, private key, token URL) is in ${fhirClient} (README: "FHIR API").\n\n`);
  }
  const scheduler = startScheduler(db, config, app.log);
  const mailer = startOutboxWorker(db, config, app.log);
  await app.listen({ port: config.PORT, host: config.HOST });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    scheduler.stop();
    mailer.stop();
    await app.close(); // stops accepting, waits for in-flight requests
    await db.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return app;
}

/** The demo accounts' one-time passwords go to the console once, never to the log. */
function printAccounts({ accounts, patients }: DemoWorld, config: Config) {
  const lines = accounts.map((a) => `  ${a.loginId.padEnd(16)} ${a.password}   ${a.roles.join(',').padEnd(18)} ${a.orgNameJa}`);
  process.stdout.write(
    [
      '',
      'Demo world created. Initial passwords (shown only now; each must be changed at first login,',
      'then an authenticator app is enrolled from the QR code):',
      '',
      `  ${'login ID'.padEnd(16)} ${'password'.padEnd(16)}   ${'roles'.padEnd(18)} organisation`,
      ...lines,
      '',
      'My HER-SYS (the patient\'s phone page) at /my: sign in with the スマホ入力ID and the date of birth;',
      `the one-time code goes by SMS${config.SMS_TRANSPORT === 'file' ? ` to the file ${config.SMS_FILE}` : ' (SMS_TRANSPORT is not set: it waits in the outbox)'}.`,
      ...patients.map((p) => `  ${p.selfReportId}   ${p.birthDate}   ${p.nameJa}`),
      '',
    ].join('\n') + '\n',
  );
}
