// /api/permission-reviews: 権限の棚卸し — the administrator's campaigns, one campaign's IDs, a
// decision on one ID, and the interval the issuing organisation sets.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CampaignDetail,
  CampaignList,
  CampaignParams,
  DecisionAnswer,
  DecisionBody,
  ItemParams,
  ReviewSettingsBody,
} from '../../domain/api/permission-reviews.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { decide } from './decide.ts';
import { listCampaigns, showCampaign } from './list.ts';
import { setReviewMonths } from './settings.ts';

const tags = ['permission-reviews'];

export const permissionReviewRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/permission-reviews', {
    schema: {
      tags,
      summary: 'Permission reviews of one’s organisation and of those it issues IDs for; overdue ones escalated to one’s organisation are flagged',
      response: { 200: CampaignList },
    },
  }, async (request) => listCampaigns(db, contextOf(request)));

  app.get('/permission-reviews/:id', {
    schema: {
      tags,
      summary: 'One review: every ID active at opening with its roles, last login, case records opened in the period (a count) and the decision (audited)',
      params: CampaignParams,
      response: { 200: CampaignDetail },
    },
  }, async (request) => showCampaign(db, contextOf(request), request.params.id));

  app.post('/permission-reviews/:id/items/:userId/decision', {
    schema: {
      tags,
      summary: 'Confirm an ID, revoke some of its roles, or suspend it: takes effect at once, audited; the last decision completes the review',
      params: ItemParams,
      body: DecisionBody,
      response: { 200: DecisionAnswer },
    },
  }, async (request) => decide(db, contextOf(request), request.params.id, request.params.userId, request.body));

  app.put('/permission-reviews/settings/:id', {
    schema: {
      tags,
      summary: 'Months between the reviews of an organisation one issues IDs for (default 3)',
      params: IdParams,
      body: ReviewSettingsBody,
      response: { 204: z.null() },
    },
  }, async (request, reply) => {
    await setReviewMonths(db, contextOf(request), request.params.id, request.body);
    return reply.status(204).send(null);
  });
};
