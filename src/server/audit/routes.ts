// /api/audit: the audit trail for reviewers.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditPage, AuditQuery } from '../../domain/api/audit.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { readAudit } from './service.ts';

export const auditRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Audit entries of one’s own organisation and those it issues IDs for, newest first',
      querystring: AuditQuery,
      response: { 200: AuditPage },
    },
  }, async (request) => readAudit(db, contextOf(request), request.query));
};
