// /api/cases/:id/observations (健康観察), /api/cases/:id/alerts, /api/alerts/:id/acknowledge and
// /api/worklist: following a case's health, its red flags, and the health centre's work list.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AcknowledgeAlertBody,
  Alert,
  Alerts,
  Observations,
  RecordedObservation,
  RecordObservationBody,
  SymptomChecklist,
  WorkList,
} from '../../domain/api/observations.ts';
import { IdParams } from '../../domain/api/users.ts';
import { SYMPTOM_CODES, SYMPTOMS } from '../../domain/red-flags.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as observations from './service.ts';

const tags = ['follow-up'];

/** Red-flag thresholds and the stale days come from the server's configuration (defaults otherwise). */
export const observationRoutes =
  (db: Database, options: Partial<observations.ObservationOptions> = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const settings = { ...observations.DEFAULT_OBSERVATION_OPTIONS, ...options };

    app.get('/observations/symptoms', {
      schema: { tags, summary: 'The symptom checklist of a 健康観察 entry, with labels in Japanese and English', response: { 200: SymptomChecklist } },
    }, async () => ({ symptoms: SYMPTOM_CODES.map((code) => ({ code, label: SYMPTOMS[code] })) }));

    app.post('/cases/:id/observations', {
      schema: {
        tags,
        summary: 'Record a 健康観察 entry by staff (centre, facility, follow-up centre, clinic, hospital); red flags raise alerts at once',
        params: IdParams,
        body: RecordObservationBody,
        response: { 201: RecordedObservation },
      },
    }, async (request, reply) =>
      reply.status(201).send(await observations.recordObservation(db, contextOf(request), request.params.id, request.body, settings)));

    app.get('/cases/:id/observations', {
      schema: { tags, summary: 'The 健康観察 entries of a case, newest first (audited)', params: IdParams, response: { 200: Observations } },
    }, async (request) => observations.listObservations(db, contextOf(request), request.params.id));

    app.get('/cases/:id/alerts', {
      schema: { tags, summary: 'The red-flag alerts of a case, newest first (audited)', params: IdParams, response: { 200: Alerts } },
    }, async (request) => observations.listAlerts(db, contextOf(request), request.params.id));

    app.post('/alerts/:id/acknowledge', {
      schema: {
        tags,
        summary: 'Acknowledge a red-flag alert: the responsible or a related health centre',
        params: IdParams,
        body: AcknowledgeAlertBody,
        response: { 200: Alert },
      },
    }, async (request) => observations.acknowledgeAlert(db, contextOf(request), request.params.id, request.body));

    app.get('/worklist', {
      schema: {
        tags,
        summary: 'The health centre’s work list: open alerts, missing statuses, stale cases (masked; the cases shown are audited)',
        response: { 200: WorkList },
      },
    }, async (request) => observations.workList(db, contextOf(request), settings));
  };
