// /fhir: the FHIR R4 API (issue 15), outside /api — its own content type (application/fhir+json),
// its own error shape (OperationOutcome, outcome.ts), its own callers (systems with a bearer token
// from SMART Backend Services, context.ts and token.ts), its own description (the CapabilityStatement
// at /fhir/metadata; the routes are hidden from the OpenAPI document of /api).
//
// The table below is every route. Each non-public route runs authenticateFhir first; every route
// skips the CSRF check (config.bearer: a system calls it, never a browser with cookies).
//
// ADDING ROUTES FROM ANOTHER MODULE (e.g. the Bundle intake's POST /fhir, Questionnaire):
//   1. Export a registrar `(fhir: FastifyInstance) => void | Promise<void>` that adds routes with
//      paths relative to /fhir (`fhir.post('/', …)` is POST /fhir; `fhir.get('/Questionnaire', …)`).
//      They run inside this plugin: a bearer token is checked before the handler (unless the route
//      sets `config: { fhirPublic: true }`), bodies of application/fhir+json are parsed, and any
//      error thrown becomes an OperationOutcome answer.
//   2. In the handler: `const caller = fhirCallerOf(request); requireScope(caller, 'Bundle', 'write');`
//      then call services with `caller` (a RequestContext of the client's service-account ID) and
//      add `fhirAuditDetails(caller)` to your audit rows' details; answer with `sendFhir(reply, status, resource)`;
//      refuse with `throw fhirError(status, { code, diagnostics, expression })` (outcome.ts).
//   3. Pass it in app.ts: `fhirRoutes(db, config, { masterKey, …, registrars: [intakeRoutes(db, config)], capability: [{ … }] })`,
//      with what it adds to the CapabilityStatement. A resource type that reads rows by id and search
//      parameters can instead be given as a ResourceType (resource.ts) in `resources`: it gets read,
//      search, paging, audit and its CapabilityStatement entry from this table.
import type { Resource } from '@medplum/fhirtypes';
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { addressLimit } from '../auth/address-limit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { logFailure } from '../http/error-handler.ts';
import { CONDITION } from './condition.ts';
import { authenticateFhir, fhirCallerOf } from './context.ts';
import { ENCOUNTER } from './encounter.ts';
import { readResource, searchResources } from './interactions.ts';
import { capabilityStatement, smartConfiguration, type CapabilityAdditions } from './metadata.ts';
import { OBSERVATION } from './observation.ts';
import { fhirError, operationOutcome, outcomeFor } from './outcome.ts';
import { PATIENT } from './patient.ts';
import type { ResourceType } from './resource.ts';
import { pageSealer, type Query } from './search.ts';
import { fhirBaseOf, issueToken, tokenParams } from './token.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A /fhir route anyone may call (metadata, the token endpoint): no bearer token is checked. */
    fhirPublic?: true;
  }
}

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/** Answers a FHIR resource (or OperationOutcome) as application/fhir+json. */
export const sendFhir = (reply: FastifyReply, status: number, resource: Resource | object) =>
  reply.status(status).type(FHIR_JSON).send(JSON.stringify(resource));

export type FhirRouteRegistrar = (fhir: FastifyInstance) => void | Promise<void>;

export interface FhirOptions {
  /** The master key: the key that seals the search in the links handed out is derived from it. */
  masterKey: Buffer;
  /** The window of the token endpoint's per-address limit (LOGIN_RATE_LIMIT_PER_MINUTE); tests shorten it. */
  rateWindowMs?: number;
  /** Routes of other modules under /fhir (see the top of this file). */
  registrars?: FhirRouteRegistrar[];
  /** Further resource types served by read and search here. */
  resources?: ResourceType<any, any>[];
  /** What those modules add to the CapabilityStatement. */
  capability?: CapabilityAdditions[];
}

/** The resource types of this module: read and search each. */
export const RESOURCE_TYPES = [PATIENT, CONDITION, OBSERVATION, ENCOUNTER] as const;

