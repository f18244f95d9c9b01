// A browser-like client over real HTTP (fetch, keep-alive) for benchmarks and tests that run the
// server as a process of its own: keeps the cookies, sends the CSRF token on every state-changing
// request, and logs a new ID in as a person would the first time.
import { generate } from 'otplib';

export interface Reply {
  status: number;
  body: any;
  headers: Headers;
}

export class HttpClient {
  private readonly cookies = new Map<string, string>();
  private csrf: string | null = null;

  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, body?: unknown, extra: Record<string, string> = {}): Promise<Reply> {
    const unsafe = method !== 'GET';
    if (unsafe && this.csrf === null) this.csrf = (await this.request('GET', '/api/auth/csrf')).body.token;
    const headers: Record<string, string> = { ...extra, cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
    if (unsafe) headers['x-csrf-token'] = this.csrf!;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const send = () => fetch(this.baseUrl + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    // A kept-alive connection the server closes as it is reused: a browser retries a GET, so do we.
    const res = await send().catch((err) => (unsafe ? Promise.reject(err) : send()));
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair.indexOf('=');
      const [name, value] = [pair.slice(0, eq).trim(), pair.slice(eq + 1).trim()];
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = null;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      parsed = text;
    }
    return { status: res.status, body: parsed, headers: res.headers };
  }

  /** A cookie the client holds as if the server had set it (a benchmark's pre-made session). */
  setCookie(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  get = (path: string) => this.request('GET', path);
  post = (path: string, body: unknown = {}, headers?: Record<string, string>) => this.request('POST', path, body, headers);
}

/** First login of a new ID: password, a new password, TOTP enrolment and its first code. */
export async function firstLogin(baseUrl: string, loginId: string, password: string): Promise<HttpClient> {
  const client = new HttpClient(baseUrl);
  const step = async (r: Promise<Reply>, next: string) => {
    const reply = await r;
    if (reply.status !== 200 || reply.body.next !== next) throw new Error(`login of ${loginId}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply;
  };
  await step(client.post('/api/auth/login', { loginId, password }), 'change_password');
  await step(client.post('/api/auth/password', { currentPassword: password, newPassword: `${password}-changed` }), 'enrol_totp');
  const enrolment = await client.post('/api/auth/totp/enrolment');
  const secret = new URL(enrolment.body.otpauthUri).searchParams.get('secret')!;
  await step(client.post('/api/auth/totp/enrolment/confirm', { code: await generate({ secret }) }), 'done');
  return client;
}
