// The fuzz loop: a fresh demo world on one engine, requests for every operation of the served
// OpenAPI document as every role and as nobody, and after each answer the checks: no 5xx, every
// 4xx in the Problem shape, no table changed by a refused request; the audit chain at the end.
import fc from 'fast-check';
import { Problem } from '../../src/domain/api/problem.ts';
import { verifyAuditChain, type AuditVerification } from '../../src/server/audit/verify.ts';
import type { Engine } from '../harness/engines.ts';
import { closeApp, openApp } from '../harness/http.ts';
import { operationsOf, requestsFor, type Operation } from './requests.ts';
import type { ValueSources } from './schema-arbitrary.ts';
import { Actors, addRecords, CHANGED_BY_REFUSALS, Fingerprint, Ids, ROLE_ACCOUNTS, type Actor } from './world.ts';

export interface FuzzOptions {
  engine: Engine;
  requests: number;
  seed: number;
  /** Stop early after this many seconds of requests (the log-ins before are not counted). */
  seconds?: number;
  /** Where the server's error log goes (default: nowhere). */
  serverLog?: NodeJS.WritableStream;
  /** Progress lines (the CLI prints them; the test stays quiet). */
  progress?: (line: string) => void;
}

export interface Failure {
  /** Replays with --seed <seed> --requests <index + 1>. */
  seed: number;
  index: number;
  operation: string;
  actor: Actor;
  status: number;
  what: string;
  /** The request's shape: what was generated and made wrong, never the values. */
  labels: string[];
}

export interface FuzzSummary {
  engine: Engine;
  seed: number;
  requests: number;
  seconds: number;
  byClass: Record<string, number>;
  /** The Problem codes of the 4xx answers. */
  byCode: Record<string, number>;
  byOperation: Record<string, Record<string, number>>;
  failures: Failure[];
  auditChain: AuditVerification;
}

const REDEEM_TOKEN = 'fuzz-redeem-token-0123456789abcdefghijklmnop';
const REFRESH_IDS_EVERY = 250;

const isAuthFlow = (op: Operation) => op.method === 'POST' && op.path.startsWith('/api/auth/');

/** Who sends an operation; health-centre staff and doctors, who may do most, more often. */
function actorsFor(op: Operation): fc.Arbitrary<Actor> {
  if (isAuthFlow(op)) return fc.constantFrom<Actor>('anonymous', 'auth_pending', 'auth_user');
  const often: Actor[] = ['health_centre', 'health_centre', 'doctor'];
  return fc.constantFrom<Actor>('anonymous', ...(Object.keys(ROLE_ACCOUNTS) as Actor[]), ...often);
}

