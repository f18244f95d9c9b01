// My HER-SYS (issue 11). /api/my: the patient's sign-in, home, daily report, reminder time and "who
// opened my record" (cookie hersys_patient); /api/cases/:id/patient-…: staff invite, pause
// reminders and link households; /api/access-questions: administrators answer patients' questions.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AccessAnswerBody,
  AccessQuestion,
  AccessQuestionAsked,
  AccessQuestionBody,
  AccessQuestions,
  CasePatientAccess,
  HouseholdBody,
  InvitationBody,
  PatientAccesses,
  PatientCodeBody,
  PatientCodeSent,
  PatientHome,
  PatientSignInBody,
  ReminderTimeBody,
  RemindersBody,
  SelfReportBody,
  SelfReportResult,
  SelfReports,
} from '../../domain/api/my.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { RedFlagThresholds } from '../../domain/red-flags.ts';
import { addressLimit } from '../auth/address-limit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import { clientOf, contextOf, PATIENT_COOKIE, patientContextOf, setPatientCookie } from '../http/session.ts';
import { askAboutAccess, patientAccesses } from './accesses.ts';
import { patientHome } from './home.ts';
import { invitePatient } from './invite.ts';
import { caseAccessOf, setHousehold, setReminders } from './manage.ts';
import { answerQuestion, listQuestions } from './questions.ts';
import { selfReports, setReminderTime, submitSelfReport } from './report.ts';
import { signOut, startSignIn, verifySignInCode } from './sign-in.ts';

const tags = ['my-hersys'];
const security = [{ patientSession: [], csrf: [] }];

