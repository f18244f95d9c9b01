// Which audit rows are a staff member's access to a patient's record, as SQL over audit_log: the
// explanation job reads these, and the compliance report counts them (the lists are the domain's,
// src/domain/access-review/accesses.ts).
import { sql } from 'drizzle-orm';
import { LISTINGS, NOT_ACCESS } from '../../domain/access-review/accesses.ts';
import { pgArray } from '../db/pg-array.ts';

/** A staff member's rows about patients' records: accesses, and the work lists and searches they work from. */
export const staffRecordRows = sql`actor_user_id IS NOT NULL AND outcome = 'ok'
  AND split_part(action, '.', 1) <> ALL (${pgArray(NOT_ACCESS.areas)}::text[]) AND action <> ALL (${pgArray(NOT_ACCESS.actions)}::text[])`;

/** Accesses only: a list or a search is not one on its own (the record opened from it is). */
export const staffAccessRows = sql`${staffRecordRows} AND action <> ALL (${pgArray(LISTINGS)}::text[])`;
