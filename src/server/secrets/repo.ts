// SQL of the keys and of the columns that hold sealed secrets. Run as the owner (asSystem): the
// application role has no right on data_keys, server_secrets or credentials.
import { eq, sql } from 'drizzle-orm';
import { totpPlace } from '../auth/totp.ts';
import { exportKeyPlace } from '../exports/fingerprint.ts';
import { rows, type Tx } from '../db/database.ts';
import { dataKeys, serverSecrets } from '../db/schema.ts';

export interface DataKeyRow {
  id: string;
  wrapped: string;
}

/** The active data key, held (FOR SHARE) until the transaction ends, so a rotation waits for a secret being sealed under it. */
export async function activeDataKey(tx: Tx): Promise<DataKeyRow | undefined> {
  const [row] = await tx.select({ id: dataKeys.id, wrapped: dataKeys.wrapped }).from(dataKeys).where(eq(dataKeys.active, true)).for('share');
  return row;
}

export async function dataKey(tx: Tx, id: string): Promise<DataKeyRow | undefined> {
  const [row] = await tx.select({ id: dataKeys.id, wrapped: dataKeys.wrapped }).from(dataKeys).where(eq(dataKeys.id, id));
  return row;
}

export const allDataKeys = (tx: Tx): Promise<DataKeyRow[]> => tx.select({ id: dataKeys.id, wrapped: dataKeys.wrapped }).from(dataKeys).for('update');

/** Makes `key` the active data key; the one active before is retired. */
export async function activateDataKey(tx: Tx, key: DataKeyRow) {
  await tx.update(dataKeys).set({ active: false, retiredAt: sql`now()` }).where(eq(dataKeys.active, true));
  await tx.insert(dataKeys).values({ ...key, active: true });
}

/**
 * The first data key, unless another process starting at the same time made one: its insert waits
 * for that one's commit, then does nothing (one active key: data_keys_one_active).
 */
export async function insertFirstDataKey(tx: Tx, key: DataKeyRow) {
  await tx.execute(sql`INSERT INTO data_keys (id, wrapped, active) VALUES (${key.id}, ${key.wrapped}, true) ON CONFLICT (active) WHERE active DO NOTHING`);
}

export async function rewrapDataKey(tx: Tx, key: DataKeyRow) {
  await tx.update(dataKeys).set({ wrapped: key.wrapped }).where(eq(dataKeys.id, key.id));
}

/** Deletes the retired data keys no sealed value names any more; their ids. */
export async function deleteUnusedDataKeys(tx: Tx): Promise<string[]> {
  const deleted = await rows<{ id: string }>(
    tx,
    sql`DELETE FROM data_keys k
        WHERE NOT k.active
          AND NOT EXISTS (SELECT 1 FROM credentials c
                          WHERE c.totp_secret LIKE 'v1:' || k.id || ':%' OR c.totp_pending_secret LIKE 'v1:' || k.id || ':%')
          AND NOT EXISTS (SELECT 1 FROM server_secrets s WHERE s.sealed LIKE 'v1:' || k.id || ':%')
          AND NOT EXISTS (SELECT 1 FROM exports e WHERE e.sealed_key LIKE 'v1:' || k.id || ':%')
        RETURNING k.id`,
  );
  return deleted.map((r) => r.id);
}

export async function serverSecret(tx: Tx, name: string): Promise<string | undefined> {
  const [row] = await tx.select({ sealed: serverSecrets.sealed }).from(serverSecrets).where(eq(serverSecrets.name, name));
  return row?.sealed;
}

/** Stores a server secret unless one of that name exists (another process was first); the one kept. */
export async function keepServerSecret(tx: Tx, name: string, sealed: string): Promise<string> {
  await tx.insert(serverSecrets).values({ name, sealed }).onConflictDoNothing();
  return (await serverSecret(tx, name))!;
}

/**
 * Every table with sealed secrets: the key of its rows, its sealed columns and the place each
 * value is bound to (the associated data). One list, read by the sealing of values kept in clear
 * before 0034 and by rotation. A row's columns are replaced together (credentials_totp_sealed
 * checks both of them on every write).
 */
export const SEALED_TABLES = [
  { table: 'credentials', key: 'user_id', columns: ['totp_secret', 'totp_pending_secret'], place: totpPlace },
  { table: 'server_secrets', key: 'name', columns: ['sealed'], place: (name: string) => `server_secret:${name}` },
  // Each export's key (issue 14, 0037): its check codes and row order derive from it.
  { table: 'exports', key: 'id', columns: ['sealed_key'], place: exportKeyPlace },
] as const;

export type SealedTable = (typeof SEALED_TABLES)[number];

/** The rows holding a secret (only those with a value still in clear, with `clearOnly`), locked for update. */
export async function sealedRows(tx: Tx, t: SealedTable, clearOnly: boolean): Promise<{ key: string; values: (string | null)[] }[]> {
  const test = (c: string) => (clearOnly ? `${c} NOT LIKE 'v1:%'` : `${c} IS NOT NULL`);
  const found = await rows<Record<string, string | null>>(
    tx,
    sql.raw(`SELECT ${t.key}::text AS key, ${t.columns.join(', ')} FROM ${t.table} WHERE ${t.columns.map(test).join(' OR ')} ORDER BY 1 FOR UPDATE`),
  );
  return found.map((r) => ({ key: r.key!, values: t.columns.map((c) => r[c]) }));
}

export async function replaceSealedRow(tx: Tx, t: SealedTable, key: string, values: (string | null)[]) {
  const set = sql.join(t.columns.map((c, i) => sql`${sql.raw(c)} = ${values[i]}`), sql`, `);
  // The parameter takes the key column's type (uuid or text), so the primary key's index finds the row.
  await tx.execute(sql`UPDATE ${sql.raw(t.table)} SET ${set} WHERE ${sql.raw(t.key)} = ${key}`);
}
