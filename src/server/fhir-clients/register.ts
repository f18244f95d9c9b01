// Registering a system of a medical institution as a FHIR client (SMART Backend Services), by whoever
// administers the institution's IDs (its own org_admin, or its health centre's: issuesFor): its public key,
// the scopes it may ask for (within what the institution may do) and a service-account ID of the
// institution that its calls run as. That ID has no credentials, so nobody can log in with it; its
// roles follow the scopes (serviceAccountRoles). One transaction as the administrator, audited.
import { importJWK } from 'jose';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { RegisterFhirClientBody } from '../../domain/api/fhir-clients.ts';
import { scopesAllowedAt, serviceAccountRoles } from '../../domain/fhir/scopes.ts';
import { issuesFor, type OrgKind } from '../../domain/organizations.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, fieldError } from '../errors.ts';
import * as orgRepo from '../orgs/repo.ts';
import * as userRepo from '../users/repo.ts';
import { toClient } from './list.ts';
import * as repo from './repo.ts';

/** Bits of an RSA modulus given as base64url (leading zero bytes aside). */
const rsaBits = (n: string) => {
  const bytes = Buffer.from(n, 'base64url');
  let i = 0;
  while (i < bytes.length && bytes[i] === 0) i++;
  return i === bytes.length ? 0 : (bytes.length - i - 1) * 8 + Math.floor(Math.log2(bytes[i])) + 1;
};

/** The key must be a public key usable with the algorithm (jose imports it as such). */
async function checkKey(body: z.infer<typeof RegisterFhirClientBody>) {
  const { jwk, alg } = body;
  const fits = alg === 'RS384' ? jwk.kty === 'RSA' && rsaBits(jwk.n) >= 2048 : jwk.kty === 'EC';
  if (!fits || (jwk.alg && jwk.alg !== alg)) throw fieldError(['body', 'jwk'], 'fhir_key_invalid');
  try {
    await importJWK(jwk, alg);
  } catch {
    throw fieldError(['body', 'jwk'], 'fhir_key_invalid');
  }
}

export async function registerClient(db: Database, ctx: RequestContext, body: z.infer<typeof RegisterFhirClientBody>, tokenUrl: string) {
  requirePermission(ctx.actor, 'fhir_clients.manage');
  await checkKey(body);
  return db.asActor(ctx.actor, async (tx) => {
    const [mine, target] = await Promise.all([orgRepo.findOrg(tx, ctx.actor.orgId), orgRepo.findOrg(tx, body.orgId)]);
    if (!target) throw fieldError(['body', 'orgId'], 'not_found');
    if (!mine || !issuesFor(orgRepo.orgRef(mine), orgRepo.orgRef(target))) throw new AppError(403, 'outside_issuing_scope');
    if (target.kind !== 'medical_institution') throw new AppError(403, 'fhir_clients_institution_only');
    const allowed = scopesAllowedAt(target.kind as OrgKind);
    const bad = body.scopes.findIndex((s) => !allowed.includes(s));
    if (bad >= 0) throw fieldError(['body', 'scopes', bad], 'fhir_scope_not_allowed');
    // The service account is an ID of the institution like any other: within its quota.
    const org = (await orgRepo.findOrg(tx, target.id, true))!;
    if (org.idQuota !== null && (await userRepo.idsInUse(tx, org.id)) >= org.idQuota) throw new AppError(409, 'quota_exceeded', { quota: org.idQuota });
    const id = randomUUID();
    const user = await userRepo.insertUser(tx, {
      orgId: org.id,
      loginId: `fhir-${id}`,
      displayName: `FHIR: ${body.name}`,
      roles: serviceAccountRoles(body.scopes),
      createdBy: ctx.actor.userId,
    });
    const row = await repo.insertClient(tx, {
      id,
      orgId: org.id,
      userId: user.id,
      name: body.name,
      jwk: body.jwk,
      alg: body.alg,
      scopes: body.scopes,
      createdBy: ctx.actor.userId,
    });
    await audit(tx, ctx, {
      action: 'fhir_clients.register',
      recordType: 'fhir_client',
      recordIds: [id, user.id],
      details: { orgId: org.id, alg: body.alg, scopes: body.scopes, roles: user.roles },
    });
    return { ...toClient(row), tokenUrl };
  });
}