export const myRoutes =
  (db: Database, config: Config, redFlags: RedFlagThresholds, options: { rateWindowMs?: number } = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const deps = { db, config };
    const limit = () => addressLimit(app, config.LOGIN_RATE_LIMIT_PER_MINUTE, options.rateWindowMs ?? 60_000);
    const [idLimit, codeLimit] = [limit(), limit()];
    const links = { publicUrl: config.PUBLIC_URL };

    // — the patient —

    app.post('/my/sign-in', {
      config: { auth: 'public' },
      onRequest: idLimit.count,
      schema: {
        tags,
        security: [{ csrf: [] }],
        summary: 'Sign in, step 1: スマホ入力ID and date of birth; a one-time code goes to the e-mail address or mobile phone on the case',
        body: PatientSignInBody,
        response: { 200: PatientCodeSent, 401: Problem.describe('sign_in_failed: the ID or the date of birth is wrong (which is not said)') },
      },
    }, async (request, reply) => {
      const { token, ...sent } = await startSignIn(db, config, clientOf(request), request.body, idLimit.of(request));
      setPatientCookie(reply, deps, token);
      return { ...sent, expiresAt: sent.expiresAt.toISOString() };
    });

    app.post('/my/sign-in/code', {
      config: { auth: 'public' },
      onRequest: codeLimit.count,
      schema: { tags, security: [{ csrf: [] }], summary: 'Sign in, step 2: the one-time code', body: PatientCodeBody, response: { 200: z.object({ ok: z.literal(true) }) } },
    }, async (request, reply) => {
      const { token } = await verifySignInCode(db, config, clientOf(request), request.cookies[PATIENT_COOKIE] ?? '', request.body.code, codeLimit.of(request));
      setPatientCookie(reply, deps, token);
      return { ok: true as const };
    });

    app.post('/my/sign-out', {
      config: { auth: 'public' },
      schema: { tags, security: [{ csrf: [] }], summary: 'Sign out of My HER-SYS', response: { 204: z.null() } },
    }, async (request, reply) => {
      const token = request.cookies[PATIENT_COOKIE];
      if (token) await signOut(db, clientOf(request), token);
      reply.clearCookie(PATIENT_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    });

    app.get('/my', {
      config: { auth: 'patient' },
      schema: { tags, security, summary: 'The patient’s cases (their own, then household dependants) with isolation dates, today’s report and the centre', response: { 200: PatientHome } },
    }, async (request) => patientHome(db, config, patientContextOf(request)));

    app.post('/my/reports', {
      config: { auth: 'patient' },
      schema: {
        tags,
        security,
        summary: 'Today’s report for one of the patient’s cases; red flags raise the centre’s alert at once',
        body: SelfReportBody,
        response: { 201: SelfReportResult, 409: Problem.describe('already_reported_today (correct it with PUT /api/my/reports/today) or not_under_observation') },
      },
    }, async (request, reply) => reply.status(201).send(await submitSelfReport(db, patientContextOf(request), request.body, redFlags)));

    app.put('/my/reports/today', {
      config: { auth: 'patient' },
      schema: { tags, security, summary: 'Correct today’s report (the same day only)', body: SelfReportBody, response: { 200: SelfReportResult } },
    }, async (request) => submitSelfReport(db, patientContextOf(request), request.body, redFlags, true));

    app.get('/my/reports', {
      config: { auth: 'patient' },
      schema: { tags, security, summary: 'The patient’s reports of the last 30 days for one case', querystring: z.object({ caseId: z.uuid() }), response: { 200: SelfReports } },
    }, async (request) => selfReports(db, patientContextOf(request), request.query.caseId));

    app.put('/my/reminder-time', {
      config: { auth: 'patient' },
      schema: { tags, security, summary: 'The time of the daily reminder (null: the centre’s)', body: ReminderTimeBody, response: { 204: z.null() } },
    }, async (request, reply) => {
      await setReminderTime(db, patientContextOf(request), request.body.caseId, request.body.reminderTime);
      return reply.status(204).send(null);
    });

    app.get('/my/accesses', {
      config: { auth: 'patient' },
      schema: {
        tags,
        security,
        summary: 'Who opened my record: accesses by staff, by organisation and role, with what and why',
        querystring: z.object({ before: z.coerce.number().int().positive().optional() }),
        response: { 200: PatientAccesses },
      },
    }, async (request) => patientAccesses(db, patientContextOf(request), request.query.before ?? null));

    app.post('/my/accesses/:seq/question', {
      config: { auth: 'patient' },
      schema: {
        tags,
        security,
        summary: 'Ask the organisation that made an access about it',
        params: z.object({ seq: z.coerce.number().int().positive() }),
        body: AccessQuestionBody,
        response: { 201: AccessQuestionAsked },
      },
    }, async (request, reply) => reply.status(201).send(await askAboutAccess(db, patientContextOf(request), request.params.seq, request.body.question)));

    // — staff —

    app.get('/cases/:id/patient-access', {
      schema: { tags, summary: 'The case’s My HER-SYS: invitation, reminders, household', params: IdParams, response: { 200: CasePatientAccess } },
    }, async (request) => caseAccessOf(db, contextOf(request), request.params.id));

    app.post('/cases/:id/patient-invitation', {
      schema: {
        tags,
        summary: 'Invite the patient to My HER-SYS by e-mail or SMS (the link and the スマホ入力ID, no personal data); again to resend',
        params: IdParams,
        body: InvitationBody,
        response: { 201: CasePatientAccess },
      },
    }, async (request, reply) => reply.status(201).send(await invitePatient(db, contextOf(request), request.params.id, request.body, links)));

    app.post('/cases/:id/patient-access/reminders', {
      schema: { tags, summary: 'Pause or resume the case’s daily reminders', params: IdParams, body: RemindersBody, response: { 200: CasePatientAccess } },
    }, async (request) => setReminders(db, contextOf(request), request.params.id, request.body.paused));

    app.put('/cases/:id/household', {
      schema: { tags, summary: 'Link the case to the household member who reports for it (null: unlink)', params: IdParams, body: HouseholdBody, response: { 200: CasePatientAccess } },
    }, async (request) => setHousehold(db, contextOf(request), request.params.id, request.body.headCaseId));

    app.get('/access-questions', {
      schema: { tags, summary: 'Patients’ questions about accesses by the organisations one administers', response: { 200: AccessQuestions } },
    }, async (request) => listQuestions(db, contextOf(request)));

    app.post('/access-questions/:id/answer', {
      schema: { tags, summary: 'Answer a patient’s question', params: IdParams, body: AccessAnswerBody, response: { 200: AccessQuestion } },
    }, async (request) => answerQuestion(db, contextOf(request), request.params.id, request.body.answer));
  };
