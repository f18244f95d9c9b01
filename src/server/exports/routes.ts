// /api/exports (issue 14): ask for an export, approve another's, list one's own, fetch the file once.
// Asking and fetching keep their own transactions: a refusal outside the allowed networks is audited
// and committed although the answer is a 403, and the file streams from a cursor of its own.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { ExportDecision, ExportFetch, ExportList, ExportOptionsView, ExportRequest, ExportView } from '../../domain/api/exports.ts';
import { IdParams } from '../../domain/api/users.ts';
import { XlsxFile } from '../../domain/api/xlsx.ts';
import { EXPORT_REASONS } from '../../domain/privacy/exports.ts';
import type { Database } from '../db/database.ts';
import { IdempotencyHeaders, idempotencyKeyOf } from '../http/idempotency.ts';
import { contextOf } from '../http/session.ts';
import { decideExport } from './decide.ts';
import { fetchExport } from './fetch.ts';
import { myExports, pendingApprovals } from './lists.ts';
import type { ExportOptions } from './options.ts';
import { requestExport } from './request.ts';

const tags = ['exports'];
const ownTransactions = { ownTransactions: true } as const;

export const exportRoutes = (db: Database, options: ExportOptions): FastifyPluginAsyncZod => async (app) => {
  app.get('/exports/options', {
    schema: { tags, summary: 'The reasons one may state for an export (ja/en) and the rows above which a second person approves', response: { 200: ExportOptionsView } },
  }, async () => ({ reasons: EXPORT_REASONS.map((r) => ({ ...r })), threshold: options.threshold }));

  app.post('/exports', {
    config: ownTransactions,
    schema: {
      tags,
      summary: 'Ask for a CSV or XLSX export of the case list or the line list in one’s scope, with a reason (audited; above the threshold a second person of the organisation approves; only from the allowed networks)',
      headers: IdempotencyHeaders,
      body: ExportRequest,
      response: { 201: ExportView },
    },
  }, async (request, reply) => reply.status(201).send(await requestExport(db, contextOf(request), request.body, idempotencyKeyOf(request), options)));

  app.get('/exports/mine', {
    schema: { tags, summary: 'The user’s own exports, newest first', response: { 200: ExportList } },
  }, async (request) => myExports(db, contextOf(request)));

  app.get('/exports/approvals', {
    schema: { tags, summary: 'The organisation’s exports waiting for a second person (not one’s own)', response: { 200: ExportList } },
  }, async (request) => pendingApprovals(db, contextOf(request)));

  app.post('/exports/:id/decision', {
    schema: { tags, summary: 'Approve or refuse another’s export of the organisation (audited)', params: IdParams, body: ExportDecision, response: { 200: ExportView } },
  }, async (request) => decideExport(db, contextOf(request), request.params.id, request.body.approve, options));

  app.post('/exports/:id/file', {
    config: ownTransactions,
    schema: {
      tags,
      summary: 'Fetch the file, once, within 24 hours of it being ready (the password of an encrypted XLSX in the body; audited; only from the allowed networks)',
      params: IdParams,
      body: ExportFetch,
      response: { 200: XlsxFile.meta({ description: 'text/csv or an XLSX workbook, as an attachment: a header block with who, when, why and the export id, a check code on every row' }) },
    },
  }, async (request, reply) => {
    const body = new PassThrough();
    const file = await fetchExport(db, contextOf(request), request.params.id, request.body.password, options, body);
    file.done.catch((err) => request.log.error({ err }, 'export fetch failed'));
    return reply
      .header('content-type', file.contentType)
      .header('content-disposition', `attachment; filename="${file.fileName}"`)
      .header('cache-control', 'no-store')
      .send(body);
  });
};
