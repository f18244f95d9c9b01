// The demo's FHIR client (issue 15): さくら内科クリニック's electronic health record, registered
// with a fresh ES384 key pair whose private half is written, with everything a newcomer needs to ask
// for a token, to a file in DATA_DIR (mode 0600; the README shows how to use it). Only on the first
// start of a demo world; the tests' templates have no such client.
import { eq } from 'drizzle-orm';
import { exportJWK, generateKeyPair } from 'jose';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FHIR_SCOPES, serviceAccountRoles } from '../../domain/fhir/scopes.ts';
import { audit } from '../audit/audit.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { fhirClients, organizations, users } from '../db/schema.ts';
import { fhirBaseOf, tokenUrlOf } from '../fhir/token.ts';

export const demoFhirClientFile = (config: Config) => resolve(config.DATA_DIR, 'fhir-demo-client.json');

/** Registers the demo clinic's EHR and writes its private key; the file's path, or null without the clinic. */
export async function seedDemoFhirClient(db: Database, config: Config): Promise<string | null> {
  const alg = 'ES384';
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const scopes = [...FHIR_SCOPES];
  const clientId = randomUUID();
  const registered = await db.asSystem(async (tx) => {
    const [clinic] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.code, 'sakura-clinic'));
    if (!clinic) return false;
    const [user] = await tx
      .insert(users)
      .values({ orgId: clinic.id, loginId: `fhir-${clientId}`, displayName: 'FHIR: さくら内科 電子カルテ（デモ）', roles: serviceAccountRoles(scopes) })
      .returning({ id: users.id });
    await tx.insert(fhirClients).values({ id: clientId, orgId: clinic.id, userId: user.id, name: 'さくら内科 電子カルテ（デモ）', jwk: await exportJWK(publicKey), alg, scopes });
    await audit(tx, { actor: null, clientAddr: null }, { action: 'demo.seed', recordType: 'fhir_client', recordIds: [clientId, user.id], details: { fhirClient: true, scopes } });
    return true;
  });
  if (!registered) return null;
  const file = demoFhirClientFile(config);
  mkdirSync(resolve(config.DATA_DIR), { recursive: true });
  const content = {
    note: 'Demo only: the private key of the demo FHIR client of さくら内科クリニック (README: "FHIR API").',
    clientId,
    alg,
    tokenUrl: tokenUrlOf(config),
    fhirBase: fhirBaseOf(config),
    scope: scopes.join(' '),
    privateJwk: await exportJWK(privateKey),
  };
  writeFileSync(file, JSON.stringify(content, null, 2) + '\n', { mode: 0o600 });
  return file;
}
