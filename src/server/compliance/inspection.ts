// 抜き打ち検査 (issue 14, seed 000): every audited action of an organisation's contractors' staff in a
// period, for the privacy officer — on the screen (the first rows) and as CSV (all of them). Read
// through contractor_inspection() (migration 0038), which keeps to the officer's tree.
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { InspectionQuery, InspectionReport } from '../../domain/api/inspection.ts';
import { periodBounds } from '../../domain/privacy/compliance.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import { rows, type Database, type Tx } from '../db/database.ts';
import { pgArray } from '../db/pg-array.ts';
import { AppError } from '../errors.ts';
import { subtree } from './repo.ts';

/** Rows on the screen; the CSV carries every row up to the hard cap. */
export const INSPECTION_SCREEN_ROWS = 500;
export const INSPECTION_CSV_ROWS = 1_000_000;

interface Row {
  seq: string;
  at: Date;
  login_id: string;
  display_name: string;
  contractor_name: string;
  org_name: string;
  action: string;
  outcome: string;
  purpose: string | null;
  case_numbers: string[];
}

function inspectionRows(tx: Tx, orgIds: string[], since: Date, until: Date, limit: number) {
  return rows<Row>(tx, sql`SELECT * FROM contractor_inspection(${pgArray(orgIds)}::uuid[], ${since.toISOString()}::timestamptz, ${until.toISOString()}::timestamptz, ${limit}::int)`);
}

async function inspect(db: Database, ctx: RequestContext, query: z.infer<typeof InspectionQuery>, limit: number, format: 'screen' | 'csv') {
  requirePermission(ctx.actor, 'compliance.read');
  const { since, until } = periodBounds(query.from, query.to);
  const orgId = query.orgId ?? ctx.actor.orgId;
  return db.asActor(ctx.actor, async (tx) => {
    const orgIds = await subtree(tx, orgId);
    if (!orgIds.length) throw new AppError(403, 'forbidden', { orgId });
    // One more than shown tells whether the screen is cut.
    const found = await inspectionRows(tx, orgIds, since, until, limit + 1);
    await audit(tx, ctx, { action: 'compliance.inspection', recordType: 'organization', recordIds: [orgId], details: { from: query.from, to: query.to, format, rows: Math.min(found.length, limit) } });
    return { found: found.slice(0, limit), truncated: found.length > limit };
  });
}

export async function inspectionReport(db: Database, ctx: RequestContext, query: z.infer<typeof InspectionQuery>): Promise<z.infer<typeof InspectionReport>> {
  const { found, truncated } = await inspect(db, ctx, query, INSPECTION_SCREEN_ROWS, 'screen');
  return {
    from: query.from,
    to: query.to,
    contractorIds: new Set(found.map((r) => r.login_id)).size,
    total: found.length,
    truncated,
    rows: found.map((r) => ({
      seq: Number(r.seq),
      at: new Date(r.at).toISOString(),
      loginId: r.login_id,
      displayName: r.display_name,
      contractorName: r.contractor_name,
      orgName: r.org_name,
      action: r.action,
      outcome: r.outcome,
      purpose: r.purpose,
      caseNumbers: r.case_numbers,
    })),
  };
}

const CSV_HEADER = ['日時', 'ID', '氏名', '委託先', '所属', '操作', '結果', '利用目的', 'HER-SYS ID'];

/** The whole inspection as CSV (UTF-8 with BOM, for Excel): one row per audited action. */
export async function inspectionCsv(db: Database, ctx: RequestContext, query: z.infer<typeof InspectionQuery>): Promise<string> {
  const { found } = await inspect(db, ctx, query, INSPECTION_CSV_ROWS, 'csv');
  return (
    '\ufeff' +
    stringify([
      CSV_HEADER,
      ...found.map((r) => [new Date(r.at).toISOString(), r.login_id, r.display_name, r.contractor_name, r.org_name, r.action, r.outcome, r.purpose ?? '', r.case_numbers.join(' ')]),
    ])
  );
}
