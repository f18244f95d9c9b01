// /api/bulk-uploads (issue 15): the template, uploading a CSV or XLSX of notifications, checking
// its rows in chunks, the preview, fixing a row, registering the rows that are ready, discarding.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  BulkRow,
  BulkRowParams,
  BulkUploadCreated,
  BulkUploadDetail,
  BulkUploadDiscarded,
  BulkUploadIdParams,
  BulkUploadList,
  CheckProgress,
  RegisterRowsBody,
  RegisterRowsResult,
  RowEditBody,
  TemplateQuery,
  UploadBody,
} from '../../domain/api/bulk-uploads.ts';
import { XLSX_TYPE } from '../../domain/api/xlsx.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { requirePermission } from '../access/actor.ts';
import { checkNext } from './check.ts';
import { discardUpload } from './discard.ts';
import { editRow } from './edit-row.ts';
import { listUploads, readUpload } from './read.ts';
import { registerRows } from './register.ts';
import { requireDisease } from '../notifications/forms.ts';
import { templateColumns } from './rows.ts';
import { sampleCsv } from './sample.ts';
import { templateCsv, templateXlsx } from './template.ts';
import { uploadFile } from './upload.ts';

const tags = ['bulk-uploads'];
const File = z.any().meta({ description: `text/csv (UTF-8 with BOM) or ${XLSX_TYPE}, as an attachment` });
/** base64 of a 5 MB file and the rest of the body. */
const UPLOAD_BODY_LIMIT = 8 * 1024 * 1024;

export const bulkUploadRoutes = (db: Database, config: Pick<Config, 'PUBLIC_URL'>): FastifyPluginAsyncZod => async (app) => {
  const links = { publicUrl: config.PUBLIC_URL };

  app.get('/bulk-uploads/template', {
    schema: { tags, summary: 'The template of the disease’s form version in force: CSV (UTF-8 with BOM) or XLSX with a sheet of value lists and drop-downs; headings in ja or en', querystring: TemplateQuery, response: { 200: File } },
  }, async (request, reply) => {
    requirePermission(contextOf(request).actor, 'cases.register');
    const { format, lang, disease } = request.query;
    requireDisease(disease, ['querystring', 'disease']);
    const { form, columns } = templateColumns(disease);
    const name = `hersys-bulk-upload-${form.formId}-${form.version}-${lang}.${format}`;
    const file = format === 'csv' ? templateCsv(columns, lang) : await templateXlsx(columns, lang, form.version);
    return reply
      .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
      .header('content-disposition', `attachment; filename="${name}"`)
      .send(file);
  });

  app.get('/bulk-uploads/sample', {
    schema: { tags, summary: 'A demo file: 200 fictional notifications in the template’s columns, a few of them with errors to fix', response: { 200: File } },
  }, async (request, reply) => {
    requirePermission(contextOf(request).actor, 'cases.register');
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="hersys-bulk-upload-sample.csv"').send(sampleCsv());
  });

  app.post('/bulk-uploads', {
    bodyLimit: UPLOAD_BODY_LIMIT,
    schema: {
      tags,
      summary: 'Upload a CSV or XLSX of notifications (at most 5,000 rows, 5 MB); the same file again answers the upload it made (200, existing)',
      body: UploadBody,
      response: { 200: BulkUploadCreated, 201: BulkUploadCreated },
    },
  }, async (request, reply) => {
    const r = await uploadFile(db, contextOf(request), request.body);
    return reply.status(r.existing ? 200 : 201).send(r);
  });

  app.get('/bulk-uploads', {
    schema: { tags, summary: 'The organisation’s uploads, newest first, with their counts', response: { 200: BulkUploadList } },
  }, async (request) => listUploads(db, contextOf(request)));

  app.post('/bulk-uploads/:id/check', {
    schema: { tags, summary: 'Check the next rows (up to 250) with the form’s checks and the duplicate search; call again until done', params: BulkUploadIdParams, response: { 200: CheckProgress } },
  }, async (request) => checkNext(db, contextOf(request), request.params.id));

  app.get('/bulk-uploads/:id', {
    schema: { tags, summary: 'An upload with its rows, their problems at the cells and likely duplicates (audited)', params: BulkUploadIdParams, response: { 200: BulkUploadDetail } },
  }, async (request) => readUpload(db, contextOf(request), request.params.id));

  app.delete('/bulk-uploads/:id', {
    schema: {
      tags,
      summary: 'Discard an upload: its rows not registered are deleted with the values typed; registered rows keep their case and masked name (audited)',
      params: BulkUploadIdParams,
      response: { 200: BulkUploadDiscarded },
    },
  }, async (request) => discardUpload(db, contextOf(request), request.params.id));

  app.patch('/bulk-uploads/:id/rows/:rowNo', {
    schema: { tags, summary: 'Fix a row’s cells or decide on its likely duplicate; the row is checked again', params: BulkRowParams, body: RowEditBody, response: { 200: BulkRow } },
  }, async (request) => editRow(db, contextOf(request), request.params.id, request.params.rowNo, request.body));

  app.post('/bulk-uploads/:id/register', {
    config: { ownTransactions: true },
    schema: {
      tags,
      summary: 'Register the rows that are ready, each in its own transaction (and submit them, for those who may); rows with errors stay; call again while some remain',
      params: BulkUploadIdParams,
      body: RegisterRowsBody,
      response: { 200: RegisterRowsResult },
    },
  }, async (request) => registerRows(db, contextOf(request), request.params.id, request.body, links, request.log));
};
