// Who calls the FHIR API: a registered client (SMART Backend Services) with a bearer token from
// /fhir/auth/token. The token names the client, the client its service-account ID of the
// institution; the handlers act as that ID (db.asActor: row-level security as for the institution's
// staff) and audit under it, naming the client in the details.
//
// For another module adding routes to /fhir (routes.ts says how):
//   const caller = fhirCallerOf(request);          // 401 OperationOutcome unless a valid token came
//   requireScope(caller, 'Bundle', 'write');       // 403 OperationOutcome unless the token has the scope
//   db.asActor(caller.actor, (tx) => …)            // the caller is a RequestContext: pass it to services
//   audit(tx, caller, { …, details: { ...fhirAuditDetails(caller), … } })
import type { FastifyRequest } from 'fastify';
import { scopeAllows } from '../../domain/fhir/scopes.ts';
import type { RequestContext } from '../access/actor.ts';
import { hashToken, loadActor } from '../auth/session-repo.ts';
import type { Database } from '../db/database.ts';
import * as clients from '../fhir-clients/repo.ts';
import { fhirError } from './outcome.ts';

/** A FHIR client's call: the RequestContext of its service-account ID, plus the client and its token's scopes. */
export interface FhirCaller extends RequestContext {
  clientId: string;
  scopes: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The FHIR client of a /fhir request with a valid bearer token (set by authenticateFhir). */
    fhirCaller?: FhirCaller;
  }
}

const unauthorized = (reason: string) =>
  fhirError(401, { code: 'login', diagnostics: reason }, { 'www-authenticate': `Bearer realm="hersys-fhir", error="invalid_token"` });

/** The FHIR client calling; a 401 OperationOutcome when the request carried no valid token. */
export function fhirCallerOf(request: FastifyRequest): FhirCaller {
  if (!request.fhirCaller) throw unauthorized('A bearer access token from /fhir/auth/token is required');
  return request.fhirCaller;
}

/** Refuses (403 OperationOutcome) unless the token's scopes allow `interaction` on `resource`. */
export function requireScope(caller: FhirCaller, resource: string, interaction: 'read' | 'write'): void {
  if (!scopeAllows(caller.scopes, resource, interaction)) {
    throw fhirError(403, { code: 'forbidden', diagnostics: `The access token does not carry the scope system/${resource}.${interaction}` });
  }
}

/** What every audit row of a FHIR call says besides its actor (the client's service account). */
export const fhirAuditDetails = (caller: FhirCaller) => ({ fhirClientId: caller.clientId });

/**
 * The preHandler of every /fhir route that is not public: the bearer token, looked up by its hash;
 * a token of a revoked client or a suspended account is no token.
 */
export async function authenticateFhir(db: Database, request: FastifyRequest): Promise<void> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  if (!match) throw unauthorized('A bearer access token from /fhir/auth/token is required');
  const found = await db.asSystem(async (tx) => {
    const holder = await clients.tokenHolder(tx, hashToken(match[1]));
    const actor = holder ? await loadActor(tx, holder.userId) : null;
    return holder && actor ? { holder, actor } : null;
  });
  if (!found) throw unauthorized('The access token is unknown, expired or revoked');
  request.fhirCaller = { actor: found.actor, clientAddr: request.ip ?? null, purpose: null, clientId: found.holder.clientId, scopes: found.holder.scopes };
}
