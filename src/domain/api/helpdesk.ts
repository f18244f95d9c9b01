// Request and response shapes of /api/helpdesk (issue 14, Q&A 24). A request names cases by HER-SYS
// ID for a support ticket; its answer is the same whether a number names a case or not. The case is
// then read through the ordinary case endpoints while the access lasts.
import { z } from 'zod';
import { isValidCaseNumber } from '../case-number.ts';
import { HELPDESK_MAX_CASES, HELPDESK_MODES, HELPDESK_REASON_MAX, HELPDESK_REASON_MIN, HELPDESK_TICKET_MAX } from '../privacy/helpdesk.ts';

export const HelpdeskRequest = z
  .object({
    ticket: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: '問合せ番号は英数字とハイフンで入力してください / the ticket reference: letters, digits and hyphens' })
      .max(HELPDESK_TICKET_MAX)
      .meta({ description: 'The support ticket’s reference: letters, digits and hyphens only, so it can go in the centre’s e-mail' }),
    reason: z
      .string()
      .trim()
      .min(HELPDESK_REASON_MIN, { error: `問合せの内容を${HELPDESK_REASON_MIN}文字以上で記入してください / describe the support case in at least ${HELPDESK_REASON_MIN} characters` })
      .max(HELPDESK_REASON_MAX),
    caseNumbers: z
      .array(z.string().trim().refine(isValidCaseNumber, { error: 'HER-SYS ID（8桁、最後の桁はチェック数字）を入力してください / an 8-digit HER-SYS ID with its check digit' }))
      .min(1)
      .max(HELPDESK_MAX_CASES),
  })
  .strict();

const STATUSES = ['pending', 'scheduled', 'active', 'refused', 'ended', 'expired', 'lapsed'] as const;

/**
 * An access as the helpdesk user sees it: before the centre has answered (or the access has started),
 * nothing tells a number with a case from one without: no case id, no centre.
 */
export const HelpdeskOwnAccess = z.object({
  id: z.uuid(),
  caseNumber: z.string(),
  caseId: z.uuid().nullable().meta({ description: 'Only once the access has started (to open the case page)' }),
  responsibleHcName: z.string().nullable().meta({ description: 'Only once the centre has answered or the access has started' }),
  ticket: z.string(),
  reason: z.string(),
  mode: z.enum(HELPDESK_MODES),
  hours: z.number(),
  requestedAt: z.iso.datetime(),
  startsAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  endedAt: z.iso.datetime().nullable(),
  status: z.enum(STATUSES),
});

export const HelpdeskOwnList = z.object({ accesses: z.array(HelpdeskOwnAccess) });

export const HelpdeskRequestResult = z.object({
  accesses: z.array(HelpdeskOwnAccess).meta({ description: 'One per number, alike whether the number names a case or not' }),
});

/** One audited look by the helpdesk user at the case while the access lasted. */
export const HelpdeskRead = z.object({ at: z.iso.datetime(), action: z.string(), outcome: z.string() });

/** An access as the responsible centre sees it, with the pages viewed under it. */
export const HelpdeskCentreAccess = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  userName: z.string(),
  contractorName: z.string().nullable(),
  ticket: z.string(),
  reason: z.string(),
  mode: z.enum(HELPDESK_MODES),
  hours: z.number(),
  requestedAt: z.iso.datetime(),
  startsAt: z.iso.datetime().nullable(),
  expiresAt: z.iso.datetime().nullable(),
  decision: z.enum(['approved', 'refused']).nullable(),
  decidedByName: z.string().nullable(),
  endedAt: z.iso.datetime().nullable(),
  endedByName: z.string().nullable(),
  status: z.enum(STATUSES),
  reads: z.array(HelpdeskRead),
});

export const HelpdeskCentreList = z.object({
  accesses: z.array(HelpdeskCentreAccess),
  waiting: z.number().int().min(0).meta({ description: 'Requests waiting for the centre’s answer' }),
});

export const HelpdeskDecision = z.object({ decision: z.enum(['approve', 'refuse']) }).strict();
