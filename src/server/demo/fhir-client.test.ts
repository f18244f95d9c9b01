// The demo's FHIR client works the way the README tells a newcomer: read the file, sign an
// assertion with its private key, get a token, find さくら内科's patients — and only theirs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { importJWK, type JWK } from 'jose';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { clientAssertion, fhirGet, requestToken, validateFhir } from '../../../test/harness/fhir.ts';
import { startApp } from '../../../test/harness/http.ts';
import { testConfig } from '../config.ts';
import { seedDemoFhirClient } from './fhir-client.ts';

for (const engine of ENGINES) {
  describe(`the demo FHIR client (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    const dir = mkdtempSync(join(tmpdir(), 'hersys-fhir-demo-'));
    before(async () => {
      t = await freshDatabase(engine);
      app = await startApp(t, { DATA_DIR: dir });
    });
    after(async () => {
      await app.close();
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is registered for さくら内科クリニック with its private key in DATA_DIR (0600), and finds the clinic’s patients only', async () => {
      const file = await seedDemoFhirClient(t.db, testConfig({ DATA_DIR: dir }));
      assert.equal(file, join(dir, 'fhir-demo-client.json'));
      assert.equal(statSync(file!).mode & 0o777, 0o600);
      const c = JSON.parse(readFileSync(file!, 'utf8')) as { clientId: string; alg: 'ES384'; tokenUrl: string; scope: string; privateJwk: JWK };
      assert.equal(c.tokenUrl, 'http://localhost:3000/fhir/auth/token');
      const privateKey = (await importJWK(c.privateJwk, c.alg)) as CryptoKey;
      const token = await requestToken(app, await clientAssertion(c.clientId, { alg: c.alg, privateKey: privateKey as never }, { aud: c.tokenUrl }), c.scope);
      assert.equal(token.statusCode, 200, JSON.stringify(token.body));
      const r = await fhirGet(app, token.body.access_token!, '/fhir/Patient?_count=100');
      assert.equal(r.statusCode, 200);
      validateFhir(r.body);
      const seen = await t.superuser(
        `SELECT DISTINCT p.id FROM persons p JOIN cases c ON c.person_id = p.id JOIN organizations o ON o.id = c.reporting_org_id WHERE o.code = 'sakura-clinic' AND p.retained_at IS NULL`,
      );
      const expected = seen.rows.map((row) => row.id as string).sort();
      assert.ok(expected.length >= 2);
      assert.deepEqual(r.body.entry.map((e: { resource: { id: string } }) => e.resource.id).sort(), expected);
      const yamada = await fhirGet(app, token.body.access_token!, `/fhir/Patient?name=${encodeURIComponent('ヤマダ')}`);
      assert.ok(yamada.body.entry.some((e: { resource: { name: { text: string }[] } }) => e.resource.name[0].text === '山田 太郎'));
    });
  });
}