export const fhirRoutes = (db: Database, config: Config, options: FhirOptions): FastifyPluginAsync => async (app) => {
  const kinds: ResourceType<any, any>[] = [...RESOURCE_TYPES, ...(options.resources ?? [])];
  const links = { base: fhirBaseOf(config), sealer: pageSealer(options.masterKey) };
  const tokenLimit = addressLimit(app, config.LOGIN_RATE_LIMIT_PER_MINUTE, options.rateWindowMs ?? 60_000);

  app.decorateRequest('fhirCaller', undefined);
  // Every route here: called by systems (no CSRF), hidden from /api's OpenAPI document.
  app.addHook('onRoute', (route) => {
    route.config = { ...route.config, bearer: true, auth: 'public' };
    route.schema = { ...route.schema, hide: true };
  });
  app.addHook('preHandler', async (request) => {
    if (!request.routeOptions.config.fhirPublic) await authenticateFhir(db, request);
  });
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store'); // answers carry personal data
  });
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, JSON.parse(body as string));
    } catch {
      done(fhirError(400, { code: 'structure', diagnostics: 'The body is not valid JSON' }), undefined);
    }
  });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, new URLSearchParams(body as string)));
  app.setErrorHandler((error, request, reply) => {
    const answer = outcomeFor(error);
    if (!answer) {
      logFailure(request.log, error, 'FHIR request failed');
      return sendFhir(reply, 500, operationOutcome([{ code: 'exception', diagnostics: 'Something went wrong on our side' }]));
    }
    return sendFhir(reply.headers(answer.headers), answer.status, answer.outcome);
  });
  const notFound = (request: FastifyRequest, reply: FastifyReply) =>
    sendFhir(reply, 404, operationOutcome([{ code: 'not-supported', diagnostics: `${request.method} ${request.url.split('?')[0]} is not an interaction of this server` }]));
  app.setNotFoundHandler(notFound);

  type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  const routes: { method: 'GET' | 'POST'; url: string; fhirPublic?: true; onRequest?: (r: FastifyRequest) => Promise<void>; handler: Handler }[] = [
    {
      method: 'GET',
      url: '/metadata',
      fhirPublic: true,
      handler: async (_request, reply) => sendFhir(reply, 200, capabilityStatement(config, kinds as never, options.capability ?? [])),
    },
    {
      method: 'GET',
      url: '/.well-known/smart-configuration',
      fhirPublic: true,
      handler: async (_request, reply) => reply.type('application/json; charset=utf-8').send(JSON.stringify(smartConfiguration(config))),
    },
    {
      method: 'POST',
      url: '/auth/token',
      fhirPublic: true,
      onRequest: tokenLimit.count,
      handler: async (request, reply) => {
        const oauth = (status: number, body: object) =>
          reply.status(status).headers({ pragma: 'no-cache' }).type('application/json; charset=utf-8').send(JSON.stringify(body));
        const address = tokenLimit.of(request);
        if (address.exceeded) {
          reply.header('retry-after', String(address.waitSeconds));
          return oauth(429, { error: 'invalid_request', error_description: 'Too many token requests from this address; retry later' });
        }
        const params = request.body instanceof URLSearchParams ? tokenParams(request.body) : null;
        if (!params) return oauth(400, { error: 'invalid_request', error_description: 'A form (application/x-www-form-urlencoded) with each parameter once is required' });
        const answer = await issueToken(db, config, params, request.ip ?? null);
        return oauth(answer.ok ? 200 : answer.status, answer.body);
      },
    },
    ...kinds.flatMap((kind): typeof routes => [
      {
        method: 'GET',
        url: `/${kind.type}`,
        handler: async (request, reply) => sendFhir(reply, 200, await searchResources(db, fhirCallerOf(request), kind, request.query as Query, links)),
      },
      {
        // The same search with the parameters in a form body: no name or date of birth in the URL.
        method: 'POST',
        url: `/${kind.type}/_search`,
        handler: async (request, reply) => {
          if (!(request.body instanceof URLSearchParams)) {
            throw fhirError(415, { code: 'not-supported', diagnostics: '_search takes its parameters as application/x-www-form-urlencoded' });
          }
          const query: Query = { ...(request.query as Query) };
          for (const [k, v] of request.body) {
            const had = query[k];
            query[k] = had === undefined ? v : [...(Array.isArray(had) ? had : [had]), v];
          }
          return sendFhir(reply, 200, await searchResources(db, fhirCallerOf(request), kind, query, links));
        },
      },
      {
        method: 'GET',
        url: `/${kind.type}/:id`,
        handler: async (request, reply) => sendFhir(reply, 200, await readResource(db, fhirCallerOf(request), kind, (request.params as { id: string }).id)),
      },
    ]),
    // Anything else under /fhir is answered here, not by the web app's pages.
    { method: 'GET', url: '/', fhirPublic: true, handler: async (request, reply) => notFound(request, reply) },
    { method: 'GET', url: '/*', fhirPublic: true, handler: async (request, reply) => notFound(request, reply) },
  ];
  for (const r of routes) {
    app.route({
      method: r.method,
      url: r.url,
      schema: { hide: true },
      config: { fhirPublic: r.fhirPublic },
      ...(r.onRequest ? { onRequest: r.onRequest } : {}),
      handler: r.handler,
    });
  }
  for (const register of options.registrars ?? []) await register(app);
};