/** Calendar dates: mostly while the COVID-19 notification forms were in force, some recent. */
const dates = fc
  .oneof(
    fc.date({ min: new Date('2020-02-01T00:00:00Z'), max: new Date('2023-05-07T00:00:00Z'), noInvalidDate: true }),
    fc.integer({ min: 0, max: 30 }).map((d) => new Date(Date.now() - d * 86_400_000)),
    fc.date({ min: new Date('1920-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }),
  )
  .map((d) => d.toISOString().slice(0, 10));

function pointer(doc: unknown, ref: string): any {
  return ref
    .slice(2)
    .split('/')
    .reduce<any>((node, key) => node?.[key.replaceAll('~1', '/').replaceAll('~0', '~')], doc);
}

function classOf(status: number) {
  return `${Math.floor(status / 100)}xx`;
}

export async function fuzz(options: FuzzOptions): Promise<FuzzSummary> {
  const started = Date.now();
  const { t, app } = await openApp(options.engine, {
    LOGIN_RATE_LIMIT_PER_MINUTE: 1_000_000,
    PROCESSING_NUMBER_REDEEM_TOKEN: REDEEM_TOKEN,
    PROCESSING_NUMBER_REDEEM_RATE_LIMIT_PER_MINUTE: 1_000_000,
    ...(options.serverLog ? { LOG_LEVEL: 'error' } : {}),
  }, options.serverLog ? { logStream: options.serverLog } : {});
  try {
    const doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const operations = operationsOf(doc);
    const actors = new Actors(t, app);
    await actors.logInAll();
    await addRecords(t, actors);
    const ids = new Ids(t, actors.userIds);
    await ids.refresh();
    const sources: ValueSources = { uuid: ids.anyUuid, uuidFor: (name) => ids.forField(name), date: dates, resolve: (ref) => pointer(doc, ref) };
    const generators = operations.map((op) => fc.tuple(requestsFor(op, ids, sources, REDEEM_TOKEN), actorsFor(op)));
    // Every operation once in each round, in an order drawn from the seed.
    const indices = operations.map((_, i) => i);
    const round = fc.shuffledSubarray(indices, { minLength: indices.length, maxLength: indices.length });
    let order: number[] = [];

    const fingerprint = await Fingerprint.of(t);
    let tables = await fingerprint.take();
    const fuzzing = Date.now();
    const summary: FuzzSummary = {
      engine: options.engine,
      seed: options.seed,
      requests: 0,
      seconds: 0,
      byClass: {},
      byCode: {},
      byOperation: Object.fromEntries(operations.map((op) => [op.name, {}])),
      failures: [],
      auditChain: { ok: true, rows: 0, headHash: '' },
    };

    for (let index = 0; index < options.requests; index++) {
      if (options.seconds && Date.now() - fuzzing > options.seconds * 1000) break;
      if (index > 0 && index % REFRESH_IDS_EVERY === 0) {
        await ids.refresh();
        options.progress?.(`${options.engine}: ${index} requests, ${Math.round((Date.now() - fuzzing) / 1000)} s`);
      }
      const seed = options.seed + index;
      if (index % operations.length === 0) [order] = fc.sample(round, { seed: seed ^ 0x5eed, numRuns: 1 });
      const which = order[index % operations.length]!;
      const op = operations[which]!;
      const [[request, actor]] = fc.sample(generators[which]!, { seed, numRuns: 1 });
      const { client, loggedIn } = await actors.client(actor);
      if (loggedIn) tables = await fingerprint.take();
      const reply = await client.request(request.method as never, request.url, request.payload, request.headers);
      summary.requests++;
      const cls = classOf(reply.statusCode);
      summary.byClass[cls] = (summary.byClass[cls] ?? 0) + 1;
      const perOp = summary.byOperation[op.name]!;
      perOp[cls] = (perOp[cls] ?? 0) + 1;

      const fail = (what: string) => summary.failures.push({ seed, index, operation: op.name, actor, status: reply.statusCode, what, labels: request.labels });
      const after = await fingerprint.take();
      if (reply.statusCode >= 500) fail(`answered ${reply.statusCode}`);
      if (reply.statusCode >= 400 && reply.statusCode < 500) {
        const code = String((reply.body as Problem)?.code);
        summary.byCode[code] = (summary.byCode[code] ?? 0) + 1;
        const shape = Problem.safeParse(reply.body);
        if (!shape.success || shape.data.statusCode !== reply.statusCode || !shape.data.message.ja || !shape.data.message.en) {
          fail('a 4xx that is not the Problem shape');
        }
        const allowed = isAuthFlow(op) ? CHANGED_BY_REFUSALS.auth : [];
        const changed = [...after].filter(([table, f]) => tables.get(table) !== f && !allowed.includes(table)).map(([table]) => table);
        if (changed.length) fail(`refused with ${reply.statusCode} ${(reply.body as Problem)?.code} but changed ${changed.join(', ')}`);
      }
      tables = after;
      if (reply.statusCode === 401 || reply.statusCode === 423 || (isAuthFlow(op) && reply.statusCode < 300)) actors.lost(actor);
    }
    summary.auditChain = await verifyAuditChain(t.db);
    summary.seconds = (Date.now() - started) / 1000;
    return summary;
  } finally {
    await closeApp(t, app);
  }
}

/** The summary as a few lines: totals per status class, then per operation. */
export function formatSummary(s: FuzzSummary): string {
  const classes = ['2xx', '3xx', '4xx', '5xx'];
  const lines = [
    `${s.engine}: ${s.requests} requests in ${s.seconds.toFixed(1)} s (seed ${s.seed}): ${classes.map((c) => `${c} ${s.byClass[c] ?? 0}`).join(', ')}`,
    `audit chain: ${s.auditChain.ok ? `intact (${s.auditChain.rows} rows)` : `BROKEN at ${s.auditChain.brokenAt} (${s.auditChain.reason})`}`,
    `4xx codes: ${Object.entries(s.byCode).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}`,
    `failures: ${s.failures.length}`,
    ...Object.entries(s.byOperation).map(([name, counts]) => `  ${name.padEnd(52)} ${classes.map((c) => `${c} ${String(counts[c] ?? 0).padStart(5)}`).join('  ')}`),
  ];
  return lines.join('\n');
}

export function formatFailure(f: Failure): string {
  return `#${f.index} seed ${f.seed} ${f.operation} as ${f.actor}: ${f.what} [${f.labels.join('; ')}]`;
}
