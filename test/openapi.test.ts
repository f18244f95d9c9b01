// The served /api/openapi.json is what a third party builds a client from: it must be valid
// OpenAPI 3.1 with every $ref resolving, and a real generator (openapi-typescript) must turn it
// into types that a typed client (openapi-fetch, test/openapi-client/flow.ts) compiles against
// and uses for a real flow on the listening server.
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { after, before, describe, it } from 'node:test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance } from 'fastify';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import ts from 'typescript';
import { ENGINES, type TestDatabase } from './harness/engines.ts';
import { changedPassword, closeApp, openApp, secretOf, totpCode } from './harness/http.ts';

const clientDir = new URL('./openapi-client/', import.meta.url);
const flowFile = new URL('flow.ts', clientDir);

/** Every "$ref" in a document, with the JSON pointer it names resolved against the document. */
function refsOf(doc: unknown): { ref: string; target: unknown }[] {
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (k === '$ref' && typeof child === 'string') refs.push(child);
        else walk(child);
      }
    }
  };
  walk(doc);
  return refs.map((ref) => {
    assert.ok(ref.startsWith('#/'), `only local references: ${ref}`);
    const target = ref
      .slice(2)
      .split('/')
      .map((p) => decodeURIComponent(p).replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), doc);
    return { ref, target };
  });
}

/**
 * The compiler's complaints about flow.ts against the generated types, with tsconfig's options;
 * the browser's fetch types instead of all of Node's halve the time.
 */
function typeErrorsOfFlow(): string[] {
  const root = new URL('../', import.meta.url).pathname;
  const config = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile).config;
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram([flowFile.pathname], { ...options, types: [], lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'] });
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

let generated: Promise<string[]> | undefined;

/** Generates api.gen.ts from the document once per run and type-checks the client against it. */
function generateClient(doc: object): Promise<string[]> {
  generated ??= (async () => {
    const types = astToString(await openapiTS(doc as never, { silent: true }));
    await writeFile(new URL('api.gen.ts', clientDir), COMMENT_HEADER + types);
    return typeErrorsOfFlow();
  })();
  return generated;
}

for (const engine of ENGINES) {
  describe(`the OpenAPI document and a client generated from it (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    let baseUrl: string;
    let doc: Record<string, any>;

    before(async () => {
      ({ t, app } = await openApp(engine));
      baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
      doc = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    });
    after(() => closeApp(t, app));

    it('is valid OpenAPI 3.1 and every $ref resolves to a component', async () => {
      const validator = new Validator();
      const result = await validator.validate(structuredClone(doc));
      assert.deepEqual(result.errors, undefined);
      assert.equal(result.valid, true);
      assert.equal(validator.version, '3.1');

      const refs = refsOf(doc);
      const unresolved = refs.filter((r) => r.target === undefined).map((r) => r.ref);
      assert.deepEqual([...new Set(unresolved)], []);
      const named = new Set(refs.map((r) => r.ref));
      for (const id of ['Problem', 'User', 'Organization', 'Notification']) assert.ok(named.has(`#/components/schemas/${id}`), id);
      assert.doesNotThrow(() => validator.resolveRefs());
    });

    it('documents the Problem shape for the errors of every operation', () => {
      const operations = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
        Object.entries(item).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
      );
      assert.ok(operations.length >= 70, `${operations.length} operations`);
      for (const { name, op } of operations) {
        assert.deepEqual(op.responses['400']?.content?.['application/json']?.schema, { $ref: '#/components/schemas/Problem' }, name);
      }
    });

    it('generates types (openapi-typescript) that a typed client (openapi-fetch) compiles against and uses', async () => {
      assert.deepEqual(await generateClient(doc), [], 'flow.ts type-checks against the generated types');
      const { doctorRegistersAndFindsACase } = await import(flowFile.href);
      const account = t.world.accounts.find((a) => a.loginId === 'sakura-dr1')!;
      const result = await doctorRegistersAndFindsACase(
        baseUrl,
        { loginId: account.loginId, password: account.password, newPassword: changedPassword(account.password) },
        (uri: string) => totpCode(secretOf(uri)),
      );
      assert.deepEqual(result.roles, ['doctor']);
      assert.match(result.caseNumber, /^\d{8}$/);
      assert.deepEqual(result.listed, [result.caseNumber]);
      assert.deepEqual(result.opened, { caseNumber: result.caseNumber, nameKana: 'カタツキ ハナコ', tests: ['positive'] });
      assert.deepEqual(result.unknown, { status: 404, code: 'not_found' });
      assert.equal(result.loggedOut, 204);
      assert.deepEqual(result.afterLogout, { status: 401, code: 'unauthenticated' });
    });
  });
}
