// Strings PostgreSQL cannot store as sent (NUL, an unpaired UTF-16 surrogate) are refused by the
// one request validator, at the field that carries them, for every part of the request.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, firstLogin, openApp, type Client } from '../../../test/harness/http.ts';
import { unstorableFields } from './validation.ts';

const NUL = 'a\u0000b';
const LONE = 'a\uD800b';

describe('unstorable characters', () => {
  it('finds NUL and either lone half of a surrogate pair, in values and keys, at their paths', () => {
    const data = { ok: 'ｶﾅ 😀 ok', list: ['x', NUL], deep: { [`k${LONE}`]: 1, low: 'b\uDC00', swapped: '\uDC00\uD83D' } };
    const paths = unstorableFields(data, 'body').map((f) => f.path.join('.')).sort();
    assert.deepEqual(paths, ['body.deep.ka\uD800b', 'body.deep.low', 'body.deep.swapped', 'body.list.1']);
  });

  it('walks a body nested as deep as 1 MB allows without recursion', () => {
    let deep: unknown = NUL;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    assert.equal(unstorableFields(deep, 'body')[0]!.path.length, 200_001);
  });
});

for (const engine of ENGINES) {
  describe(`NUL and lone surrogates answer 400 at the field (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let hc: Client;
    let caseId: string;
    let notificationId: string;

    before(async () => {
      ({ t, app } = await openApp(engine));
      hc = (await firstLogin(t, app, 'shinjuku-h1')).client;
      caseId = String((await t.superuser("SELECT id FROM cases WHERE responsible_hc_id = (SELECT id FROM organizations WHERE code = 'shinjuku-hc') LIMIT 1")).rows[0]!.id);
      const created = await hc.post(`/api/cases/${caseId}/notifications`, { classification: 'patient', institutionId: t.world.orgIds['sakura-clinic'], source: 'fax', doctorName: '代理 入力', diagnosedOn: '2022-03-10' });
      assert.equal(created.statusCode, 201, JSON.stringify(created.body));
      notificationId = created.body.id;
    });
    after(() => closeApp(t, app));

    const observation = { observedOn: '2024-01-05', method: 'phone' };
    const sample = (value: string): [string, () => [string, string, unknown], (string | number)[]][] => [
      ['a test record’s lab name', () => ['POST', `/api/cases/${caseId}/tests`, { tests: [{ method: 'naat', specimen: 'nasopharyngeal_swab', result: 'positive', labName: value }] }], ['body', 'tests', 0, 'labName']],
      ['a test record’s other specimen', () => ['POST', `/api/cases/${caseId}/tests`, { tests: [{ method: 'naat', specimen: 'other', specimenOther: value, result: 'positive' }] }], ['body', 'tests', 0, 'specimenOther']],
      ['an admission’s attending doctor', () => ['POST', `/api/cases/${caseId}/admissions`, { hospitalId: t.world.orgIds['midori-hospital'], admittedOn: '2024-01-05', attendingDoctor: value }], ['body', 'attendingDoctor']],
      ['a notification’s occupation', () => ['PATCH', `/api/notifications/${notificationId}`, { version: 1, occupation: value }], ['body', 'occupation']],
      ['a notification’s doctor', () => ['PATCH', `/api/notifications/${notificationId}`, { version: 1, doctorName: value }], ['body', 'doctorName']],
      ['a form answer nested in a record', () => ['PATCH', `/api/notifications/${notificationId}`, { version: 1, answers: { travel: { note: value } } }], ['body', 'answers', 'travel', 'note']],
      ['a contact’s note', () => ['POST', `/api/cases/${caseId}/contacts`, { personId: '00000000-0000-4000-8000-000000000000', setting: 'household', lastContactOn: '2024-01-01', note: value }], ['body', 'note']],
      ['an observation’s note', () => ['POST', `/api/cases/${caseId}/observations`, { ...observation, note: value }], ['body', 'note']],
      ['a key of an extra field', () => ['POST', `/api/cases/${caseId}/observations`, { ...observation, note: 'ok', [value]: 1 }], ['body', value]],
    ];

    for (const [name, value] of [['NUL', NUL], ['a lone surrogate', LONE]] as const) {
      for (const [field, request, path] of sample(value)) {
        it(`${name} in ${field}`, async () => {
          const [method, url, body] = request();
          const r = await hc.request(method as never, url, body);
          assert.equal(r.statusCode, 400, JSON.stringify(r.body));
          assert.equal(r.body.code, 'invalid_input');
          const at = r.body.errors.find((e: { path: unknown[] }) => JSON.stringify(e.path) === JSON.stringify(path));
          assert.ok(at, `an error at ${JSON.stringify(path)}: ${JSON.stringify(r.body.errors)}`);
          assert.equal(at.code, 'invalid_characters');
          assert.match(at.message.ja, /NUL/);
          assert.match(at.message.en, /NUL/);
        });
      }
    }

    // Percent-encoded UTF-8 cannot spell a lone surrogate (the parser leaves such bytes as they
    // came), so only NUL reaches the query string and the path.
    it('NUL in the case search’s kana (query string)', async () => {
      const r = await hc.get('/api/cases?kana=%E3%82%A2%00');
      assert.equal(r.statusCode, 400);
      assert.deepEqual(r.body.errors.map((e: { path: unknown[]; code: string }) => [e.path.join('.'), e.code]), [['querystring.kana', 'invalid_characters']]);
    });

    it('NUL in a path id (params)', async () => {
      const r = await hc.get('/api/cases/%00');
      assert.equal(r.statusCode, 400);
      assert.deepEqual(r.body.errors.map((e: { path: unknown[]; code: string }) => [e.path.join('.'), e.code]), [['params.id', 'invalid_characters']]);
    });

    it('NUL in the purpose header (read outside the schemas) answers 400 and writes no audit row', async () => {
      const before = (await t.superuser('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n;
      const r = await hc.get(`/api/cases/${caseId}`, { 'x-hersys-purpose': encodeURIComponent('確認\u0000') });
      assert.equal(r.statusCode, 400);
      assert.deepEqual(r.body.errors.map((e: { path: unknown[]; code: string }) => [e.path, e.code]), [[['headers', 'x-hersys-purpose'], 'invalid_characters']]);
      assert.equal((await t.superuser('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n, before);
    });

    it('every version in a request body stops at PostgreSQL’s integer: 2^31 answers 400 at body.version, not 500', async () => {
      const doc = (await hc.get('/api/openapi.json')).body;
      const withVersion = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
        Object.entries(item)
          .filter(([, op]) => op.requestBody?.content['application/json'].schema.properties?.version)
          .map(([method]) => [method.toUpperCase(), path.replace('{rowNo}', '2').replace(/\{\w+\}/g, caseId)] as const),
      );
      assert.ok(withVersion.length >= 15, `${withVersion.length} operations take a version`);
      for (const [method, url] of withVersion) {
        const r = await hc.request(method as never, url, { version: 2 ** 31 });
        assert.equal(r.statusCode, 400, `${method} ${url}`);
        assert.ok(r.body.errors.some((e: { path: unknown[]; code: string }) => e.path.join('.') === 'body.version' && e.code === 'too_big'), `${method} ${url}`);
      }
    });

    it('a date the ISO pattern allows but PostgreSQL refuses (year 0000) answers 400 at the field, not 500', async () => {
      const checks: [string, string, unknown, string][] = [
        ['POST', '/api/registrations/duplicates', { nameKana: 'ヤマダ', birthDate: '0000-01-01', sex: 'male' }, 'body.birthDate'],
        ['GET', '/api/cases?createdFrom=0000-02-29', undefined, 'querystring.createdFrom'],
        ['GET', '/api/audit?from=0000-01-01T00:00:00Z', undefined, 'querystring.from'],
        ['POST', `/api/cases/${caseId}/observations`, { ...observation, observedOn: '1899-12-31', note: 'x' }, 'body.observedOn'],
      ];
      for (const [method, url, body, path] of checks) {
        const r = await hc.request(method as never, url, body);
        assert.equal(r.statusCode, 400, `${method} ${url}`);
        assert.ok(r.body.errors.some((e: { path: unknown[] }) => e.path.join('.') === path), `${method} ${url}: ${JSON.stringify(r.body.errors)}`);
      }
    });

    it('a surrogate pair (an emoji) is stored and read back as sent', async () => {
      const r = await hc.post(`/api/cases/${caseId}/observations`, { ...observation, note: '咳 😷' });
      assert.equal(r.statusCode, 201, JSON.stringify(r.body));
      const list = await hc.get(`/api/cases/${caseId}/observations`);
      assert.ok(JSON.stringify(list.body).includes('咳 😷'));
    });
  });
}
