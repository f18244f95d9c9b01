// A client for API tests: keeps cookies like a browser, sends the CSRF token on every
// state-changing request, and knows how to log a demo account in (first login included).
import type { FastifyInstance, InjectOptions } from 'fastify';
import { generate } from 'otplib';
import { buildApp, type AppOptions } from '../../src/server/app.ts';
import { testConfig, type Config } from '../../src/server/config.ts';
import { freshDatabase, type Engine, type TestDatabase } from './engines.ts';

export interface Reply {
  statusCode: number;
  body: any;
  headers: Record<string, unknown>;
  /** The answer's bytes as sent (a downloaded file). */
  raw: Buffer;
}

export async function startApp(t: TestDatabase, config: Partial<Config> = {}, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(t.db, testConfig(config), options);
  await app.ready();
  return app;
}

/**
 * A fresh database with the demo world and an app on it, for one suite. Tests log in many times
 * from one address, so the per-address login limit is lifted unless the suite sets it.
 */
export async function openApp(engine: Engine, config: Partial<Config> = {}, options: AppOptions = {}) {
  const t = await freshDatabase(engine);
  const app = await startApp(t, { LOGIN_RATE_LIMIT_PER_MINUTE: 10_000, ...config }, options);
  return { t, app };
}

export async function closeApp(t: TestDatabase, app: FastifyInstance) {
  await app.close();
  await t.close();
}

export class Client {
  readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(
    readonly app: FastifyInstance,
    readonly remoteAddress = '127.0.0.1',
  ) {}

  async request(method: InjectOptions['method'], url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
    const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(String(method));
    if (unsafe && this.csrf === null) this.csrf = (await this.request('GET', '/api/auth/csrf')).body.token;
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: { ...(unsafe ? { 'x-csrf-token': this.csrf! } : {}), ...headers },
      cookies: Object.fromEntries(this.cookies),
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
    for (const c of res.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return { statusCode: res.statusCode, body: res.body ? safeJson(res.body) : null, headers: res.headers, raw: res.rawPayload };
  }

  get = (url: string, headers?: Record<string, string>) => this.request('GET', url, undefined, headers);
  post = (url: string, body?: unknown, headers?: Record<string, string>) => this.request('POST', url, body ?? {}, headers);
  patch = (url: string, body?: unknown) => this.request('PATCH', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});
  delete = (url: string) => this.request('DELETE', url);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The password a demo account has after its first login in tests. */
export const changedPassword = (initial: string) => `${initial}-changed`;

/** The code an authenticator app shows now, for the secret in an otpauth:// URI or a raw secret. */
export const totpCode = (secret: string) => generate({ secret });

export const secretOf = (otpauthUri: string) => new URL(otpauthUri).searchParams.get('secret')!;

/** Waits, if need be, so that at least `ms` remain of the current 30-second TOTP step (for tests that reuse a code). */
export async function roomInTotpStep(ms = 5000): Promise<void> {
  const left = 30_000 - (Date.now() % 30_000);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

export interface LoggedIn {
  client: Client;
  totpSecret: string;
  password: string;
}

/** Logs a demo account in from its initial password: change it, enrol TOTP, done. */
export async function firstLogin(t: TestDatabase, app: FastifyInstance, loginId: string, remoteAddress?: string): Promise<LoggedIn> {
  const account = t.world.accounts.find((a) => a.loginId === loginId)!;
  const client = new Client(app, remoteAddress);
  const expect = (r: Reply, next: string) => {
    if (r.statusCode !== 200 || r.body.next !== next) throw new Error(`login of ${loginId}: ${r.statusCode} ${JSON.stringify(r.body)}`);
  };
  expect(await client.post('/api/auth/login', { loginId, password: account.password }), 'change_password');
  const password = changedPassword(account.password);
  expect(await client.post('/api/auth/password', { currentPassword: account.password, newPassword: password }), 'enrol_totp');
  const enrolment = await client.post('/api/auth/totp/enrolment');
  const totpSecret = secretOf(enrolment.body.otpauthUri);
  expect(await client.post('/api/auth/totp/enrolment/confirm', { code: await totpCode(totpSecret) }), 'done');
  return { client, totpSecret, password };
}

/**
 * Logs in again with password and code. A code is accepted once per time step, so for a quick
 * second login in a test the account's last used step is cleared first (test set-up only).
 */
export async function loginAgain(t: TestDatabase, app: FastifyInstance, loginId: string, who: LoggedIn, remoteAddress?: string): Promise<Client> {
  await t.superuser(
    'UPDATE credentials SET totp_last_step = NULL WHERE user_id = (SELECT id FROM users WHERE login_id = $1)',
    [loginId],
  );
  const client = new Client(app, remoteAddress);
  const step1 = await client.post('/api/auth/login', { loginId, password: who.password });
  if (step1.body.next !== 'totp') throw new Error(`login of ${loginId}: ${JSON.stringify(step1.body)}`);
  const step2 = await client.post('/api/auth/totp', { code: await totpCode(who.totpSecret) });
  if (step2.body.next !== 'done') throw new Error(`code of ${loginId}: ${JSON.stringify(step2.body)}`);
  return client;
}
