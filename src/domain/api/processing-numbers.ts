// Request and response shapes of the 処理番号 endpoints (Q&A 2). The number itself appears in one
// answer only, the one that issues it; lists show when and by whom, never the number.
import { z } from 'zod';
import { normalizeProcessingNumber, PROCESSING_NUMBER_LENGTH, PROCESSING_NUMBER_STATES } from '../processing-number.ts';

export const ProcessingNumberIssued = z.object({
  id: z.uuid(),
  number: z.string().meta({ description: `The ${PROCESSING_NUMBER_LENGTH}-digit number for the patient: shown this once, stored only as a hash` }),
  issuedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedEarlier: z.number().int().meta({ description: 'Earlier numbers of the case, unused and unexpired, revoked by this one' }),
});

export const ProcessingNumberItem = z.object({
  id: z.uuid(),
  issuedAt: z.iso.datetime(),
  issuedBy: z.uuid().meta({ description: 'The user who issued it' }),
  expiresAt: z.iso.datetime(),
  usedAt: z.iso.datetime().nullable(),
  revokedAt: z.iso.datetime().nullable(),
  state: z.enum(PROCESSING_NUMBER_STATES),
});

export const ProcessingNumberList = z.object({ processingNumbers: z.array(ProcessingNumberItem).meta({ description: 'Newest first' }) });

export const RedeemBody = z.object({
  number: z
    .string()
    .max(32)
    .refine((s) => normalizeProcessingNumber(s) !== null, { error: '処理番号は8桁の数字です / a processing number is 8 digits' })
    .meta({ description: 'As the patient typed it: spaces, hyphens and full-width digits are accepted' }),
});

export const Redeemed = z.object({
  selfReportId: z.string().meta({ description: 'The case’s self-report ID: nothing else about the case leaves' }),
});
