// /api/incidents: the leak-incident register of the privacy officer's tree (seed 004).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { CreateIncidentBody, Incident, IncidentDetail, IncidentRegister, UpdateIncidentBody } from '../../domain/api/incidents.ts';
import { IdParams } from '../../domain/api/users.ts';
import { XLSX_TYPE, XlsxFile } from '../../domain/api/xlsx.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import { createIncident } from './create.ts';
import { incidentDocument } from './document.ts';
import { incidentRegister, readIncident } from './read.ts';
import { updateIncident } from './update.ts';

const tags = ['leak incidents'];

export const incidentRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/incidents', {
    schema: { tags, summary: 'The register: incidents of the officer’s tree, and confirmed alerts with no incident yet', response: { 200: IncidentRegister } },
  }, async (request) => incidentRegister(db, contextOf(request)));

  app.post('/incidents', {
    schema: { tags, summary: 'Register a leak incident (from scratch or from confirmed alerts)', body: CreateIncidentBody, response: { 201: Incident } },
  }, async (request, reply) => reply.status(201).send(await createIncident(db, contextOf(request), request.body)));

  app.get('/incidents/:id', {
    schema: { tags, summary: 'An incident with its linked alerts and its history of changes', params: IdParams, response: { 200: IncidentDetail } },
  }, async (request) => readIncident(db, contextOf(request), request.params.id));

  app.patch('/incidents/:id', {
    schema: { tags, summary: 'Edit an incident (the version read; a change made meanwhile answers 409)', params: IdParams, body: UpdateIncidentBody, response: { 200: Incident } },
  }, async (request) => updateIncident(db, contextOf(request), request.params.id, request.body));

  app.get('/incidents/:id/report.xlsx', {
    schema: { tags, summary: 'The report sent upward, generated from the record (XLSX, Japanese)', params: IdParams, response: { 200: XlsxFile } },
  }, async (request, reply) => {
    const file = await incidentDocument(db, contextOf(request), request.params.id);
    return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="leak-incident.xlsx"').send(file);
  });
};
