// The demo world as the fuzzer sees it: who sends requests (a session per role, a login in
// progress, nobody), which ids exist (so that most requests reach the services), and a cheap
// fingerprint of every table to prove that a refused request changed nothing.
import type { FastifyInstance } from 'fastify';
import fc from 'fast-check';
import type { TestDatabase } from '../harness/engines.ts';
import { SESSION_COOKIE } from '../../src/server/http/session.ts';
import { Client, firstLogin, loginAgain, type LoggedIn } from '../harness/http.ts';

/** The roles the brief names, each a demo account, and nobody. */
export const ROLE_ACCOUNTS = {
  doctor: 'sakura-dr1',
  clerk: 'sakura-clerk1',
  health_centre: 'shinjuku-h1',
  prefecture: 'tokyo-sg1',
  ministry: 'mhlw-stats',
  org_admin: 'shinjuku-admin',
} as const;
export type Role = keyof typeof ROLE_ACCOUNTS;

/**
 * /api/auth acts on the caller's own session and counts failed codes and passwords towards a
 * lock: it is fuzzed with an account of its own, so the roles above keep their sessions.
 */
export const AUTH_ACCOUNT = 'midori-dr1';
export type Actor = Role | 'anonymous' | 'auth_pending' | 'auth_user';

export class Actors {
  private readonly clients = new Map<Actor, Client>();
  private readonly logins = new Map<string, LoggedIn>();
  private anonymous!: Client;
  readonly userIds = new Set<string>();

  constructor(
    private readonly t: TestDatabase,
    private readonly app: FastifyInstance,
  ) {}

  async logInAll(): Promise<void> {
    // Password hashing runs off the main thread: the logins overlap.
    const accounts = [...Object.entries(ROLE_ACCOUNTS), ['auth_user', AUTH_ACCOUNT]] as [Actor, string][];
    const clients = await Promise.all(accounts.map(([, loginId]) => this.first(loginId)));
    accounts.forEach(([actor], i) => this.clients.set(actor, clients[i]!));
    this.anonymous = new Client(this.app);
    const rows = await this.t.superuser('SELECT id FROM users WHERE login_id = ANY($1)', [[...Object.values(ROLE_ACCOUNTS), AUTH_ACCOUNT]]);
    for (const r of rows.rows) this.userIds.add(String(r.id));
  }

  private async first(loginId: string): Promise<Client> {
    const who = await firstLogin(this.t, this.app, loginId);
    this.logins.set(loginId, who);
    return who.client;
  }

  private readonly stale = new Set<Actor>();

  /** After a logout, a lock or a 401: the actor logs in again before its next request. */
  lost(actor: Actor): void {
    this.stale.add(actor);
  }

  /** The actor's client, and whether it had to log in again (which writes sessions and users). */
  async client(actor: Actor): Promise<{ client: Client; loggedIn: boolean }> {
    if (actor === 'anonymous') {
      // One client keeps its CSRF cookie and token; a session a lucky request got is dropped.
      this.anonymous.cookies.delete(SESSION_COOKIE);
      return { client: this.anonymous, loggedIn: false };
    }
    if (!this.stale.has(actor) && this.clients.has(actor)) return { client: this.clients.get(actor)!, loggedIn: false };
    this.stale.delete(actor);
    const loginId = actor === 'auth_user' || actor === 'auth_pending' ? AUTH_ACCOUNT : ROLE_ACCOUNTS[actor];
    await this.unlock(loginId);
    const who = this.logins.get(loginId)!;
    let client: Client;
    if (actor === 'auth_pending') {
      // Step 1 of a login done, the code not yet entered.
      client = new Client(this.app);
      await client.post('/api/auth/login', { loginId, password: who.password });
    } else {
      client = await loginAgain(this.t, this.app, loginId, who);
    }
    this.clients.set(actor, client);
    return { client, loggedIn: true };
  }

