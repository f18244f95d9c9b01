// /api/cases/:id/admissions, /api/admissions/:id, /api/cases/:id/clinical-course and
// /api/cases/:id/hospital-course: the 医療タブ (Q&A 9, 15).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AdmissionBody,
  AdmissionResult,
  AdmissionUpdateBody,
  ClinicalCourseBody,
  ClinicalCourseEntry,
  HospitalCourse,
} from '../../domain/api/hospital.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as hospital from './service.ts';

const tags = ['hospital course'];

export const hospitalRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.post('/cases/:id/admissions', {
    schema: {
      tags,
      summary: '入院: a hospital admits to itself, a health centre at a named hospital; an open admission makes the case 入院中 and gives the hospital the case for the stay; with dischargedOn, a past stay that leaves the status as it is',
      params: IdParams,
      body: AdmissionBody,
      response: { 201: AdmissionResult },
    },
  }, async (request, reply) => reply.status(201).send(await hospital.admit(db, contextOf(request), request.params.id, request.body)));

  app.patch('/admissions/:id', {
    schema: {
      tags,
      summary: 'Correct the ward or doctor, or record the discharge with its outcome: it moves the status when it ends the case’s stay in hospital, and the hospital keeps the case through the discharge day; own admissions only for a hospital',
      params: IdParams,
      body: AdmissionUpdateBody,
      response: { 200: AdmissionResult },
    },
  }, async (request) => hospital.updateAdmission(db, contextOf(request), request.params.id, request.body));

  app.post('/cases/:id/clinical-course', {
    schema: {
      tags,
      summary: 'A clinical-course entry: 重症 is derived from ICU, ventilator or ECMO (Q&A 15), oxygen is at least 中等症Ⅱ',
      params: IdParams,
      body: ClinicalCourseBody,
      response: { 201: ClinicalCourseEntry },
    },
  }, async (request, reply) => reply.status(201).send(await hospital.recordClinicalCourse(db, contextOf(request), request.params.id, request.body)));

  app.get('/cases/:id/hospital-course', {
    schema: {
      tags,
      summary: '医療タブ: admissions and the clinical course, newest first, with the current severity (audited)',
      params: IdParams,
      response: { 200: HospitalCourse },
    },
  }, async (request) => hospital.hospitalCourse(db, contextOf(request), request.params.id));
};
