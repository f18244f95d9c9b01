// `npm test`: starts a real PostgreSQL for the run (mandatory when CI=true), prepares the
// template databases, then runs every *.test.ts under src/ and test/ with node's test runner.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { preparePostgresTemplate } from './harness/engines.ts';
import { findPostgresBin, startPostgres, type PostgresServer } from './harness/postgres.ts';

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return testFiles(path);
    return e.name.endsWith('.test.ts') ? [path] : [];
  });
}

const only = process.argv.slice(2);
const files = only.length ? only : [...testFiles('src'), ...testFiles('test')].sort();
const env: NodeJS.ProcessEnv = { ...process.env };
let server: PostgresServer | undefined;

const bin = findPostgresBin();
if (bin) {
  server = await startPostgres(bin);
  await preparePostgresTemplate(server.adminUrl, server.appUrl(''));
  env.HERSYS_TEST_PG_ADMIN_URL = server.adminUrl;
  env.HERSYS_TEST_PG_APP_URL = server.appUrl('');
  console.log(`PostgreSQL from ${bin} is running for this test run.`);
} else if (process.env.CI === 'true') {
  console.error('CI=true but no PostgreSQL binaries (initdb, pg_ctl) were found: install Debian\'s postgresql.');
  process.exit(1);
} else {
  console.warn('\n*** NOTICE: PostgreSQL binaries not found: database tests run on PGlite only. ***\n');
}

let status = 1;
try {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files],
    { stdio: 'inherit', env },
  );
  status = result.status ?? 1;
} finally {
  server?.stop();
}
process.exit(status);
