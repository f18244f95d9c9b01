// Reading uploads: the organisation's list (counts only), and one upload with its rows — the values
// typed are personal data, so opening it is audited like opening a case.
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { bulkColumns, rowView, summaryOf, templateColumns } from './rows.ts';

export async function listUploads(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    const uploads = await repo.listUploads(tx, 50);
    const counts = await repo.countsOf(tx, uploads.map((u) => u.id));
    return { uploads: uploads.map((u) => summaryOf(u, counts.get(u.id)!)) };
  });
}

export async function readUpload(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    const u = await repo.findUpload(tx, id);
    if (!u) throw notFound();
    const rows = await repo.rowsOf(tx, id);
    const counts = (await repo.countsOf(tx, [id])).get(id)!;
    await audit(tx, ctx, { action: 'bulk_uploads.read', recordType: 'bulk_upload', recordIds: [id], details: { rows: rows.length } });
    // The template's columns first, then any other column a row carries (an older version's).
    const { columns } = templateColumns(u.disease);
    const keys = new Set(columns.map((c) => c.key));
    const extra = [...new Set(rows.flatMap((r) => Object.keys(r.cells)))].filter((k) => !keys.has(k)).flatMap((k) => bulkColumns(u.disease).get(k) ?? []);
    const view = [...columns, ...extra].map(({ key, label, kind, required, options }) => ({ key, label, kind, required, ...(options ? { options } : {}) }));
    return { ...summaryOf(u, counts), columns: view, rows: rows.map(rowView) };
  });
}
