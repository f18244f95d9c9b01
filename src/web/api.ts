// The one way the app talks to the server: same-origin fetch with the session cookie, the CSRF
// token on every state-changing request, answers checked against the server's own zod schemas
// (src/domain/api), and every error turned into an ApiError carrying the Problem the server sent.
import type { z } from 'zod';
import { CsrfToken } from '../domain/api/auth.ts';
import { Problem } from '../domain/api/problem.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.message.en);
  }
  /** The error of one field, by its path below body/querystring (e.g. 'person.nameKana'). */
  field(path: string): Problem['errors'] extends (infer E)[] | undefined ? E | undefined : never {
    return this.problem.errors?.find((e) => e.path.slice(1).join('.') === path) as never;
  }
}

/** Listeners told when the session is gone (expired, or logged out elsewhere). */
const sessionEnded = new Set<(code: string) => void>();
export const onSessionEnded = (f: (code: string) => void) => {
  sessionEnded.add(f);
  return () => {
    sessionEnded.delete(f);
  };
};

let csrf: string | null = null;

/**
 * Idempotency-Key for every POST and PATCH (DESIGN: a retried request never does the work twice).
 * A request the same as one still without an answer — a double click, a resend after the network
 * failed — carries the same key, so the server does the work once and answers both alike. A key is
 * dropped once the server has answered, so a later, deliberate resubmission is new work.
 */
const pendingKeys = new Map<string, string>();
const KEYED = new Set(['POST', 'PATCH']);
const newKey = () =>
  typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');

/** The network failed before an answer: tries again this many times, a second apart, then gives up. */
const NETWORK_RETRIES = 2;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The sign-in steps, the staff's and the patient's: each is an attempt of its own, and a 401 there is a refusal, not a lost session. */
const isSignInStep = (path: string) => path.startsWith('/api/auth/') || path.startsWith('/api/my/sign-in');

async function send<T extends z.ZodType>(method: string, path: string, schema: T | null, body?: unknown, extra: Record<string, string> = {}): Promise<z.infer<T>> {
  const unsafe = method !== 'GET';
  if (unsafe && csrf === null) csrf = (await send('GET', '/api/auth/csrf', CsrfToken)).token;
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const request = `${method} ${path} ${payload ?? ''}`;
  const keyed = KEYED.has(method) && !isSignInStep(path);
  let key = keyed ? pendingKeys.get(request) : undefined;
  if (keyed && !key) pendingKeys.set(request, (key = newKey()));
  const attempt = () =>
    fetch(path, {
      method,
      credentials: 'same-origin',
      headers: {
        ...extra,
        ...(unsafe ? { 'x-csrf-token': csrf! } : {}),
        ...(key ? { 'idempotency-key': key } : {}),
        ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: payload,
    });
  let res: Response;
  for (let tries = 0; ; tries++) {
    try {
      res = await attempt();
    } catch (err) {
      // No answer: only a GET or a keyed request may be sent again without risk of doing it twice.
      if (tries >= NETWORK_RETRIES || (unsafe && !key)) throw err;
      await pause(1000 * (tries + 1));
      continue;
    }
    // The same request is still being done (a double click): its answer is ready in a moment.
    const wait = res.status === 409 && key ? Number(res.headers.get('retry-after') ?? 0) : 0;
    if (!wait || tries >= 5) break;
    await pause(wait * 1000);
  }
  // A server error may have left the work done or not: the key stays for the user's retry.
  if (key && res.status < 500) pendingKeys.delete(request);
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const parsed = Problem.safeParse(json);
    const problem: Problem = parsed.success
      ? parsed.data
      : { statusCode: res.status, code: 'internal', message: { ja: 'サーバーとの通信に失敗しました。', en: 'The server could not be reached.' } };
    if (res.status === 403 && problem.code === 'csrf_invalid') csrf = null;
    if (res.status === 401 && !isSignInStep(path)) for (const f of sessionEnded) f(problem.code);
    throw new ApiError(res.status, problem);
  }
  return schema ? schema.parse(json) : (json as never);
}

/**
 * A file answered to a POST (an export, issue 14: its password travels in the body, never in a URL):
 * the bytes and the name the server gave; an error answer throws like any other.
 */
async function postForFile(path: string, body: unknown): Promise<{ blob: Blob; fileName: string }> {
  if (csrf === null) csrf = (await send('GET', '/api/auth/csrf', CsrfToken)).token;
  const res = await fetch(path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'x-csrf-token': csrf, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) {
    const parsed = Problem.safeParse(await res.json().catch(() => null));
    throw new ApiError(res.status, parsed.success ? parsed.data : { statusCode: res.status, code: 'internal', message: { ja: 'ダウンロードに失敗しました。', en: 'The download failed.' } });
  }
  const fileName = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export';
  return { blob: await res.blob(), fileName };
}

export const api = {
  /** `headers`: e.g. the purpose of opening a case (X-Hersys-Purpose, URI-encoded; DESIGN.md §5). */
  get: <T extends z.ZodType>(path: string, schema: T, headers?: Record<string, string>) => send('GET', path, schema, undefined, headers),
  post: <T extends z.ZodType>(path: string, body: unknown, schema: T | null) => send('POST', path, schema, body),
  patch: <T extends z.ZodType>(path: string, body: unknown, schema: T) => send('PATCH', path, schema, body),
  put: <T extends z.ZodType>(path: string, body: unknown, schema: T | null) => send('PUT', path, schema, body),
  delete: <T extends z.ZodType>(path: string, schema: T | null) => send('DELETE', path, schema),
  postForFile,
  /** After login or logout the server gives a new CSRF secret. */
  forgetCsrf: () => {
    csrf = null;
  },
};

/** A query string from the set values of an object. */
export const query = (params: Record<string, string | number | undefined | null>) => {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '') as [string, string][]);
  return q.size ? `?${q}` : '';
};
