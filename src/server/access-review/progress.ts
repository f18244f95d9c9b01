// How far a review job has read: one row per job, locked for the run, moved in the same transaction
// as the job's writes, so a run that fails leaves it where it was and two servers take turns.
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../db/database.ts';

export type ReviewJob = 'explain' | 'alerts';

export async function lockProgress(tx: Tx, job: ReviewJob): Promise<number> {
  await tx.execute(sql`INSERT INTO access_review_progress (job) VALUES (${job}) ON CONFLICT DO NOTHING`);
  const [p] = await rows<{ last_seq: string }>(tx, sql`SELECT last_seq FROM access_review_progress WHERE job = ${job} FOR UPDATE`);
  return Number(p.last_seq);
}

export async function moveProgress(tx: Tx, job: ReviewJob, lastSeq: number): Promise<void> {
  await tx.execute(sql`UPDATE access_review_progress SET last_seq = ${lastSeq}, updated_at = now() WHERE job = ${job}`);
}
