// /api/fhir-clients: the administrator of a medical institution's IDs (its own, or its health centre's)
// registers, lists and revokes the systems that call the FHIR API (/fhir, src/server/fhir/) for it.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { FhirClient, FhirClientList, RegisterFhirClientBody, RegisteredFhirClient } from '../../domain/api/fhir-clients.ts';
import { IdParams } from '../../domain/api/users.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { tokenUrlOf } from '../fhir/token.ts';
import { contextOf } from '../http/session.ts';
import { listClients } from './list.ts';
import { registerClient } from './register.ts';
import { revokeClient } from './revoke.ts';

const tags = ['fhir-clients'];

export const fhirClientRoutes = (db: Database, config: Config): FastifyPluginAsyncZod => async (app) => {
  app.get('/fhir-clients', {
    schema: { tags, summary: 'The FHIR clients of the medical institutions whose IDs one administers', response: { 200: FhirClientList } },
  }, async (request) => ({ clients: await listClients(db, contextOf(request)) }));

  app.post('/fhir-clients', {
    schema: {
      tags,
      summary: 'Register a system of a medical institution whose IDs one administers as a FHIR client (SMART Backend Services): its public key and scopes',
      body: RegisterFhirClientBody,
      response: { 201: RegisteredFhirClient },
    },
  }, async (request, reply) => reply.status(201).send(await registerClient(db, contextOf(request), request.body, tokenUrlOf(config))));

  app.post('/fhir-clients/:id/revoke', {
    schema: { tags, summary: 'Revoke a FHIR client: its tokens stop working at once, its service-account ID is suspended', params: IdParams, response: { 200: FhirClient } },
  }, async (request) => revokeClient(db, contextOf(request), request.params.id));
};
