// /api/statistics/*: counts without personal data for the ministry and the prefectures.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { InpatientStatistics } from '../../domain/api/hospital.ts';
import { Dashboard, DashboardQuery, StatisticsAreas } from '../../domain/api/statistics.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { dashboard, statisticsAreas } from './dashboard.ts';
import { dashboardCsv, dashboardWorkbook } from './dashboard-files.ts';
import { XLSX_TYPE, XlsxFile } from '../../domain/api/xlsx.ts';
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

  app.get('/statistics/areas', {
    schema: { tags, summary: 'The areas whose counts the reader may see: the ministry every prefecture and centre, a prefecture its centres, a centre its own', response: { 200: StatisticsAreas } },
  }, async (request) => statisticsAreas(db, contextOf(request)));

  app.get('/statistics/dashboard', {
    schema: {
      tags,
      summary: 'An area’s new cases by a date and a breakdown, its loads, deaths and tests over a period, and its centres or prefectures side by side; from the rollups, counts only (audited)',
      querystring: DashboardQuery,
      response: { 200: Dashboard },
    },
  }, async (request) => dashboard(db, contextOf(request), request.query));

  app.get('/statistics/dashboard.csv', {
    schema: {
      tags,
      summary: 'The same figures as CSV (UTF-8 with BOM, Japanese headers), one row per day (audited)',
      querystring: DashboardQuery,
      response: { 200: z.string().meta({ description: 'text/csv' }) },
    },
  }, async (request, reply) => {
    const d = await dashboard(db, contextOf(request), request.query);
    return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="counts-${d.from}-${d.to}.csv"`).send(dashboardCsv(d));
  });

  app.get('/statistics/dashboard.xlsx', {
    schema: { tags, summary: 'The same figures as an XLSX workbook in Japanese, with a sheet of definitions (audited)', querystring: DashboardQuery, response: { 200: XlsxFile } },
  }, async (request, reply) => {
    const d = await dashboard(db, contextOf(request), request.query);
    return reply.type(XLSX_TYPE).header('content-disposition', `attachment; filename="counts-${d.from}-${d.to}.xlsx"`).send(await dashboardWorkbook(d));
  });
};
