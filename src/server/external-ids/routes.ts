// /api/cases/:id/external-ids and /api/external-ids/:id: NESID and local IDs of a case (Q&A 10).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AddExternalIdBody, ExternalId, ExternalIdList } from '../../domain/api/external-ids.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as service from './service.ts';

const tags = ['external IDs'];

export const externalIdRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/cases/:id/external-ids', {
    schema: { tags, summary: 'The NESID and local IDs of a case', params: IdParams, response: { 200: ExternalIdList } },
  }, async (request) => ({ externalIds: await service.listExternalIds(db, contextOf(request), request.params.id) }));

  app.post('/cases/:id/external-ids', {
    schema: {
      tags,
      summary: 'Link a case to its NESID ID (unique nationwide: 409 when another case has it) or a local ID (may repeat across municipalities)',
      params: IdParams,
      body: AddExternalIdBody,
      response: { 201: ExternalId },
    },
  }, async (request, reply) => reply.status(201).send(await service.addExternalId(db, contextOf(request), request.params.id, request.body)));

  app.delete('/external-ids/:id', {
    schema: { tags, summary: 'Remove an external ID from its case', params: IdParams, response: { 204: z.null() } },
  }, async (request, reply) => {
    await service.deleteExternalId(db, contextOf(request), request.params.id);
    return reply.status(204).send(null);
  });
};
