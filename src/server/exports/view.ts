// An export as the API shows it: what was asked and its state, never its key.
import { effectiveStatus, type ExportFormat, type ExportKind, type ExportReason, type ExportStatus } from '../../domain/privacy/exports.ts';
import type { ExportRecord } from './repo.ts';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function viewOf(r: ExportRecord, now = new Date()) {
  return {
    id: r.id,
    requesterName: r.requesterName,
    orgName: r.orgName,
    kind: r.kind as ExportKind,
    format: r.format as ExportFormat,
    encrypted: r.encrypted,
    filters: r.filters as Record<string, unknown>,
    reason: r.reason as ExportReason,
    note: r.note,
    rowCount: r.rowCount,
    needsApproval: r.needsApproval,
    status: effectiveStatus(r.status as ExportStatus, r.expiresAt ? new Date(r.expiresAt) : null, now),
    approverName: r.approverName,
    createdAt: new Date(r.createdAt).toISOString(),
    decidedAt: iso(r.decidedAt),
    expiresAt: iso(r.expiresAt),
    fetchedAt: iso(r.fetchedAt),
  };
}
