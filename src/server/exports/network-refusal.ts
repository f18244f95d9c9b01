// A request from outside the allowed networks: refused with a 403, and the attempt audited in a
// transaction of its own (the routes that check it keep their own transactions, so the audit row
// commits although the answer is an error).
import { exportPurpose, type ExportReason } from '../../domain/privacy/exports.ts';
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import type { ExportOptions } from './options.ts';

export async function requireAllowedNetwork(db: Database, ctx: RequestContext, options: ExportOptions, what: { action: string; exportId?: string; reason?: ExportReason }) {
  if (options.allowed(ctx.clientAddr)) return;
  await db.asActor(ctx.actor, (tx) =>
    audit(tx, { ...ctx, purpose: what.reason ? exportPurpose(what.reason) : ctx.purpose }, {
      action: what.action,
      recordType: 'export',
      recordIds: what.exportId ? [what.exportId] : [],
      outcome: 'denied',
      details: { reason: 'network', clientAddr: ctx.clientAddr },
    }),
  );
  throw new AppError(403, 'export_network_refused');
}
