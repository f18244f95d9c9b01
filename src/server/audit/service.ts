// Reading the audit trail: administrators review what the IDs they administer did. Row-level
// security limits it to their own rows and those of the organisations they issue IDs for; the
// reading itself is audited too.
import { and, desc, eq, gte, like, lt, lte, type SQL } from 'drizzle-orm';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import type { Database } from '../db/database.ts';
import { auditLog } from '../db/schema.ts';
import { audit } from './audit.ts';

export interface AuditFilter {
  userId?: string;
  orgId?: string;
  action?: string;
  from?: string;
  to?: string;
  beforeSeq?: number;
  limit: number;
}

export async function readAudit(db: Database, ctx: RequestContext, filter: AuditFilter) {
  requirePermission(ctx.actor, 'audit.read');
  return db.asActor(ctx.actor, async (tx) => {
    const where: (SQL | undefined)[] = [
      filter.userId ? eq(auditLog.actorUserId, filter.userId) : undefined,
      filter.orgId ? eq(auditLog.actorOrgId, filter.orgId) : undefined,
      filter.action?.endsWith('.') ? like(auditLog.action, `${filter.action}%`) : filter.action ? eq(auditLog.action, filter.action) : undefined,
      filter.from ? gte(auditLog.at, new Date(filter.from)) : undefined,
      filter.to ? lte(auditLog.at, new Date(filter.to)) : undefined,
      filter.beforeSeq ? lt(auditLog.seq, filter.beforeSeq) : undefined,
    ];
    const rows = await tx.select().from(auditLog).where(and(...where)).orderBy(desc(auditLog.seq)).limit(filter.limit);
    await audit(tx, ctx, { action: 'audit.read', recordType: 'audit_log', recordIds: rows.map((r) => String(r.seq)), details: { filter } });
    return {
      entries: rows.map((r) => ({
        seq: r.seq,
        at: r.at.toISOString(),
        actorUserId: r.actorUserId,
        actorOrgId: r.actorOrgId,
        action: r.action,
        recordType: r.recordType,
        recordIds: r.recordIds,
        purpose: r.purpose,
        clientAddr: r.clientAddr,
        outcome: r.outcome,
        details: r.details as Record<string, unknown>,
      })),
      nextBeforeSeq: rows.length === filter.limit ? rows[rows.length - 1].seq : null,
    };
  });
}
