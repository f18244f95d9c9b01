// /api/postal-codes/lookup: postal code → prefecture, city and town, for the address fields of the
// registration and person forms (issue 15, less typing).
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { PostalCodeLookup, PostalCodeLookupBody } from '../../domain/api/postal-codes.ts';
import { lookupPostalCode } from './lookup.ts';

const tags = ['postal codes'];

export const postalCodeRoutes = (): FastifyPluginAsyncZod => async (app) => {
  // POST, not GET: the code stays out of URLs and access logs, like anything a form sends.
  app.post('/postal-codes/lookup', {
    schema: {
      tags,
      summary: 'The prefecture, city and town of a postal code (Japan Post KEN_ALL, bundled): one candidate, several, or none when unknown; for signed-in staff, not audited (no personal data)',
      body: PostalCodeLookupBody,
      response: { 200: PostalCodeLookup },
    },
  }, async (request) => lookupPostalCode(request.body.postalCode));
};
