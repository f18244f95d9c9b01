// The web app as a browser gets it from the real app: /login, then every script, module preload
// and style sheet its index.html names, in the encoding the browser accepts. The login page's
// JavaScript and CSS stay within 150 KB compressed; hashed assets are cached for good, the page
// revalidates, and a cache keeps one copy per encoding (Vary). Uses the build in dist/web.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { LOGIN_BUDGET_BYTES } from '../../../test/browser/login-budget.ts';
import { ENGINES, type TestDatabase } from '../../../test/harness/engines.ts';
import { closeApp, openApp } from '../../../test/harness/http.ts';
import { WEB_DIR } from './web-app.ts';

const built = existsSync(join(WEB_DIR, 'index.html'));
if (!built && process.env.CI === 'true') throw new Error('CI=true but the web app is not built (npm run build)');
if (!built) console.warn('\n*** NOTICE: dist/web is not built: the web app size tests are skipped. ***\n');

const BROWSER = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/140.0.0.0', accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

/** What index.html makes the browser fetch before anything runs: scripts, module preloads, style sheets. */
const assetsOf = (html: string) => [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);

const decode = (encoding: string | undefined, body: Buffer) =>
  encoding === 'br' ? brotliDecompressSync(body) : encoding === 'gzip' ? gunzipSync(body) : body;

for (const engine of built ? ENGINES : []) {
  describe(`the web app as served (${engine})`, () => {
    let t: TestDatabase;
    let app: FastifyInstance;
    before(async () => ({ t, app } = await openApp(engine)));
    after(() => closeApp(t, app));

    /** /login and its assets with this Accept-Encoding: each answer checked, the bytes on the wire counted. */
    async function loadLogin(acceptEncoding: string | undefined, expected: string | undefined) {
      const headers = { ...BROWSER, ...(acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding }) };
      const page = await app.inject({ method: 'GET', url: '/login', headers });
      assert.equal(page.statusCode, 200);
      assert.equal(page.headers['content-encoding'], expected, `/login in ${expected ?? 'identity'}`);
      assert.match(String(page.headers['content-type']), /^text\/html/);
      assert.equal(page.headers['cache-control'], 'no-cache', 'the page revalidates, so a new version is seen at once');
      assert.match(String(page.headers.vary), /accept-encoding/i);
      const html = decode(expected, page.rawPayload).toString('utf8');
      assert.equal(html, readFileSync(join(WEB_DIR, 'index.html'), 'utf8'));
      const assets = assetsOf(html);
      assert.ok(assets.some((a) => a.endsWith('.js')) && assets.some((a) => a.endsWith('.css')), `scripts and styles named in index.html: ${assets}`);

      const sizes: Record<string, number> = {};
      for (const asset of assets) {
        const res = await app.inject({ method: 'GET', url: asset, headers: { ...headers, accept: '*/*' } });
        assert.equal(res.statusCode, 200, asset);
        assert.equal(res.headers['content-encoding'], expected, `${asset} in ${expected ?? 'identity'}`);
        assert.match(String(res.headers['content-type']), asset.endsWith('.css') ? /^text\/css/ : /javascript/);
        assert.equal(res.headers['cache-control'], 'public, max-age=31536000, immutable', asset);
        assert.match(String(res.headers.vary), /accept-encoding/i, asset);
        assert.deepEqual(decode(expected, res.rawPayload), readFileSync(join(WEB_DIR, asset)), `${asset} decodes to the built file`);
        sizes[asset] = res.rawPayload.length;
      }
      return { page: page.rawPayload.length, assets: sizes, total: Object.values(sizes).reduce((a, b) => a + b, 0) };
    }

    it(`the login page's JavaScript and CSS come brotli-compressed, ${LOGIN_BUDGET_BYTES / 1000} KB at most`, async () => {
      const br = await loadLogin('gzip, deflate, br, zstd', 'br');
      console.log(`[web size] /login (${engine}): ${Object.keys(br.assets).length} files, ${br.total} bytes of JS+CSS as brotli (+ ${br.page} bytes of page)`);
      assert.ok(br.total <= LOGIN_BUDGET_BYTES, `the login page fetches ${br.total} bytes of JS+CSS (at most ${LOGIN_BUDGET_BYTES})`);
    });

    it('gzip when the browser accepts only gzip, as built when it accepts no encoding', async () => {
      const gzip = await loadLogin('gzip', 'gzip');
      const identity = await loadLogin(undefined, undefined);
      const none = await loadLogin('identity', undefined);
      assert.equal(none.total, identity.total);
      console.log(`[web size] /login (${engine}): JS+CSS ${gzip.total} bytes as gzip, ${identity.total} bytes uncompressed`);
      assert.ok(gzip.total < identity.total / 2, 'gzip at least halves it');
      assert.ok(gzip.total <= LOGIN_BUDGET_BYTES, `gzip: ${gzip.total} bytes`);
    });

    it('an asset that is not there is a 404, not the page in its place (a chunk of an older version)', async () => {
      const res = await app.inject({ method: 'GET', url: '/assets/Gone-0123abcd.js', headers: { ...BROWSER, 'accept-encoding': 'br, gzip' } });
      assert.equal(res.statusCode, 404);
      assert.doesNotMatch(String(res.headers['content-type']), /text\/html/);
      assert.equal((await app.inject({ method: 'GET', url: '/cases/some-page', headers: BROWSER })).statusCode, 200, 'while an app path is the page');
    });
  });
}
