// POST /fhir/auth/token: SMART Backend Services (client_credentials with a signed JWT assertion,
// RFC 7523) for a registered client (src/server/fhir-clients/). The assertion is signed with the
// client's private key, iss = sub = its client_id, aud = this URL, exp at most five minutes ahead,
// and a jti never used before (kept until its exp). The answer is an opaque random access token
// whose SHA-256 only is stored, valid 300 s, with the requested scopes the client is registered for.
//
// Why opaque rather than a signed JWT: every call looks the token up anyway to find the client's
// service-account ID, so revoking a client (or suspending its ID) stops its tokens at once; there
// is no server signing key to keep, rotate and publish; a stolen database holds only hashes. The
// same as the staff's sessions (auth/session-repo.ts).
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify, type JWK } from 'jose';
import { grantedScopes } from '../../domain/fhir/scopes.ts';
import { audit, type AuditSource } from '../audit/audit.ts';
import { hashToken, newToken } from '../auth/session-repo.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import * as clients from '../fhir-clients/repo.ts';

export const ACCESS_TOKEN_SECONDS = 300;
/** The longest an assertion may live (SMART: exp no more than five minutes in the future). */
export const ASSERTION_MAX_SECONDS = 300;
/** Clocks of two systems disagree a little. */
const CLOCK_SKEW_SECONDS = 30;

export const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

const publicBase = (config: Config) => config.PUBLIC_URL.replace(/\/+$/, '');
/** The FHIR base URL as clients see it (links in bundles, the CapabilityStatement). */
export const fhirBaseOf = (config: Config) => `${publicBase(config)}/fhir`;
/** The token endpoint's URL: the aud every client assertion must name. */
export const tokenUrlOf = (config: Config) => `${fhirBaseOf(config)}/auth/token`;

export type OAuthError = 'invalid_request' | 'invalid_client' | 'invalid_grant' | 'invalid_scope' | 'unsupported_grant_type';

export type TokenAnswer =
  | { ok: true; body: { access_token: string; token_type: 'bearer'; expires_in: number; scope: string } }
  | { ok: false; status: 400 | 401; body: { error: OAuthError; error_description: string } };

const refuse = (status: 400 | 401, error: OAuthError, description: string): TokenAnswer => ({ ok: false, status, body: { error, error_description: description } });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The form's parameters; each may come once (RFC 6749 §3.2). */
export function tokenParams(form: URLSearchParams): Record<string, string> | null {
  const out: Record<string, string> = {};
  for (const key of new Set(form.keys())) {
    const values = form.getAll(key);
    if (values.length !== 1) return null;
    out[key] = values[0];
  }
  return out;
}

export async function issueToken(db: Database, config: Config, params: Record<string, string>, clientAddr: string | null): Promise<TokenAnswer> {
  if (params.grant_type !== 'client_credentials') return refuse(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
  if (params.client_assertion_type !== JWT_BEARER) return refuse(400, 'invalid_request', `client_assertion_type must be ${JWT_BEARER}`);
  const assertion = params.client_assertion;
  if (!assertion || assertion.length > 16_000) return refuse(400, 'invalid_request', 'client_assertion is required');
  if (!params.scope) return refuse(400, 'invalid_scope', 'scope is required');

  let claims;
  let header;
  try {
    claims = decodeJwt(assertion);
    header = decodeProtectedHeader(assertion);
  } catch {
    return refuse(401, 'invalid_client', 'client_assertion is not a JWT');
  }
  const clientId = typeof claims.iss === 'string' ? claims.iss.toLowerCase() : '';
  const anonymous: AuditSource = { actor: null, clientAddr };
  const denied = async (reason: string, answer: TokenAnswer, client?: clients.FhirClientRow) => {
    await db.asSystem((tx) =>
      audit(tx, anonymous, {
        action: 'fhir.token',
        outcome: 'denied',
        ...(client ? { recordType: 'fhir_client', recordIds: [client.id] } : {}),
        details: { reason, ...(client ? { fhirClientId: client.id } : {}) },
      }),
    );
    return answer;
  };
  if (!UUID.test(clientId) || (params.client_id && params.client_id.toLowerCase() !== clientId)) {
    return denied('unknown_client', refuse(401, 'invalid_client', 'iss must be the registered client_id'));
  }
  const client = await db.asSystem((tx) => clients.activeClient(tx, clientId));
  if (!client) return denied('unknown_client', refuse(401, 'invalid_client', 'The client is not registered or was revoked'));
  if (header.alg !== client.alg) return denied('wrong_alg', refuse(401, 'invalid_client', `The assertion must be signed with ${client.alg}`), client);

  let verified;
  try {
    const key = await importJWK(client.jwk as JWK, client.alg);
    verified = await jwtVerify(assertion, key, {
      algorithms: [client.alg],
      issuer: client.id,
      subject: client.id,
      audience: tokenUrlOf(config),
      requiredClaims: ['exp', 'jti'],
      clockTolerance: CLOCK_SKEW_SECONDS,
    });
  } catch (err) {
    const code = (err as { code?: string }).code ?? 'invalid';
    return denied(`assertion_${code}`, refuse(401, 'invalid_client', 'The client assertion is not valid (signature, iss, sub, aud or exp)'), client);
  }
  const { exp, jti } = verified.payload as { exp: number; jti: unknown };
  const now = Math.floor(Date.now() / 1000);
  if (exp > now + ASSERTION_MAX_SECONDS + CLOCK_SKEW_SECONDS) {
    return denied('assertion_too_long', refuse(401, 'invalid_client', `The assertion's exp may be at most ${ASSERTION_MAX_SECONDS} s ahead`), client);
  }
  if (typeof jti !== 'string' || jti.length === 0 || jti.length > 200) return denied('bad_jti', refuse(401, 'invalid_client', 'jti must be a string of 1 to 200 characters'), client);

  const scopes = grantedScopes(params.scope, client.scopes);
  const token = newToken();
  const answer = await db.asSystem(async (tx): Promise<TokenAnswer> => {
    const source: AuditSource = { actor: { userId: client.userId, orgId: client.orgId }, clientAddr };
    // Kept until the assertion could no longer pass (exp plus the skew allowed).
    if (!(await clients.useJti(tx, client.id, jti, new Date((exp + CLOCK_SKEW_SECONDS) * 1000)))) {
      await audit(tx, source, { action: 'fhir.token', outcome: 'denied', recordType: 'fhir_client', recordIds: [client.id], details: { reason: 'jti_replayed', fhirClientId: client.id } });
      return refuse(400, 'invalid_grant', 'This assertion (its jti) was already used');
    }
    if (!scopes.length) {
      await audit(tx, source, { action: 'fhir.token', outcome: 'denied', recordType: 'fhir_client', recordIds: [client.id], details: { reason: 'no_scope', fhirClientId: client.id } });
      return refuse(400, 'invalid_scope', 'None of the requested scopes is registered for this client');
    }
    await clients.insertToken(tx, { tokenHash: hashToken(token), clientId: client.id, scopes, expiresAt: new Date(Date.now() + ACCESS_TOKEN_SECONDS * 1000) });
    await audit(tx, source, { action: 'fhir.token', recordType: 'fhir_client', recordIds: [client.id], details: { fhirClientId: client.id, scopes } });
    return { ok: true, body: { access_token: token, token_type: 'bearer', expires_in: ACCESS_TOKEN_SECONDS, scope: scopes.join(' ') } };
  });
  return answer;
}
