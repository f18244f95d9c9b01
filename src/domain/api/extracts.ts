// Request and response shapes of /api/extracts (issue 14, Q&A 21–22): a pseudonymised extract of the
// cases in the user's scope, with its data dictionary, and the log of extracts. The files travel in
// the answer to the request that made them: the pseudonym key is gone once it is answered.
import { z } from 'zod';
import { MAX_PERIOD_DAYS, periodDays } from '../privacy/compliance.ts';
import { QUASI_IDENTIFIERS } from '../privacy/extract-fields.ts';
import { K_DEFAULT, K_MAX, K_MIN } from '../privacy/k-anonymity.ts';
import { CalendarDate } from './dates.ts';

export const EXTRACT_FORMATS = ['csv', 'xlsx'] as const;

const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(2, { error: `${what}を2文字以上で記入してください / at least 2 characters` })
    .max(max, { error: `${max}文字以内にしてください / at most ${max} characters` });

export const ExtractRequest = z
  .object({
    from: CalendarDate.meta({ description: 'First day of the period (Japan date of the first 「報告」)' }),
    to: CalendarDate.meta({ description: 'Last day, included' }),
    quasiIdentifiers: z
      .array(z.enum(QUASI_IDENTIFIERS))
      .min(1, { error: '準識別子を1つ以上選んでください / choose at least one quasi-identifier' })
      .refine((q) => new Set(q).size === q.length, { error: '同じ項目が重複しています / each at most once' })
      .meta({ description: 'The generalised quasi-identifiers to include; k-anonymity is checked on exactly these' }),
    k: z
      .number()
      .int()
      .min(K_MIN, { error: `k は${K_MIN}以上にしてください / k is at least ${K_MIN}` })
      .max(K_MAX, { error: `k は${K_MAX}以下にしてください / k is at most ${K_MAX}` })
      .default(K_DEFAULT),
    purpose: text(500, '利用目的'),
    recipient: text(200, '提供先'),
    format: z.enum(EXTRACT_FORMATS).default('csv'),
  })
  .strict()
  .refine((q) => q.from <= q.to, { path: ['to'], error: '終了日は開始日以降にしてください / the last day is on or after the first' })
  .refine((q) => periodDays(q.from, q.to) <= MAX_PERIOD_DAYS, { path: ['to'], error: `期間は${MAX_PERIOD_DAYS}日以内にしてください / at most ${MAX_PERIOD_DAYS} days` });

/** One extract in the log: who, when, for what and whom, and what left. */
export const Extract = z.object({
  id: z.uuid(),
  userName: z.string(),
  orgName: z.string(),
  scope: z.string(),
  from: z.string(),
  to: z.string(),
  quasiIdentifiers: z.array(z.enum(QUASI_IDENTIFIERS)),
  k: z.number().int(),
  rowsRead: z.number().int(),
  rowsReleased: z.number().int(),
  rowsSuppressed: z.number().int().meta({ description: 'Rows withheld: their class stayed under k after local suppression' }),
  cellsSuppressed: z.number().int().meta({ description: 'Released rows whose value of suppressedColumn reads "suppressed"' }),
  suppressedColumn: z.enum(QUASI_IDENTIFIERS).nullable(),
  purpose: z.string(),
  recipient: z.string(),
  format: z.enum(EXTRACT_FORMATS),
  createdAt: z.iso.datetime(),
});

export const ExtractFile = z.object({
  name: z.string(),
  mediaType: z.string(),
  base64: z.string(),
});

export const ExtractResult = z.object({
  extract: Extract,
  files: z.array(ExtractFile).meta({ description: 'The data and the data dictionary (two CSV files, or one workbook with both sheets)' }),
});

export const ExtractList = z.object({ extracts: z.array(Extract) });
