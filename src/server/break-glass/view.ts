// A grant as the API shows it (src/domain/api/break-glass.ts).
import type { z } from 'zod';
import type { BreakGlassGrant } from '../../domain/api/break-glass.ts';
import { grantActiveAt, type BreakGlassReason } from '../../domain/privacy/break-glass.ts';
import type { GrantRow } from './repo.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function viewOf(g: GrantRow, now = new Date()): z.infer<typeof BreakGlassGrant> {
  const period = { grantedAt: iso(g.grantedAt)!, expiresAt: iso(g.expiresAt)!, endedAt: iso(g.endedAt) };
  return {
    id: g.id,
    caseId: g.caseId,
    caseNumber: g.caseNumber,
    userName: g.userName,
    orgName: g.orgName,
    responsibleHcName: g.responsibleHcName,
    reason: g.reason as BreakGlassReason,
    note: g.note,
    writes: g.writes,
    ...period,
    active: grantActiveAt(period, now),
    seenAt: iso(g.seenAt),
    seenByName: g.seenByName,
  };
}
