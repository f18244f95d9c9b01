// How the accesses of some organisations over a period were explained: per template, by purpose
// only, and unexplained — the share the compliance report gives (seed 000 §2-4, "how it was checked").
import { sql } from 'drizzle-orm';
import { TEMPLATE_IDS, type TemplateId } from '../../domain/access-review/explanations.ts';
import { rows, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';

export interface ExplanationShares {
  accesses: number;
  unexplained: number;
  purposeOnly: number;
  byTemplate: Record<TemplateId, number>;
}

/** Counts of the explained accesses made by staff of `orgIds` in [from, to). Reads access_explanations: RLS applies to an officer. */
export async function explanationShares(tx: Tx, orgIds: readonly string[], from: Date, to: Date): Promise<ExplanationShares> {
  const found = await rows<{ template: TemplateId | null; n: number }>(
    tx,
    sql`SELECT template, count(*)::int AS n FROM access_explanations
         WHERE actor_org_id = ANY (${pgArray(orgIds)}::uuid[]) AND at >= ${from.toISOString()}::timestamptz AND at < ${to.toISOString()}::timestamptz
         GROUP BY template`,
  );
  const byTemplate = Object.fromEntries(TEMPLATE_IDS.map((id) => [id, 0])) as Record<TemplateId, number>;
  let accesses = 0;
  let unexplained = 0;
  for (const f of found) {
    accesses += f.n;
    if (f.template === null) unexplained += f.n;
    else byTemplate[f.template] = f.n;
  }
  return { accesses, unexplained, purposeOnly: byTemplate.purpose, byTemplate };
}
