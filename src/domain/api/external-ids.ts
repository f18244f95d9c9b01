// Identifiers of a case in other systems (Q&A 10): NESID, where pathogen surveillance is registered,
// and a municipality's own ID. Both are kept with the case and find it in the case list.
import { z } from 'zod';

export const EXTERNAL_SYSTEMS = ['nesid', 'local'] as const;
export type ExternalSystem = (typeof EXTERNAL_SYSTEMS)[number];

/** A NESID ID names one case nationwide: letters and digits, compared without regard to case. */
export const NesidValue = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .regex(/^[0-9A-Za-z]+$/, { error: 'NESID の ID は英数字で入力してください / letters and digits only' })
  .transform((v) => v.toUpperCase());

/** A municipality's own ID: any printable text; the same value may name cases of other municipalities. */
export const LocalValue = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, { error: '制御文字は使えません / no control characters' });

/** The value as stored and searched for, per system. */
export const externalValueSchema = (system: ExternalSystem) => (system === 'nesid' ? NesidValue : LocalValue);

export const AddExternalIdBody = z.discriminatedUnion('system', [
  z.object({ system: z.literal('nesid'), value: NesidValue }).meta({ description: 'NESID: unique nationwide; letters and digits, up to 40' }),
  z.object({ system: z.literal('local'), value: LocalValue }).meta({ description: 'A municipality’s own ID, up to 64 characters' }),
]);

export const ExternalId = z.object({
  id: z.uuid(),
  caseId: z.uuid(),
  system: z.enum(EXTERNAL_SYSTEMS),
  value: z.string(),
  createdBy: z.uuid(),
  createdAt: z.iso.datetime(),
});

export const ExternalIdList = z.object({ externalIds: z.array(ExternalId) });
