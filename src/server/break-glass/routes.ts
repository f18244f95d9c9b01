// /api/break-glass: emergency access to a case outside one's scope (issue 14). The search goes in a
// POST body, never in a URL.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BreakGlassGrant, BreakGlassList, BreakGlassReasonList, BreakGlassRequest, BreakGlassResult } from '../../domain/api/break-glass.ts';
import { IdParams } from '../../domain/api/users.ts';
import { BREAK_GLASS_REASONS } from '../../domain/privacy/break-glass.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { endBreakGlass } from './end.ts';
import { centreGrants, markGrantSeen, myGrants, unseenCount } from './lists.ts';
import { requestBreakGlass, type BreakGlassOptions } from './request.ts';

const tags = ['break-the-glass'];

export const breakGlassRoutes = (db: Database, options: BreakGlassOptions): FastifyPluginAsyncZod => async (app) => {
  app.get('/break-glass/reasons', {
    schema: { tags, summary: 'The reasons one may state, with ja/en labels and whether each allows writing', response: { 200: BreakGlassReasonList } },
  }, async () => BREAK_GLASS_REASONS.map((r) => ({ ...r })));

  app.post('/break-glass', {
    schema: {
      tags,
      summary: 'Find a case outside one’s scope by HER-SYS ID or exact full name and date of birth, and take a time-limited grant on each case found (doctors, health-centre staff; audited; the responsible centre is told at once)',
      body: BreakGlassRequest,
      response: { 201: BreakGlassResult },
    },
  }, async (request, reply) => reply.status(201).send(await requestBreakGlass(db, contextOf(request), request.body, options)));

  app.get('/break-glass/mine', {
    schema: { tags, summary: 'The user’s own grants, newest first', response: { 200: BreakGlassList } },
  }, async (request) => myGrants(db, contextOf(request)));

  app.post('/break-glass/:id/end', {
    schema: { tags, summary: 'End one’s grant before it expires', params: IdParams, response: { 200: BreakGlassGrant } },
  }, async (request) => endBreakGlass(db, contextOf(request), request.params.id));

  app.get('/break-glass/centre', {
    schema: { tags, summary: 'The grants on the centre’s cases: who, when, why, until (audited)', response: { 200: BreakGlassList } },
  }, async (request) => centreGrants(db, contextOf(request)));

  app.get('/break-glass/centre/unseen', {
    schema: { tags, summary: 'How many grants on the centre’s cases no one there has marked seen', response: { 200: z.object({ unseen: z.number().int().min(0) }) } },
  }, async (request) => unseenCount(db, contextOf(request)));

  app.post('/break-glass/:id/seen', {
    schema: { tags, summary: 'Mark a grant on the centre’s case as seen', params: IdParams, response: { 200: BreakGlassGrant } },
  }, async (request) => markGrantSeen(db, contextOf(request), request.params.id));
};
