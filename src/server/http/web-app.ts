// The staff web app: the files Vite built (dist/web), and index.html for any other page path, so
// that the app's own routes (/cases/…) load on reload; the patient's phone page (My HER-SYS) is a
// page of its own, my.html, for /my and the paths below it. The files hold no data (that comes from
// /api, behind the session), so they are public. Without a build, the page says how to make one.
// The build writes each file compressed beside itself (x.js.br, x.js.gz): the one the browser's
// Accept-Encoding prefers is sent as it is, with Vary: Accept-Encoding, and no CPU is spent
// compressing per request.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem } from './problem.ts';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

/** index.html revalidates; built assets carry a hash of their content in their name and are kept for good. */
const cacheControl = (path: string) => (/\.html(\.br|\.gz)?$/.test(path) ? 'no-cache' : 'public, max-age=31536000, immutable');

export async function installWebApp(app: FastifyInstance, dir = WEB_DIR): Promise<void> {
  const built = existsSync(`${dir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      preCompressed: true,
      setHeaders: (reply, path) => reply.header('cache-control', cacheControl(path)),
    });
  }
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    // An asset that is not there (an old version's chunk) is a 404, never the page in its place.
    if (request.url.startsWith('/api/') || request.url.startsWith('/assets/')) return reply.status(404).send(problem(404, 'not_found'));
    if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build`.\n');
    return reply.sendFile(/^\/my(\/|\?|$)/.test(request.url) ? 'my.html' : 'index.html');
  });
}
