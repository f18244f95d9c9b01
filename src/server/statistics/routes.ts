// /api/statistics/*: counts without personal data for the ministry and the prefectures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { InpatientStatistics } from '../../domain/api/hospital.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as statistics from './service.ts';

const tags = ['statistics'];

export const statisticsRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/statistics/inpatients', {
    schema: {
      tags,
      summary: 'Inpatients by prefecture and current severity (Q&A 9, 15): the ministry all prefectures, a prefecture its own; counts only (audited)',
      response: { 200: InpatientStatistics },
    },
  }, async (request) => statistics.inpatientStatistics(db, contextOf(request)));
};
