// /api/cases/:id/contacts, /api/contacts/:id, /api/contacts/:id/case and /api/cases/:id/chain:
// 濃厚接触者 and the transmission chain.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  AddContactBody,
  AddedContact,
  CaseContacts,
  Chain,
  ChainQuery,
  ContactBecameCase,
  ContactCaseBody,
  ContactDetail,
  UpdateContactBody,
} from '../../domain/api/contacts.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Database } from '../db/database.ts';
import { contextOf } from '../http/session.ts';
import * as contacts from './service.ts';

const tags = ['contacts'];

export const contactRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.post('/cases/:id/contacts', {
    schema: {
      tags,
      summary: 'Register a close contact (濃厚接触者) of a case: a new person, or one found by the duplicate check (added to their contact record if they have one)',
      params: IdParams,
      body: AddContactBody,
      response: { 201: AddedContact },
    },
  }, async (request, reply) => reply.status(201).send(await contacts.addContact(db, contextOf(request), request.params.id, request.body)));

  app.get('/cases/:id/contacts', {
    schema: { tags, summary: 'The contacts of a case (audited)', params: IdParams, response: { 200: CaseContacts } },
  }, async (request) => ({ contacts: await contacts.listCaseContacts(db, contextOf(request), request.params.id) }));

  app.get('/contacts/:id', {
    schema: { tags, summary: 'A contact with its exposures to each source case (audited)', params: IdParams, response: { 200: ContactDetail } },
  }, async (request) => contacts.getContact(db, contextOf(request), request.params.id));

  app.patch('/contacts/:id', {
    schema: { tags, summary: 'Change the outcome of monitoring or the note (with the version)', params: IdParams, body: UpdateContactBody, response: { 200: ContactDetail } },
  }, async (request) => contacts.updateContact(db, contextOf(request), request.params.id, request.body));

  app.post('/contacts/:id/case', {
    schema: {
      tags,
      summary: 'The contact became a case: link an existing case of the person, or register one on an institution’s behalf',
      params: IdParams,
      body: ContactCaseBody,
      response: { 201: ContactBecameCase },
    },
  }, async (request, reply) => reply.status(201).send(await contacts.becomeCase(db, contextOf(request), request.params.id, request.body)));

  app.get('/cases/:id/chain', {
    schema: {
      tags,
      summary: 'The transmission chain around a case, both ways, as nodes and edges (masked; audited)',
      params: IdParams,
      querystring: ChainQuery,
      response: { 200: Chain },
    },
  }, async (request) => contacts.transmissionChain(db, contextOf(request), request.params.id, request.query.generations));
};
