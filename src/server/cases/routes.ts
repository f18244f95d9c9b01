// /api/registrations, /api/cases/:id, /api/persons/:id, test records.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddedTests,
  AddTestsBody,
  CaseDetail,
  CaseList,
  CaseQuery,
  DuplicateCandidates,
  DuplicateCheckBody,
  LabTest,
  PersonDetail,
  PersonUpdateBody,
  RegisterBody,
  Registered,
  UpdateTestBody,
} from '../../domain/api/cases.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as cases from './service.ts';

const tags = ['cases'];

export const caseRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.post('/registrations/duplicates', {
    schema: {
      tags,
      summary: 'Likely duplicates of a person about to be registered, among those one may see, masked',
      body: DuplicateCheckBody,
      response: { 200: DuplicateCandidates },
    },
  }, async (request) => ({ candidates: await cases.checkDuplicates(db, contextOf(request), request.body) }));

  app.post('/registrations', {
    schema: {
      tags,
      summary: 'Register a person and a case (or a new case of a known person, or add to an existing case), with up to 4 test records',
      body: RegisterBody,
      response: { 201: Registered },
    },
  }, async (request, reply) => reply.status(201).send(await cases.register(db, contextOf(request), request.body)));

  app.get('/cases', {
    schema: {
      tags,
      summary: 'Search the cases one may see: masked identity, filters, newest first, keyset pages (audited)',
      querystring: CaseQuery,
      response: { 200: CaseList },
    },
  }, async (request) => cases.searchCases(db, contextOf(request), request.query));

  app.get('/cases/:id', {
    schema: {
      tags,
      summary: 'Open a case with the person’s identity and test records (audited, with the purpose in X-Hersys-Purpose)',
      params: IdParams,
      response: { 200: CaseDetail },
    },
  }, async (request) => cases.getCase(db, contextOf(request), request.params.id));

  app.patch('/persons/:id', {
    schema: {
      tags,
      summary: 'Correct a person’s identity after registration (e.g. add the missing 所在地), with the version; audited with the fields changed',
      params: IdParams,
      body: PersonUpdateBody,
      response: { 200: PersonDetail },
    },
  }, async (request) => cases.updatePerson(db, contextOf(request), request.params.id, request.body));

  app.post('/cases/:id/tests', {
    schema: { tags, summary: 'Add up to 4 test records to a case', params: IdParams, body: AddTestsBody, response: { 201: AddedTests } },
  }, async (request, reply) => reply.status(201).send({ tests: await cases.addTests(db, contextOf(request), request.params.id, request.body.tests) }));

  app.patch('/tests/:id', {
    schema: { tags, summary: 'Correct a test record (e.g. a result that came back negative)', params: IdParams, body: UpdateTestBody, response: { 200: LabTest } },
  }, async (request) => cases.updateTest(db, contextOf(request), request.params.id, request.body));
};
