// Liveness and readiness for a load balancer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database } from '../db/database.ts';

const tags = ['system'];
const Status = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.boolean()).optional() });

export const systemRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/health', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The process is alive', response: { 200: Status } },
  }, async () => ({ status: 'ok' as const }));

  app.get('/ready', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The database answers and every migration is applied', response: { 200: Status, 503: Status } },
  }, async (_request, reply) => {
    const checks = await db.readiness();
    const ready = checks.database && checks.migrations;
    return reply.status(ready ? 200 : 503).send({ status: ready ? 'ok' : 'unavailable', checks });
  });
};
