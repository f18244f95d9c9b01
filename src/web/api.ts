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

async function send<T extends z.ZodType>(method: string, path: string, schema: T | null, body?: unknown, extra: Record<string, string> = {}): Promise<z.infer<T>> {
  const unsafe = method !== 'GET';
  if (unsafe && csrf === null) csrf = (await send('GET', '/api/auth/csrf', CsrfToken)).token;
  const res = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { ...extra, ...(unsafe ? { 'x-csrf-token': csrf! } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json: unknown = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const parsed = Problem.safeParse(json);
    const problem: Problem = parsed.success
      ? parsed.data
      : { statusCode: res.status, code: 'internal', message: { ja: 'サーバーとの通信に失敗しました。', en: 'The server could not be reached.' } };
    if (res.status === 403 && problem.code === 'csrf_invalid') csrf = null;
    if (res.status === 401 && !path.startsWith('/api/auth/')) for (const f of sessionEnded) f(problem.code);
    throw new ApiError(res.status, problem);
  }
  return schema ? schema.parse(json) : (json as never);
}

export const api = {
  /** `headers`: e.g. the purpose of opening a case (X-Hersys-Purpose, URI-encoded; DESIGN.md §5). */
  get: <T extends z.ZodType>(path: string, schema: T, headers?: Record<string, string>) => send('GET', path, schema, undefined, headers),
  post: <T extends z.ZodType>(path: string, body: unknown, schema: T | null) => send('POST', path, schema, body),
  patch: <T extends z.ZodType>(path: string, body: unknown, schema: T) => send('PATCH', path, schema, body),
  put: <T extends z.ZodType>(path: string, body: unknown, schema: T | null) => send('PUT', path, schema, body),
  delete: <T extends z.ZodType>(path: string, schema: T | null) => send('DELETE', path, schema),
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
