// /api/sentinel: sentinel sites (定点医療機関), their weekly reports and per-sentinel averages (issue 16).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CorrectSentinelReportBody,
  DesignateBody,
  DesignationListQuery,
  EndDesignationBody,
  FileSentinelReportBody,
  SentinelAverages,
  SentinelAveragesQuery,
  SentinelDesignation,
  SentinelDesignationList,
  SentinelReport,
  SentinelReportDetail,
  SentinelReportList,
  SentinelReportListQuery,
} from '../../domain/api/sentinel.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { sentinelAveragesFor } from './averages.ts';
import { correctSentinelReport } from './correct.ts';
import { designate, endDesignation, listDesignations } from './designations.ts';
import { fileSentinelReport } from './file.ts';
import { listSentinelReports, readSentinelReport } from './list.ts';

const tags = ['sentinel surveillance'];

export const sentinelRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/sentinel/designations', {
    schema: { tags, summary: 'Sentinel designations in scope; for the prefecture’s staff also its institutions', querystring: DesignationListQuery, response: { 200: SentinelDesignationList } },
  }, async (request) => listDesignations(db, contextOf(request), request.query));

  app.post('/sentinel/designations', {
    schema: { tags, summary: 'Designate a medical institution of one’s prefecture as a sentinel site from a day (overlapping designations answer 409)', body: DesignateBody, response: { 201: SentinelDesignation } },
  }, async (request, reply) => reply.status(201).send(await designate(db, contextOf(request), request.body)));

  app.patch('/sentinel/designations/:id', {
    schema: { tags, summary: 'End a designation: its last day (kept in the history)', params: IdParams, body: EndDesignationBody, response: { 200: SentinelDesignation } },
  }, async (request) => endDesignation(db, contextOf(request), request.params.id, request.body));

  app.get('/sentinel/reports', {
    schema: { tags, summary: 'Weekly reports in scope of recent weeks (an institution: its own, with its designations)', querystring: SentinelReportListQuery, response: { 200: SentinelReportList } },
  }, async (request) => listSentinelReports(db, contextOf(request), request.query));

  app.post('/sentinel/reports', {
    schema: { tags, summary: 'File the designated institution’s counts of a week (one per kind and week; a second answers 409)', body: FileSentinelReportBody, response: { 201: SentinelReport } },
  }, async (request, reply) => reply.status(201).send(await fileSentinelReport(db, contextOf(request), request.body)));

  app.get('/sentinel/reports/:id', {
    schema: { tags, summary: 'A weekly report with the history of its filing and corrections', params: IdParams, response: { 200: SentinelReportDetail } },
  }, async (request) => readSentinelReport(db, contextOf(request), request.params.id));

  app.patch('/sentinel/reports/:id', {
    schema: { tags, summary: 'Correct a weekly report: the institution until it is due, the prefecture any time with a reason', params: IdParams, body: CorrectSentinelReportBody, response: { 200: SentinelReport } },
  }, async (request) => correctSentinelReport(db, contextOf(request), request.params.id, request.body));

  app.get('/sentinel/averages', {
    schema: { tags, summary: 'Per-sentinel averages (定点当たり報告数) and alert levels by prefecture and week: one’s prefecture, or all and the nation for the ministry', querystring: SentinelAveragesQuery, response: { 200: SentinelAverages } },
  }, async (request) => sentinelAveragesFor(db, contextOf(request), request.query));
};
