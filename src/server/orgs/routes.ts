// /api/orgs: the organisation tree, registration of organisations below one's own, ID quotas.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, Organization, OrganizationList, QuotaBody, RegisterOrganizationBody, UpdateOrganizationBody } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as orgs from './service.ts';

const tags = ['organizations'];

export const orgRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/orgs', {
    schema: { tags, summary: 'Organisations, with ID counts for those one issues for', response: { 200: OrganizationList } },
  }, async (request) => ({ organizations: await orgs.listOrganizations(db, contextOf(request)) }));

  app.post('/orgs', {
    schema: {
      tags,
      summary: 'Register an organisation directly below one’s own (a health centre: its medical institutions; a prefecture: centres, facilities, HQ, institutes)',
      body: RegisterOrganizationBody,
      response: { 201: Organization },
    },
  }, async (request, reply) => reply.status(201).send(await orgs.registerOrganization(db, contextOf(request), request.body)));

  app.patch('/orgs/:id', {
    schema: { tags, summary: 'Change the names or notification address of an organisation one issues for', params: IdParams, body: UpdateOrganizationBody, response: { 200: Organization } },
  }, async (request) => orgs.updateOrganization(db, contextOf(request), request.params.id, request.body));

  app.put('/orgs/:id/quota', {
    schema: { tags, summary: 'Set how many IDs an organisation one issues for may hold (null = no limit)', params: IdParams, body: QuotaBody, response: { 204: z.null() } },
  }, async (request, reply) => {
    await orgs.setQuota(db, contextOf(request), request.params.id, request.body.version, request.body.idQuota);
    return reply.status(204).send(null);
  });
};
