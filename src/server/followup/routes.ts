// /api/cases/:id/status, residences, responsibility (transfer, related centres, assignments).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Assignment,
  AssignmentBody,
  CaseStatusView,
  RelatedCentreBody,
  RelatedCentreParams,
  Residence,
  ResidenceBody,
  Residences,
  ResidenceUpdateBody,
  Responsibility,
  StatusChangeBody,
  Transfer,
  TransferBody,
  TransferQuery,
  Transfers,
} from '../../domain/api/followup.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as residences from './residences.ts';
import * as responsibility from './responsibility.ts';
import * as status from './status.ts';

const tags = ['follow-up'];
const Done = z.object({ ok: z.literal(true) });

export const followupRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/cases/:id/status', {
    schema: { tags, summary: '記録タブ: the current status and every change (audited)', params: IdParams, response: { 200: CaseStatusView } },
  }, async (request) => status.caseStatus(db, contextOf(request), request.params.id));

  app.post('/cases/:id/status', {
    schema: {
      tags,
      summary: 'Change the current status: the health centre any (a final one with a reason); a hospital, facility or follow-up centre its own cases’ moves',
      params: IdParams,
      body: StatusChangeBody,
      response: { 200: CaseStatusView },
    },
  }, async (request) => status.changeStatus(db, contextOf(request), request.params.id, request.body));

  app.get('/cases/:id/residences', {
    schema: { tags, summary: '居所: where the person stays, newest first (audited)', params: IdParams, response: { 200: Residences } },
  }, async (request) => residences.listResidences(db, contextOf(request), request.params.id));

  app.post('/cases/:id/residences', {
    schema: {
      tags,
      summary: 'A new stay; the open one ends that day. A facility or hospital stay gives its staff access for the stay',
      params: IdParams,
      body: ResidenceBody,
      response: { 201: Residence },
    },
  }, async (request, reply) => reply.status(201).send(await residences.addResidence(db, contextOf(request), request.params.id, request.body)));

  app.patch('/residences/:id', {
    schema: { tags, summary: 'Correct or end a stay (ending it ends the access it gave)', params: IdParams, body: ResidenceUpdateBody, response: { 200: Residence } },
  }, async (request) => residences.updateResidence(db, contextOf(request), request.params.id, request.body));

  app.get('/cases/:id/responsibility', {
    schema: { tags, summary: 'Responsible and related centres, assignments and transfers (Q&A 4)', params: IdParams, response: { 200: Responsibility } },
  }, async (request) => responsibility.responsibility(db, contextOf(request), request.params.id));

  app.post('/cases/:id/transfer', {
    schema: {
      tags,
      summary: 'Transfer the case to another health centre, with a reason (responsible centre only); access moves at once',
      params: IdParams,
      body: TransferBody,
      response: { 201: Transfer },
    },
  }, async (request, reply) => reply.status(201).send(await responsibility.transfer(db, contextOf(request), request.params.id, request.body)));

  app.get('/transfers', {
    schema: { tags, summary: 'The centre’s transfers: given away (out) or received (in)', querystring: TransferQuery, response: { 200: Transfers } },
  }, async (request) => responsibility.listTransfers(db, contextOf(request), request.query.direction));

  app.post('/cases/:id/related-centres', {
    schema: { tags, summary: 'Share the case with a related health centre (responsible centre only)', params: IdParams, body: RelatedCentreBody, response: { 201: Done } },
  }, async (request, reply) => {
    await responsibility.addRelatedCentre(db, contextOf(request), request.params.id, request.body.hcId);
    return reply.status(201).send({ ok: true as const });
  });

  app.delete('/cases/:id/related-centres/:hcId', {
    schema: { tags, summary: 'Stop sharing the case with a related centre', params: RelatedCentreParams, response: { 200: Done } },
  }, async (request) => {
    await responsibility.removeRelatedCentre(db, contextOf(request), request.params.id, request.params.hcId);
    return { ok: true as const };
  });

  app.post('/cases/:id/assignments', {
    schema: { tags, summary: 'Assign the case to a follow-up centre (C), which then sees it', params: IdParams, body: AssignmentBody, response: { 201: Assignment } },
  }, async (request, reply) => reply.status(201).send(await responsibility.assignFollowup(db, contextOf(request), request.params.id, request.body)));

  app.post('/assignments/:id/end', {
    schema: { tags, summary: 'End a follow-up centre’s assignment now', params: IdParams, response: { 200: Done } },
  }, async (request) => {
    await responsibility.endAssignment(db, contextOf(request), request.params.id);
    return { ok: true as const };
  });
};
