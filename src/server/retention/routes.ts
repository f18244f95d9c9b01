// /api/retention: the retention job's runs and what is due next (issue 14), counts only.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { RetentionOverview } from '../../domain/api/retention.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { retentionOverview, type RetentionSettings } from './overview.ts';

const tags = ['retention'];

export const retentionRoutes = (db: Database, settings: RetentionSettings): FastifyPluginAsyncZod => async (app) => {
  app.get('/retention', {
    schema: {
      tags,
      summary: 'The retention job’s newest runs (started, finished, persons processed, dry run or not) and how many persons are due now and when the next one is (privacy officers; the ministry’s or a prefecture’s administrator)',
      response: { 200: RetentionOverview },
    },
  }, async (request) => retentionOverview(db, contextOf(request), settings));
};
