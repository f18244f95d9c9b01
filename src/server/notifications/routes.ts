// /api/cases/:caseId/notifications and /api/notifications: the 発生届 — draft, read, submit, confirm,
// correct, withdraw, and the history of corrections.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  CaseIdParams,
  ConfirmedNotification,
  ConfirmNotificationBody,
  CorrectNotificationBody,
  CreateNotificationBody,
  Notification,
  NotificationHistory,
  NotificationIdParams,
  SubmitNotificationBody,
  UpdateNotificationBody,
  WithdrawNotificationBody,
} from '../../domain/api/notifications.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { Problem } from '../http/problem.ts';
import { contextOf } from '../http/session.ts';
import { confirmNotification } from './confirm.ts';
import { correctNotification } from './correct.ts';
import { createDraft, updateDraft } from './draft.ts';
import { notificationHistory } from './history.ts';
import { readNotification } from './read.ts';
import { submitNotification } from './submit.ts';
import { withdrawNotification } from './withdraw.ts';

const tags = ['notifications'];

export const notificationRoutes = (db: Database, config: Pick<Config, 'PUBLIC_URL'>): FastifyPluginAsyncZod => async (app) => {
  const links = { publicUrl: config.PUBLIC_URL };

  app.post('/cases/:caseId/notifications', {
    schema: {
      tags,
      summary: 'Draft a notification (発生届) for a case; a health centre keys in a fax or paper one for a clinic of its area',
      params: CaseIdParams,
      body: CreateNotificationBody,
      response: { 201: Notification },
    },
  }, async (request, reply) => reply.status(201).send(await createDraft(db, contextOf(request), request.params.caseId, request.body)));

  app.patch('/notifications/:id', {
    schema: { tags, summary: 'Change a draft', params: NotificationIdParams, body: UpdateNotificationBody, response: { 200: Notification } },
  }, async (request) => updateDraft(db, contextOf(request), request.params.id, request.body));

  app.get('/notifications/:id', {
    schema: {
      tags,
      summary: 'A notification with what is still missing and what the logic checks find (reading is audited with its purpose)',
      params: NotificationIdParams,
      response: { 200: Notification },
    },
  }, async (request) => readNotification(db, contextOf(request), request.params.id));

  app.post('/notifications/:id/submit', {
    schema: {
      tags,
      summary: '報告: submit; the responsible health centre gets an e-mail with the self-report ID only',
      params: NotificationIdParams,
      body: SubmitNotificationBody,
      response: { 200: Notification, 422: Problem },
    },
  }, async (request) => submitNotification(db, contextOf(request), request.params.id, request.body, links));

  app.post('/notifications/:id/confirm', {
    schema: {
      tags,
      summary: '保健所確認済: the responsible or a related health centre has checked the notification',
      params: NotificationIdParams,
      body: ConfirmNotificationBody,
      response: { 200: ConfirmedNotification },
    },
  }, async (request) => confirmNotification(db, contextOf(request), request.params.id, request.body));

  app.post('/notifications/:id/corrections', {
    schema: {
      tags,
      summary: '訂正: correct a submitted notification with a reason; each item is kept with its old and new value',
      params: NotificationIdParams,
      body: CorrectNotificationBody,
      response: { 200: Notification, 422: Problem },
    },
  }, async (request) => correctNotification(db, contextOf(request), request.params.id, request.body, links));

  app.post('/notifications/:id/withdraw', {
    schema: {
      tags,
      summary: '取下げ: the responsible or a related health centre withdraws a notification with a reason (kept, out of the counts)',
      params: NotificationIdParams,
      body: WithdrawNotificationBody,
      response: { 200: Notification },
    },
  }, async (request) => withdrawNotification(db, contextOf(request), request.params.id, request.body));

  app.get('/notifications/:id/history', {
    schema: {
      tags,
      summary: 'The corrections and withdrawal of a notification: who, when, why, each item old and new (reading is audited)',
      params: NotificationIdParams,
      response: { 200: NotificationHistory },
    },
  }, async (request) => notificationHistory(db, contextOf(request), request.params.id));
};
