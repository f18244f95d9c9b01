// The staff web app: the files Vite built (dist/web), and index.html for any other page path, so
// that the app's own routes (/cases/…) load on reload. The files hold no data (that comes from
// /api, behind the session), so they are public. Without a build, the page says how to make one.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { problem } from './problem.ts';

export const WEB_DIR = fileURLToPath(new URL('../../../dist/web', import.meta.url));

export async function installWebApp(app: FastifyInstance, dir = WEB_DIR): Promise<void> {
  const built = existsSync(`${dir}/index.html`);
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      wildcard: false,
      // Built file names carry a hash of their content: cache them for good; index.html revalidates.
      setHeaders: (reply, path) => reply.header('cache-control', path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable'),
    });
  }
  app.get('/*', { config: { auth: 'public' }, schema: { hide: true } }, async (request, reply) => {
    if (request.url.startsWith('/api/')) return reply.status(404).send(problem(404, 'not_found'));
    if (!built) return reply.status(503).type('text/plain; charset=utf-8').send('The web app is not built: run `npm run build`.\n');
    return reply.header('cache-control', 'no-cache').sendFile('index.html');
  });
}
