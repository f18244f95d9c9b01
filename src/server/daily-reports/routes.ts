// /api/daily-reports: the daily aggregate report (日次報告, issue 13).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AreaDailyReports,
  CorrectDailyReportBody,
  DailyReport,
  DailyReportDayQuery,
  DailyReportDetail,
  DailyReportList,
  DailyReportListQuery,
  ExpectedAnswer,
  ExpectedBody,
  FileDailyReportBody,
  InstitutionParams,
} from '../../domain/api/daily-reports.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { correctDailyReport } from './correct.ts';
import { setExpected } from './expected.ts';
import { fileDailyReport } from './file.ts';
import { listDailyReports, readDailyReport } from './list.ts';
import { areaDailyReports } from './monitor.ts';

const tags = ['daily reports'];

export const dailyReportRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/daily-reports', {
    schema: { tags, summary: 'Reports in scope between two days (an institution: its own)', querystring: DailyReportListQuery, response: { 200: DailyReportList } },
  }, async (request) => listDailyReports(db, contextOf(request), request.query));

  app.post('/daily-reports', {
    schema: { tags, summary: 'File the institution’s counts of a day (one report per day; a second answers 409)', body: FileDailyReportBody, response: { 201: DailyReport } },
  }, async (request, reply) => reply.status(201).send(await fileDailyReport(db, contextOf(request), request.body)));

  app.get('/daily-reports/area', {
    schema: { tags, summary: 'A day’s reports of the centre’s area (or the prefecture’s): on time, late, missing, overlap flags', querystring: DailyReportDayQuery, response: { 200: AreaDailyReports } },
  }, async (request) => areaDailyReports(db, contextOf(request), request.query));

  app.put('/daily-reports/expected/:institutionId', {
    schema: { tags, summary: 'Mark an institution of the area as filing every day, or no longer', params: InstitutionParams, body: ExpectedBody, response: { 200: ExpectedAnswer } },
  }, async (request) => setExpected(db, contextOf(request), request.params.institutionId, request.body.expected));

  app.get('/daily-reports/:id', {
    schema: { tags, summary: 'A report with the history of its filing and corrections', params: IdParams, response: { 200: DailyReportDetail } },
  }, async (request) => readDailyReport(db, contextOf(request), request.params.id));

  app.patch('/daily-reports/:id', {
    schema: { tags, summary: 'Correct a report: the institution on its day, the prefecture any day with a reason', params: IdParams, body: CorrectDailyReportBody, response: { 200: DailyReport } },
  }, async (request) => correctDailyReport(db, contextOf(request), request.params.id, request.body));
};
