// /api/orgs: the organisation tree and ID quotas.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, OrganizationList, QuotaBody } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as orgs from './service.ts';

const tags = ['organizations'];

export const orgRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/orgs', {
    schema: { tags, summary: 'Organisations, with ID counts for those one issues for', response: { 200: OrganizationList } },
  }, async (request) => ({ organizations: await orgs.listOrganizations(db, contextOf(request)) }));

  app.put('/orgs/:id/quota', {
    schema: { tags, summary: 'Set how many IDs an organisation one issues for may hold (null = no limit)', params: IdParams, body: QuotaBody, response: { 204: z.null() } },
  }, async (request, reply) => {
    await orgs.setQuota(db, contextOf(request), request.params.id, request.body.version, request.body.idQuota);
    return reply.status(204).send(null);
  });
};
