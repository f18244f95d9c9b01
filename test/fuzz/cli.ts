// `npm run fuzz -- --requests 100000 [--seed N] [--engine pglite|postgres|both]`: the fuzz suite
// at any length, with a summary per status class and per operation. Exits 1 on any failure.
// PostgreSQL needs the server binaries (as for npm test); the server is started here.
import { parseArgs } from 'node:util';
import { findPostgresBin, startPostgres, type PostgresServer } from '../harness/postgres.ts';

// --server-log prints the server's error log (what failed, without request data) to stderr.
const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '5000' },
    seed: { type: 'string' },
    engine: { type: 'string', default: 'both' },
    'server-log': { type: 'boolean', default: false },
  },
});
const requests = Number(values.requests);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
if (!Number.isInteger(requests) || requests < 1 || !Number.isInteger(seed)) {
  console.error('usage: npm run fuzz -- --requests N [--seed N] [--engine pglite|postgres|both]');
  process.exit(2);
}
const engines = values.engine === 'both' ? ['pglite', 'postgres'] : [values.engine];

let server: PostgresServer | undefined;
let failed = false;
try {
  if (engines.includes('postgres')) {
    const bin = findPostgresBin();
    if (!bin) throw new Error('PostgreSQL binaries (initdb, pg_ctl) not found: install Debian’s postgresql, or use --engine pglite');
    server = await startPostgres(bin);
    // The harness reads these when it is first imported, below.
    process.env.HERSYS_TEST_PG_ADMIN_URL = server.adminUrl;
    process.env.HERSYS_TEST_PG_APP_URL = server.appUrl('');
    const { preparePostgresTemplate } = await import('../harness/engines.ts');
    await preparePostgresTemplate(server.adminUrl, server.appUrl(''));
  }
  const { formatFailure, formatSummary, fuzz } = await import('./run.ts');
  for (const engine of engines) {
    const summary = await fuzz({ engine: engine as never, requests, seed, progress: (line) => console.log(new Date().toISOString(), line), ...(values['server-log'] ? { serverLog: process.stderr } : {}) });
    console.log(formatSummary(summary));
    for (const f of summary.failures) console.log(formatFailure(f));
    failed ||= summary.failures.length > 0 || !summary.auditChain.ok;
  }
} finally {
  server?.stop();
}
process.exit(failed ? 1 : 0);
