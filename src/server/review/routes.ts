// /api/review/…: the privacy officer's queue, alerts, evidence and decisions; the asked user's
// questions; /api/misuse-reports: the 通報窓口 (signed in, and public with a per-address limit like
// 陽性者登録's form); /api/cases/:id/sensitive: the responsible centre's mark.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AlertDecided,
  AlertDetail,
  AlertEvidence,
  AlertQuery,
  AlertQueue,
  AskBody,
  ConfirmBody,
  DismissBody,
  EscalateBody,
  MyReviewQuestions,
  PublicReportBody,
  ReportFiled,
  ReportOrganizations,
  ReviewAnswerBody,
  SensitiveBody,
  SensitiveMark,
  SignedInReportBody,
} from '../../domain/api/review.ts';
import { IdParams } from '../../domain/api/users.ts';
import { addressLimit } from '../auth/address-limit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import { contextOf } from '../http/session.ts';
import { alertEvidence, readAlert } from './alert.ts';
import { answerReviewQuestion, myReviewQuestions } from './asked.ts';
import { decide } from './decide.ts';
import { listAlerts } from './queue.ts';
import { filePublicReport, fileReport, reportOrganizations } from './report.ts';
import { changeMark, readMark } from './sensitive.ts';

const tags = ['access-review'];

export const reviewRoutes = (
  db: Database,
  config: Pick<Config, 'SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE'>,
  options: { rateWindowMs?: number } = {},
): FastifyPluginAsyncZod => async (app) => {
  app.get('/review/alerts', {
    schema: { tags, summary: 'The privacy officer’s queue: alerts of their tree, newest and highest score first, with counts per status (audited)', querystring: AlertQuery, response: { 200: AlertQueue } },
  }, async (request) => listAlerts(db, contextOf(request), request.query));

  app.get('/review/alerts/:id', {
    schema: { tags, summary: 'An alert: subject, rule hits, decisions, the report or patient question it carries — no patient’s personal data (audited)', params: IdParams, response: { 200: AlertDetail } },
  }, async (request) => readAlert(db, contextOf(request), request.params.id));

  app.get('/review/alerts/:id/evidence', {
    schema: { tags, summary: 'The evidence: audit rows, the cases touched with the persons’ identity and the explanation tried (audited as access_review.evidence)', params: IdParams, response: { 200: AlertEvidence } },
  }, async (request) => alertEvidence(db, contextOf(request), request.params.id));

  const decided = { 200: AlertDecided, 409: Problem };
  app.post('/review/alerts/:id/dismiss', {
    schema: { tags, summary: 'Dismiss with a reason (required)', params: IdParams, body: DismissBody, response: decided },
  }, async (request) => decide(db, contextOf(request), request.params.id, 'dismiss', { version: request.body.version, text: request.body.reason }));

  app.post('/review/alerts/:id/ask', {
    schema: { tags, summary: 'Ask the user for an explanation: they are e-mailed that a question waits (no personal data) and answer on their home screen', params: IdParams, body: AskBody, response: decided },
  }, async (request) => decide(db, contextOf(request), request.params.id, 'ask', { version: request.body.version, text: request.body.question }));

  app.post('/review/alerts/:id/escalate', {
    schema: { tags, summary: 'Escalate to the parent organisation, whose officers then hold the alert', params: IdParams, body: EscalateBody, response: decided },
  }, async (request) => decide(db, contextOf(request), request.params.id, 'escalate', { version: request.body.version, text: request.body.note }));

  app.post('/review/alerts/:id/confirm', {
    schema: { tags, summary: 'Confirm misuse (the incident register lists confirmed alerts)', params: IdParams, body: ConfirmBody, response: decided },
  }, async (request) => decide(db, contextOf(request), request.params.id, 'confirm', { version: request.body.version, text: request.body.note }));

  app.get('/review/my-questions', {
    schema: { tags, summary: 'Questions about the caller’s own accesses from a privacy officer, and their answers', response: { 200: MyReviewQuestions } },
  }, async (request) => myReviewQuestions(db, contextOf(request)));

  app.post('/review/my-questions/:id/answer', {
    schema: { tags, summary: 'Answer an officer’s question about one’s access: kept with the alert, which becomes answered', params: IdParams, body: ReviewAnswerBody, response: { 200: MyReviewQuestions.shape.questions.element, 409: Problem } },
  }, async (request) => answerReviewQuestion(db, contextOf(request), request.params.id, request.body.answer));

  // — 通報窓口 —
  const publicLimit = addressLimit(app, config.SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE, options.rateWindowMs ?? 60_000);

  app.get('/misuse-reports/organizations', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The prefectures a report goes to and the organisations it may name (public)', response: { 200: ReportOrganizations } },
  }, async () => reportOrganizations(db));

  app.post('/misuse-reports', {
    schema: { tags, summary: '通報窓口, signed in: report suspected misuse to one’s prefecture’s (and the ministry’s) privacy officers', body: SignedInReportBody, response: { 201: ReportFiled } },
  }, async (request, reply) => reply.status(201).send(await fileReport(db, contextOf(request), request.body)));

  app.post('/misuse-reports/public', {
    config: { auth: 'public' },
    onRequest: publicLimit.count,
    schema: { tags, summary: '通報窓口, public (no login, rate-limited per address): report suspected misuse to a prefecture’s privacy officers', body: PublicReportBody, response: { 201: ReportFiled, 429: Problem } },
  }, async (request, reply) => {
    publicLimit.refuseOver(request);
    return reply.status(201).send(await filePublicReport(db, request.ip ?? null, request.body));
  });

  // — the sensitive mark —
  app.get('/cases/:id/sensitive', {
    schema: { tags, summary: 'Whether the case’s person is marked sensitive, and whether the caller may change it (audited)', params: IdParams, response: { 200: SensitiveMark } },
  }, async (request) => readMark(db, contextOf(request), request.params.id));

  app.put('/cases/:id/sensitive', {
    schema: { tags, summary: 'Mark the person sensitive (public figure, staff, other): the responsible centre’s staff (audited)', params: IdParams, body: SensitiveBody, response: { 200: SensitiveMark } },
  }, async (request) => changeMark(db, contextOf(request), request.params.id, request.body.kind));

  app.delete('/cases/:id/sensitive', {
    schema: { tags, summary: 'Remove the sensitive mark (audited)', params: IdParams, response: { 200: SensitiveMark } },
  }, async (request) => changeMark(db, contextOf(request), request.params.id, null));
};
