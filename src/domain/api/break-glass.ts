// Request and response shapes of /api/break-glass (issue 14). The search (case number, or full name
// with date of birth) travels in a POST body, never in a URL; answers carry ids and the grant, and the
// case itself is then read through the ordinary case endpoints under the grant.
import { z } from 'zod';
import { isValidCaseNumber } from '../case-number.ts';
import { BREAK_GLASS_NOTE_MAX, BREAK_GLASS_NOTE_MIN, BREAK_GLASS_REASON_CODES } from '../privacy/break-glass.ts';
import { CalendarDate } from './dates.ts';

const CaseNumberSearch = z
  .object({
    by: z.literal('case_number'),
    caseNumber: z
      .string()
      .trim()
      .refine(isValidCaseNumber, { error: 'HER-SYS ID（8桁、最後の桁はチェック数字）を入力してください / an 8-digit HER-SYS ID with its check digit' }),
  })
  .strict();

const IdentitySearch = z
  .object({
    by: z.literal('identity'),
    fullName: z
      .string()
      .trim()
      .min(2, { error: '氏名（漢字またはカナ、姓名とも）を入力してください / the full name (kanji or kana, family and given)' })
      .max(100),
    birthDate: CalendarDate,
  })
  .strict();

export const BreakGlassSearch = z
  .discriminatedUnion('by', [CaseNumberSearch, IdentitySearch])
  .meta({ description: 'A HER-SYS ID, or the full name with the date of birth: matched exactly, never a list to browse' });

export const BreakGlassRequest = z.object({
  search: BreakGlassSearch,
  reason: z.enum(BREAK_GLASS_REASON_CODES).meta({ description: 'A reason from GET /api/break-glass/reasons; it says whether the grant allows writing' }),
  note: z
    .string()
    .trim()
    .min(BREAK_GLASS_NOTE_MIN, { error: `状況を${BREAK_GLASS_NOTE_MIN}文字以上で記入してください / describe the situation in at least ${BREAK_GLASS_NOTE_MIN} characters` })
    .max(BREAK_GLASS_NOTE_MAX),
});

export const BreakGlassReasonList = z.array(
  z.object({ code: z.enum(BREAK_GLASS_REASON_CODES), ja: z.string(), en: z.string(), writes: z.boolean() }),
);

/** A grant as its user and the responsible centre see it. */
export const BreakGlassGrant = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  caseNumber: z.string(),
  userName: z.string(),
  orgName: z.string(),
  responsibleHcName: z.string(),
  reason: z.enum(BREAK_GLASS_REASON_CODES),
  note: z.string(),
  writes: z.boolean(),
  grantedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  active: z.boolean(),
  seenAt: z.iso.datetime().nullable(),
  seenByName: z.string().nullable(),
});

export const BreakGlassResult = z.object({
  grants: z.array(BreakGlassGrant).meta({ description: 'The new grants, one per case found outside the user’s scope' }),
  inScopeCaseIds: z.array(z.uuid()).meta({ description: 'Cases found that the user already sees: opened as usual, no grant' }),
});

export const BreakGlassList = z.object({
  grants: z.array(BreakGlassGrant),
  unseen: z.number().int().min(0).meta({ description: 'Grants on the centre’s cases no one at the centre has marked seen yet' }),
});
