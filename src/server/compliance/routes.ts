// /api/compliance: the compliance report of seed 000 §2–4, as data for the screen and as XLSX.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ComplianceOrganizations, ComplianceQuery, ComplianceReport } from '../../domain/api/compliance.ts';
import { InspectionQuery, InspectionReport } from '../../domain/api/inspection.ts';
import { XLSX_TYPE, XlsxFile } from '../../domain/api/xlsx.ts';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { inspectionCsv, inspectionReport } from './inspection.ts';
import { complianceReport, reviewedOrganizations } from './report.ts';
import { complianceWorkbook } from './xlsx.ts';

const tags = ['compliance'];

export const complianceRoutes = (db: Database, config: Pick<Config, 'UNUSED_ID_DAYS'>): FastifyPluginAsyncZod => async (app) => {
  const options = { unusedIdDays: config.UNUSED_ID_DAYS };

  app.get('/compliance/organizations', {
    schema: { tags, summary: 'The organisations of the officer’s tree (theirs and those below it): for the report and for a new incident', response: { 200: ComplianceOrganizations } },
  }, async (request) => reviewedOrganizations(db, contextOf(request)));

  app.get('/compliance/report', {
    schema: { tags, summary: 'The report for an organisation and a period: counts, and how each was checked (audited)', querystring: ComplianceQuery, response: { 200: ComplianceReport } },
  }, async (request) => complianceReport(db, contextOf(request), request.query, options));

  app.get('/compliance/report.xlsx', {
    schema: { tags, summary: 'The same report as an XLSX workbook in Japanese (audited)', querystring: ComplianceQuery, response: { 200: XlsxFile } },
  }, async (request, reply) => {
    const report = await complianceReport(db, contextOf(request), request.query, options);
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="compliance-report.xlsx"').send(await complianceWorkbook(report));
  });

  app.get('/compliance/inspection', {
    schema: { tags, summary: '抜き打ち検査: every audited action of the contractors’ staff of an organisation in a period, the first rows (audited)', querystring: InspectionQuery, response: { 200: InspectionReport } },
  }, async (request) => inspectionReport(db, contextOf(request), request.query));

  app.get('/compliance/inspection.csv', {
    schema: { tags, summary: 'The same inspection as CSV, every row (audited)', querystring: InspectionQuery, response: { 200: z.string().meta({ description: 'text/csv; charset=utf-8, with a BOM' }) } },
  }, async (request, reply) =>
    reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="contractor-inspection.csv"').send(await inspectionCsv(db, contextOf(request), request.query)),
  );
};
