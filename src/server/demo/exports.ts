// The demo's exports (issue 14): one line list asked for by shinjuku-h1 above the threshold, waiting
// for the second person (shinjuku-h2) on the Approvals screen. Seeded after the demo epidemic, with
// the keyring ready, because the export's key is sealed like every other secret.
import { eq, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { rows, type Database } from '../db/database.ts';
import { exports, users } from '../db/schema.ts';
import { exportKeyPlace, newExportKey } from '../exports/fingerprint.ts';
import type { Keyring } from '../secrets/keyring.ts';

export async function seedDemoExport(db: Database, keyring: Keyring): Promise<void> {
  await keyring.init(db);
  const id = randomUUID();
  const sealedKey = await db.asSystem((tx) => keyring.seal(tx, newExportKey(), exportKeyPlace(id)));
  await db.asSystem(async (tx) => {
    const [user] = await tx.select({ id: users.id, name: users.displayName, orgId: users.orgId }).from(users).where(eq(users.loginId, 'shinjuku-h1'));
    if (!user) return;
    // The centre's scope as the cases policy draws it for a health centre: responsible or related.
    const [{ n, org }] = await rows<{ n: number; org: string }>(
      tx,
      sql`SELECT (SELECT count(*)::int FROM cases c WHERE c.responsible_hc_id = ${user.orgId}
                     OR EXISTS (SELECT 1 FROM case_related_hcs r WHERE r.case_id = c.id AND r.hc_id = ${user.orgId})) AS n,
                 (SELECT name_ja FROM organizations WHERE id = ${user.orgId}) AS org`,
    );
    await tx.insert(exports).values({
      id,
      requesterId: user.id,
      requesterName: user.name,
      orgId: user.orgId,
      orgName: org,
      kind: 'line_list',
      format: 'xlsx',
      encrypted: true,
      filters: {},
      reason: 'followup_work',
      note: '週末の健康観察の電話リスト（担当者間で分担）',
      rowCount: n,
      needsApproval: true,
      status: 'pending_approval',
      sealedKey,
    });
  });
}
