// A client written only against the types openapi-typescript generates from the served
// /api/openapi.json (api.gen.ts, written by test/openapi.test.ts, not committed), calling the
// server through openapi-fetch like a third party would. The test type-checks this file against
// the generated types, so a document that loses a field or a route fails to compile; then it runs
// the flow against the listening server. Excluded from tsconfig.json: api.gen.ts exists only
// while the test runs.
import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './api.gen.ts';

export interface Account {
  loginId: string;
  password: string;
  newPassword: string;
}

/** Cookies like a browser (the session and the CSRF secret) and the CSRF token on every write. */
function browserLike() {
  const jar = new Map<string, string>();
  const session = { csrf: '' };
  const middleware: Middleware = {
    onRequest({ request }) {
      request.headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      if (session.csrf && request.method !== 'GET') request.headers.set('x-csrf-token', session.csrf);
      return request;
    },
    onResponse({ response }) {
      for (const cookie of response.headers.getSetCookie()) {
        const [pair = ''] = cookie.split(';');
        const at = pair.indexOf('=');
        const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
        if (value === '' || /expires=Thu, 01 Jan 1970/i.test(cookie)) jar.delete(name);
        else jar.set(name, value);
      }
      return response;
    },
  };
  return { session, middleware };
}

function must<T>(result: { data?: T; error?: unknown; response: Response }, what: string): T {
  if (result.data === undefined) throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

/**
 * A doctor's first login (password change, authenticator enrolment), the registration of a new
 * person and case, finding it in the case list and opening it; then logging out.
 */
export async function doctorRegistersAndFindsACase(baseUrl: string, account: Account, totp: (otpauthUri: string) => Promise<string>) {
  const api = createClient<paths>({ baseUrl });
  const { session, middleware } = browserLike();
  api.use(middleware);

  session.csrf = must(await api.GET('/api/auth/csrf'), 'csrf').token;
  const login = must(await api.POST('/api/auth/login', { body: { loginId: account.loginId, password: account.password } }), 'login');
  if (login.next !== 'change_password') throw new Error(`login: ${login.next}`);
  const changed = must(
    await api.POST('/api/auth/password', { body: { currentPassword: account.password, newPassword: account.newPassword } }),
    'password',
  );
  if (changed.next !== 'enrol_totp') throw new Error(`password: ${changed.next}`);
  const enrolment = must(await api.POST('/api/auth/totp/enrolment'), 'enrolment');
  const done = must(await api.POST('/api/auth/totp/enrolment/confirm', { body: { code: await totp(enrolment.otpauthUri) } }), 'confirm');
  if (done.next !== 'done') throw new Error(`confirm: ${done.next}`);

  const me = must(await api.GET('/api/auth/me'), 'me');
  const registered = must(
    await api.POST('/api/registrations', {
      body: {
        person: { nameKanji: '型付 花子', nameKana: 'カタツキ ハナコ', sex: 'female', birthDate: '1985-07-01' },
        choice: { kind: 'new_person' },
        tests: [{ method: 'naat', specimen: 'saliva', result: 'positive', collectedOn: '2022-03-09' }],
      },
    }),
    'registration',
  );
  const found = must(await api.GET('/api/cases', { params: { query: { kana: 'カタツキ', kanaMatch: 'prefix', limit: 10 } } }), 'search');
  const opened = must(
    await api.GET('/api/cases/{id}', {
      params: { path: { id: registered.caseId } },
      headers: { 'x-hersys-purpose': encodeURIComponent('発生届の作成') },
    }),
    'open',
  );
  const unknown = await api.GET('/api/cases/{id}', { params: { path: { id: '00000000-0000-4000-8000-000000000000' } } });
  const loggedOut = await api.POST('/api/auth/logout');
  const afterLogout = await api.GET('/api/auth/me');
  return {
    roles: me.user.roles,
    caseNumber: registered.caseNumber,
    listed: found.cases.map((c) => c.caseNumber),
    opened: { caseNumber: opened.caseNumber, nameKana: opened.person.nameKana, tests: opened.tests.map((t) => t.result) },
    unknown: { status: unknown.response.status, code: unknown.error?.code },
    loggedOut: loggedOut.response.status,
    afterLogout: { status: afterLogout.response.status, code: afterLogout.error?.code },
  };
}
