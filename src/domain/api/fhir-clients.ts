// Request and response shapes of /api/fhir-clients: the administrator of a medical institution's IDs registers
// its systems as FHIR clients (SMART Backend Services, issue 15) with their public key.
import { z } from 'zod';
import { FHIR_SCOPES } from '../fhir/scopes.ts';

const b64url = (max: number) => z.string().regex(/^[A-Za-z0-9_-]+$/, { error: 'base64url' }).max(max);
const common = {
  kid: z.string().min(1).max(200).optional(),
  use: z.literal('sig').optional(),
  key_ops: z.array(z.literal('verify')).max(1).optional(),
  ext: z.boolean().optional(),
};

/** A public key only: strict objects refuse a private key's members (d, p, q, …). */
export const PublicJwk = z
  .union([
    z.strictObject({ kty: z.literal('RSA'), n: b64url(1400), e: b64url(16), alg: z.literal('RS384').optional(), ...common }),
    z.strictObject({ kty: z.literal('EC'), crv: z.literal('P-384'), x: b64url(100), y: b64url(100), alg: z.literal('ES384').optional(), ...common }),
  ])
  .meta({ description: 'The public key as a JWK (RFC 7517): RSA (2048 bits or more) for RS384, EC P-384 for ES384. Never the private key.' });

export const FhirScopeName = z.enum(FHIR_SCOPES);

export const RegisterFhirClientBody = z.object({
  orgId: z.uuid().meta({ description: 'The medical institution the system belongs to: one whose IDs the administrator issues' }),
  name: z.string().trim().min(1).max(100).meta({ description: 'What the system is, e.g. 「電子カルテ（○○社）」' }),
  alg: z.enum(['RS384', 'ES384']).meta({ description: 'The algorithm its client assertions are signed with' }),
  jwk: PublicJwk,
  scopes: z
    .array(FhirScopeName)
    .min(1)
    .refine((s) => new Set(s).size === s.length, { error: '同じスコープが重複しています / duplicate scope' })
    .meta({ description: 'What it may ask for; a token gets those it asks for among these' }),
});

export const FhirClient = z
  .object({
    id: z.uuid().meta({ description: 'The client_id: iss and sub of its assertions' }),
    orgId: z.uuid(),
    name: z.string(),
    alg: z.enum(['RS384', 'ES384']),
    scopes: z.array(FhirScopeName),
    serviceAccountUserId: z.uuid().meta({ description: 'The ID it acts as: its calls are audited under it' }),
    createdAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'FhirClient' });

export const RegisteredFhirClient = FhirClient.extend({
  tokenUrl: z.url().meta({ description: 'The aud of its assertions and where it asks for tokens' }),
});

export const FhirClientList = z.object({ clients: z.array(FhirClient) });
