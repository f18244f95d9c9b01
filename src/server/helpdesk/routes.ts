// /api/helpdesk: a support ticket's read-only, time-boxed access to named cases, approved by their
// centres (issue 14, Q&A 24). Case numbers go in a POST body, never in a URL.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HelpdeskCentreAccess, HelpdeskCentreList, HelpdeskDecision, HelpdeskOwnList, HelpdeskRequest, HelpdeskRequestResult } from '../../domain/api/helpdesk.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { decideHelpdeskAccess } from './decide.ts';
import { endHelpdeskAccess } from './end.ts';
import { centreHelpdeskAccesses, myHelpdeskAccesses, waitingCount } from './lists.ts';
import { requestHelpdeskAccess, type HelpdeskOptions } from './request.ts';

const tags = ['helpdesk'];

export const helpdeskRoutes = (db: Database, options: HelpdeskOptions): FastifyPluginAsyncZod => async (app) => {
  app.post('/helpdesk', {
    schema: {
      tags,
      summary: 'Ask the responsible centres for read-only, time-boxed access to cases named by HER-SYS ID, for a support ticket (helpdesk; the answer is alike whether a number names a case or not)',
      body: HelpdeskRequest,
      response: { 201: HelpdeskRequestResult },
    },
  }, async (request, reply) => reply.status(201).send(await requestHelpdeskAccess(db, contextOf(request), request.body, options)));

  app.get('/helpdesk/mine', {
    schema: { tags, summary: 'The helpdesk user’s own requests and accesses, newest first', response: { 200: HelpdeskOwnList } },
  }, async (request) => myHelpdeskAccesses(db, contextOf(request)));

  app.get('/helpdesk/centre', {
    schema: { tags, summary: 'The helpdesk accesses to the centre’s cases, each with the pages viewed under it (audited)', response: { 200: HelpdeskCentreList } },
  }, async (request) => centreHelpdeskAccesses(db, contextOf(request)));

  app.get('/helpdesk/centre/waiting', {
    schema: { tags, summary: 'How many helpdesk requests on the centre’s cases wait for its answer', response: { 200: z.object({ waiting: z.number().int().min(0) }) } },
  }, async (request) => waitingCount(db, contextOf(request)));

  app.post('/helpdesk/:id/decision', {
    schema: { tags, summary: 'Approve (the access starts now) or refuse a helpdesk request before it starts', params: IdParams, body: HelpdeskDecision, response: { 200: HelpdeskCentreAccess } },
  }, async (request) => decideHelpdeskAccess(db, contextOf(request), request.params.id, request.body.decision));

  app.post('/helpdesk/:id/end', {
    schema: { tags, summary: 'End a helpdesk access now (the responsible centre, at any time)', params: IdParams, response: { 200: HelpdeskCentreAccess } },
  }, async (request) => endHelpdeskAccess(db, contextOf(request), request.params.id));
};
