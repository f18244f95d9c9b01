// An access as the API shows it to its requester and to the centre (src/domain/api/helpdesk.ts).
import type { z } from 'zod';
import type { HelpdeskCentreAccess, HelpdeskOwnAccess, HelpdeskRead } from '../../domain/api/helpdesk.ts';
import { helpdeskStatus, type HelpdeskMode } from '../../domain/privacy/helpdesk.ts';
import type { AccessRow } from './repo.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export const statusOf = (a: AccessRow, now = new Date()) => period(a, now).status;

function period(a: AccessRow, now: Date) {
  const p = {
    requestedAt: iso(a.requestedAt)!,
    startsAt: iso(a.startsAt),
    expiresAt: iso(a.expiresAt),
    endedAt: iso(a.endedAt),
  };
  return { ...p, status: helpdeskStatus({ ...p, decision: a.decision as 'approved' | 'refused' | null, found: a.caseId !== null }, now) };
}

/**
 * The requester's view. A request for an unknown number looks like one waiting for its centre: the
 * case and the centre show only once the access has started or the centre has answered.
 */
export function ownView(a: AccessRow, centreName: string | null, now = new Date()): z.infer<typeof HelpdeskOwnAccess> {
  const p = period(a, now);
  // Only a centre's answer or a start tells a number with a case from one without.
  const known = a.decision !== null || a.endedAt !== null || p.status === 'active' || p.status === 'expired';
  return {
    id: a.id,
    caseNumber: a.caseNumber,
    caseId: p.status === 'active' ? a.caseId : null,
    responsibleHcName: known ? centreName : null,
    ticket: a.ticket,
    reason: a.reason,
    mode: a.mode as HelpdeskMode,
    hours: a.hours,
    ...p,
  };
}

export function centreView(a: AccessRow, reads: z.infer<typeof HelpdeskRead>[], now = new Date()): z.infer<typeof HelpdeskCentreAccess> {
  return {
    id: a.id,
    caseId: a.caseId!,
    caseNumber: a.caseNumber,
    userName: a.userName,
    contractorName: a.contractorName,
    ticket: a.ticket,
    reason: a.reason,
    mode: a.mode as HelpdeskMode,
    hours: a.hours,
    decision: a.decision as 'approved' | 'refused' | null,
    decidedByName: a.decidedByName,
    endedByName: a.endedByName,
    ...period(a, now),
    reads,
  };
}
