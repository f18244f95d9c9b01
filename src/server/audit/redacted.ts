// Retention replaced personal values in audit details by their digests (chain.ts, version 3): when
// someone presents an original value (a court, a patient's own request), it can still be checked
// against the row, e.g. `hersys audit check-value SEQ filter.kana ヤマダ`.
import { eq } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';
import { redactedValueMatches } from './chain.ts';

export type ValueCheck = 'matches' | 'differs' | 'not_redacted' | 'no_such_row';

export async function checkRedactedValue(db: Database, seq: number, path: readonly string[], presented: unknown): Promise<ValueCheck> {
  const [row] = await db.asSystem((tx) => tx.select({ at: auditLog.at, details: auditLog.details }).from(auditLog).where(eq(auditLog.seq, seq)));
  if (!row) return 'no_such_row';
  let value: unknown = row.details;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  if (typeof value !== 'object' || value === null || !('$redacted' in value)) return 'not_redacted';
  return redactedValueMatches(row.at, value, presented) ? 'matches' : 'differs';
}