  /** Test set-up only: the auth account may have locked itself with wrong codes. */
  private async unlock(loginId: string) {
    await this.t.superuser('UPDATE users SET locked_at = NULL WHERE login_id = $1', [loginId]);
    await this.t.superuser('UPDATE credentials SET failed_attempts = 0, last_failed_at = NULL WHERE user_id = (SELECT id FROM users WHERE login_id = $1)', [loginId]);
  }
}

/**
 * The demo world has cases but no notifications, contacts or admissions: a few are made through
 * the API first, so that requests naming them reach the services.
 */
export async function addRecords(t: TestDatabase, actors: Actors): Promise<void> {
  const { client: doctor } = await actors.client('doctor');
  const { client: hc } = await actors.client('health_centre');
  const casesOf = async (org: string) =>
    (await t.superuser('SELECT id::text AS id FROM cases WHERE reporting_org_id = $1 OR responsible_hc_id = $1 ORDER BY id', [t.world.orgIds[org]])).rows.map((r) => String(r.id));
  const made = (r: { statusCode: number; body: unknown }, what: string) => {
    if (r.statusCode >= 300) throw new Error(`fuzz set-up: ${what} answered ${r.statusCode} ${JSON.stringify(r.body)}`);
  };
  // The clinic's two cases lie in the Shinjuku centre's area: a draft by the doctor on one, one
  // entered by the centre from a fax on the other.
  const [first, second] = await casesOf('sakura-clinic');
  made(await doctor.post(`/api/cases/${first}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10', doctorName: '医師 一' }), 'a draft notification');
  made(await hc.post(`/api/cases/${second}/notifications`, { classification: 'patient', diagnosedOn: '2022-03-10', source: 'fax', institutionId: t.world.orgIds['sakura-clinic'], doctorName: '医師 二' }), 'a proxy notification');
  made(
    await hc.post(`/api/cases/${first}/contacts`, {
      person: { nameKanji: '接触 一', nameKana: 'セッショク イチ', sex: 'female', birthDate: '1990-01-01' },
      setting: 'household',
      lastContactOn: '2022-03-08',
    }),
    'a contact',
  );
  made(await hc.post(`/api/cases/${second}/admissions`, { hospitalId: t.world.orgIds['midori-hospital'], admittedOn: '2022-03-11' }), 'an admission');
}

/** Which table holds the records a path segment names (/api/<segment>/{id}). */
const TABLE_OF_SEGMENT: Record<string, string> = {
  users: 'users',
  orgs: 'organizations',
  'security-flags': 'security_flags',
  cases: 'cases',
  notifications: 'notifications',
  persons: 'persons',
  tests: 'lab_tests',
  admissions: 'admissions',
  contacts: 'contacts',
  'external-ids': 'case_external_ids',
  residences: 'residences',
  assignments: 'case_assignments',
  alerts: 'case_alerts',
};

export class Ids {
  private pools = new Map<string, string[]>();

  constructor(
    private readonly t: TestDatabase,
    private readonly protectedUserIds: Set<string>,
  ) {}

  /** Reads the ids again (the fuzzer creates records as it goes). */
  async refresh(): Promise<void> {
    for (const table of new Set(Object.values(TABLE_OF_SEGMENT))) {
      const rows = await this.t.superuser(`SELECT id::text AS id FROM ${table} ORDER BY id`);
      // The fuzzing accounts are not suspended, deleted or reset by the org admin's requests.
      this.pools.set(table, rows.rows.map((r) => String(r.id)).filter((id) => table !== 'users' || !this.protectedUserIds.has(id)));
    }
    const hcs = await this.t.superuser("SELECT id::text AS id FROM organizations WHERE kind = 'health_center' ORDER BY id");
    this.pools.set('health_centres', hcs.rows.map((r) => String(r.id)));
  }

  private pick(pool: string | undefined, index: number): string | undefined {
    const ids = pool ? this.pools.get(pool) : [...this.pools.values()].flat();
    return ids?.length ? ids[index % ids.length] : undefined;
  }

  /** The id for a path parameter: mostly a real one of the right kind, sometimes anything. */
  forParam(path: string, name: string): fc.Arbitrary<{ value: string; label: string }> {
    const segment = path.split('/')[2]!;
    const pool = name === 'hcId' ? 'health_centres' : TABLE_OF_SEGMENT[segment];
    return fc.oneof(
      { weight: 14, arbitrary: fc.nat().map((i) => ({ value: this.pick(pool, i) ?? crypto.randomUUID(), label: 'real id' })) },
      { weight: 1, arbitrary: fc.nat().map((i) => ({ value: (this.pick(pool, i) ?? crypto.randomUUID()).toUpperCase(), label: 'upper-case real id' })) },
      { weight: 1, arbitrary: fc.nat().map((i) => ({ value: this.pick(undefined, i) ?? crypto.randomUUID(), label: 'real id of any kind' })) },
      { weight: 2, arbitrary: fc.uuid({ version: 4 }).map((value) => ({ value, label: 'random uuid' })) },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom('x', '1', '%00', '%E3%81', 'null', 'a'.repeat(300), '..%2F..%2Fetc', '00000000-0000-0000-0000-000000000000', '%20')
          .map((value) => ({ value, label: 'malformed id' })),
      },
    );
  }

  /** Which table a body or query field's uuid names, by its name. */
  private static readonly TABLE_OF_FIELD: [RegExp, string][] = [
    [/^(orgId|institutionId|hospitalId|toHcId|hcId)$/, 'organizations'],
    [/^personId$/, 'persons'],
    [/^caseId$/, 'cases'],
    [/^admissionId$/, 'admissions'],
    [/^userId$/, 'users'],
  ];

  /** A uuid for a named field: mostly a real id of the kind its name says, sometimes any. */
  forField(name: string): fc.Arbitrary<string> {
    const pool = Ids.TABLE_OF_FIELD.find(([pattern]) => pattern.test(name))?.[1];
    if (!pool) return this.anyUuid;
    return fc.oneof({ weight: 4, arbitrary: fc.nat().map((i) => this.pick(pool, i) ?? crypto.randomUUID()) }, { weight: 1, arbitrary: this.anyUuid });
  }

  /** A uuid inside a body or query: a real one of any kind, or a random one. */
  readonly anyUuid: fc.Arbitrary<string> = fc.oneof(
    { weight: 3, arbitrary: fc.nat().map((i) => this.pick(undefined, i) ?? crypto.randomUUID()) },
    { weight: 1, arbitrary: fc.uuid({ version: 4 }) },
  );
}

/** Tables a refused request may change by design. */
export const CHANGED_BY_REFUSALS = {
  /** Denied and failed accesses are audited; sessions record when they were last seen. */
  always: ['audit_log', 'sessions'],
  /** Failed passwords and codes are counted towards a lock (and raise security flags). */
  auth: ['credentials', 'users', 'security_flags', 'outbox'],
};

/**
 * One row per table: the row count and an order-free sum of each row's hash, so that an insert,
 * delete or update anywhere shows.
 */
export class Fingerprint {
  private constructor(
    private readonly t: TestDatabase,
    private readonly query: string,
  ) {}

  static async of(t: TestDatabase): Promise<Fingerprint> {
    const tables = await t.superuser("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_\\_%' ORDER BY tablename");
    const query = tables.rows
      .map((r) => String(r.tablename))
      .filter((name) => !CHANGED_BY_REFUSALS.always.includes(name))
      .map((name) => `SELECT '${name}' AS t, count(*)::text || ':' || coalesce(sum(hashtext(x::text)::bigint), 0)::text AS f FROM ${name} x`)
      .join(' UNION ALL ');
    // PGlite spends most of the time planning: plan once. (The PostgreSQL harness pools its
    // superuser connections, where a prepared statement would not follow.)
    if (t.engine === 'pglite') {
      await t.superuser(`PREPARE fuzz_fingerprint AS ${query}`);
      return new Fingerprint(t, 'EXECUTE fuzz_fingerprint');
    }
    return new Fingerprint(t, query);
  }

  async take(): Promise<Map<string, string>> {
    return new Map((await this.t.superuser(this.query)).rows.map((r) => [String(r.t), String(r.f)]));
  }
}
