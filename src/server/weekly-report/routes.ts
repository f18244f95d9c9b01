// /api/weekly-report: the weekly surveillance report (感染症発生動向調査週報) as JSON and as PDF.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../domain/api/problem.ts';
import { WeeklyReport, WeeklyReportQuery } from '../../domain/api/weekly-report.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { problem } from '../http/problem.ts';
import { PdfFontUnavailable, weeklyReportPdf } from './pdf.ts';
import { weeklyReport } from './read.ts';

const tags = ['weekly-report'];

export const weeklyReportRoutes = (db: Database, options: { pdfFont: string }): FastifyPluginAsyncZod => async (app) => {
  app.get('/weekly-report', {
    schema: {
      tags,
      summary: 'The weekly surveillance report of a prefecture or the nation: per disease this week, cumulative, last year’s same week, 12 weeks; by age group; counts only (audited)',
      querystring: WeeklyReportQuery,
      response: { 200: WeeklyReport },
    },
  }, async (request) => weeklyReport(db, contextOf(request), request.query));

  app.get('/weekly-report.pdf', {
    schema: {
      tags,
      summary: 'The same report as a PDF in Japanese (A4); 503 pdf_font_unavailable when the server has no Japanese font (HERSYS_PDF_FONT) (audited)',
      querystring: WeeklyReportQuery,
      response: { 200: z.any().meta({ description: 'application/pdf, as an attachment' }), 503: Problem },
    },
  }, async (request, reply) => {
    const report = await weeklyReport(db, contextOf(request), request.query);
    try {
      const pdf = await weeklyReportPdf(report, options.pdfFont);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="weekly-report-${report.week}-${report.scope.prefecture}.pdf"`).send(pdf);
    } catch (err) {
      if (!(err instanceof PdfFontUnavailable)) throw err;
      request.log.warn('weekly report PDF: the configured font file cannot be read (HERSYS_PDF_FONT)');
      return reply.code(503).send(problem(503, 'pdf_font_unavailable'));
    }
  });
};
