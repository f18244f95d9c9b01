// /api/extracts: pseudonymised extracts for analysis and third parties (issue 14, Q&A 21–22), and
// their log. The request travels in a POST body; the files come back in its answer.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ExtractList, ExtractRequest, ExtractResult } from '../../domain/api/extracts.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { createExtract } from './create.ts';
import { listExtracts } from './list.ts';

const tags = ['extracts'];

export const extractRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.post('/extracts', {
    schema: {
      tags,
      summary:
        'Make a pseudonymised extract of the cases in one’s scope reported in a period: per-extract pseudonyms (the key is not kept), the chosen quasi-identifiers generalised and k-anonymous (rows of smaller classes suppressed), the analysis fields, and a data dictionary (health-centre and prefecture staff; logged with purpose and recipient; audited)',
      body: ExtractRequest,
      response: { 201: ExtractResult },
    },
  }, async (request, reply) => reply.status(201).send(await createExtract(db, contextOf(request), request.body)));

  app.get('/extracts', {
    schema: { tags, summary: 'The log of extracts of one’s organisation (the privacy officer: of its tree), newest first', response: { 200: ExtractList } },
  }, async (request) => listExtracts(db, contextOf(request)));
};
