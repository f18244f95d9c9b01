// SQL for contacts (濃厚接触者) and their exposures, inside the acting user's transaction: row-level
// security shows a contact to its centre, the prefecture and the centres of its source cases or of
// the case it became, and an exposure only with its source case (migration 0015).
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../db/database.ts';
import { rows } from '../db/database.ts';
import { cases, contactExposures, contacts } from '../db/schema.ts';

export type ContactRow = typeof contacts.$inferSelect;
export type ExposureRow = typeof contactExposures.$inferSelect;

/** A uuid[] parameter (the ids come from the database or validated input). */
const uuidArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** `forUpdate` serialises changes of one contact (a new exposure, an outcome, becoming a case). */
export async function findContact(tx: Tx, id: string, forUpdate = false): Promise<ContactRow | null> {
  const query = tx.select().from(contacts).where(eq(contacts.id, id));
  const [row] = forUpdate ? await query.for('update') : await query;
  return row ?? null;
}

/** The person's contact record still followed as a contact (not become a case), newest first. */
export async function openContactOfPerson(tx: Tx, personId: string): Promise<ContactRow | null> {
  const [row] = await tx
    .select()
    .from(contacts)
    .where(and(eq(contacts.personId, personId), isNull(contacts.becameCaseId)))
    .orderBy(desc(contacts.createdAt))
    .limit(1)
    .for('update');
  return row ?? null;
}

/** Whether the person is already recorded as a contact of this case (in any contact record). */
export async function personIsContactOf(tx: Tx, personId: string, sourceCaseId: string): Promise<boolean> {
  const found = await tx
    .select({ id: contactExposures.id })
    .from(contactExposures)
    .innerJoin(contacts, eq(contacts.id, contactExposures.contactId))
    .where(and(eq(contacts.personId, personId), eq(contactExposures.sourceCaseId, sourceCaseId)))
    .limit(1);
  return found.length > 0;
}

export async function insertContact(tx: Tx, values: typeof contacts.$inferInsert): Promise<ContactRow> {
  const [row] = await tx.insert(contacts).values(values).returning();
  return row!;
}

export async function insertExposure(tx: Tx, values: typeof contactExposures.$inferInsert): Promise<ExposureRow> {
  const [row] = await tx.insert(contactExposures).values(values).returning();
  return row!;
}

export async function updateContact(
  tx: Tx,
  id: string,
  version: number,
  values: Partial<Pick<ContactRow, 'monitoringEndsOn' | 'outcome' | 'note' | 'becameCaseId'>>,
): Promise<ContactRow | null> {
  const [row] = await tx
    .update(contacts)
    .set({ ...values, updatedAt: new Date(), version: sql`${contacts.version} + 1` })
    .where(and(eq(contacts.id, id), eq(contacts.version, version)))
    .returning();
  return row ?? null;
}

/** The exposures of a contact whose source case the actor sees, oldest first, with case numbers. */
export const exposuresOfContact = (tx: Tx, contactId: string) =>
  tx
    .select({
      id: contactExposures.id,
      sourceCaseId: contactExposures.sourceCaseId,
      caseNumber: cases.caseNumber,
      setting: contactExposures.setting,
      relation: contactExposures.relation,
      lastContactOn: contactExposures.lastContactOn,
      createdAt: contactExposures.createdAt,
    })
    .from(contactExposures)
    .innerJoin(cases, eq(cases.id, contactExposures.sourceCaseId))
    .where(eq(contactExposures.contactId, contactId))
    .orderBy(asc(contactExposures.createdAt), asc(contactExposures.id));

/** A case's number, if the actor sees the case. */
export async function caseNumberOf(tx: Tx, caseId: string | null): Promise<string | null> {
  if (!caseId) return null;
  const [row] = await tx.select({ caseNumber: cases.caseNumber }).from(cases).where(eq(cases.id, caseId));
  return row?.caseNumber ?? null;
}

export interface CaseContactRow {
  contact_id: string;
  exposure_id: string;
  setting: string;
  relation: string | null;
  last_contact_on: string;
  monitoring_ends_on: string;
  outcome: string;
  version: number;
  responsible_hc_id: string;
  became_case_id: string | null;
  became_case_number: string | null;
  person_id: string;
  name_kanji: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
  phone: string | null;
  residence_address: string | null;
}

/** The contacts of a case (the exposures where it is the source), by last contact. */
export function contactsOfCase(tx: Tx, caseId: string) {
  return rows<CaseContactRow>(
    tx,
    sql`SELECT ct.id AS contact_id, e.id AS exposure_id, e.setting, e.relation, e.last_contact_on::text AS last_contact_on,
               ct.monitoring_ends_on::text AS monitoring_ends_on, ct.outcome, ct.version, ct.responsible_hc_id,
               bc.id AS became_case_id, bc.case_number AS became_case_number,
               p.id AS person_id, p.name_kanji, p.name_kana, p.sex, p.birth_date::text AS birth_date, p.phone, p.residence_address
        FROM contact_exposures e
        JOIN contacts ct ON ct.id = e.contact_id
        JOIN persons p ON p.id = ct.person_id
        LEFT JOIN cases bc ON bc.id = ct.became_case_id
        WHERE e.source_case_id = ${caseId}
        ORDER BY e.last_contact_on, e.created_at, e.id`,
  );
}

/** One link of the transmission chain: which case exposed which contact, and the case it became. */
export interface ChainLink {
  exposure_id: string;
  source_case_id: string;
  contact_id: string;
  became_case_id: string | null;
  setting: string;
  last_contact_on: string;
  /** Signed: positive down to contacts, negative up to sources. */
  generation: number;
}

/**
 * The links around a case, walked by transmission_chain() (migration 0016): across centres, so it
 * returns no identity; nothing unless the actor sees the case and follows contacts.
 */
export const chainLinks = (tx: Tx, caseId: string, generations: number, limit: number) =>
  rows<ChainLink>(
    tx,
    sql`SELECT exposure_id, source_case_id, contact_id, became_case_id, setting, last_contact_on::text AS last_contact_on, generation
        FROM transmission_chain(${caseId}::uuid, ${generations}::integer, ${limit}::integer)`,
  );

/** Who a node of the chain is, for the nodes row-level security lets the actor see. */
export interface ChainIdentity {
  id: string;
  case_number: string | null;
  outcome: string | null;
  responsible_hc_id: string;
  person_id: string;
  name_kana: string;
  sex: 'male' | 'female';
  birth_date: string;
}

export const chainCases = (tx: Tx, ids: readonly string[]) =>
  rows<ChainIdentity>(
    tx,
    sql`SELECT c.id, c.case_number, NULL AS outcome, c.responsible_hc_id, p.id AS person_id, p.name_kana, p.sex, p.birth_date::text AS birth_date
        FROM cases c JOIN persons p ON p.id = c.person_id WHERE c.id = ANY (${uuidArray(ids)})`,
  );

export const chainContacts = (tx: Tx, ids: readonly string[]) =>
  rows<ChainIdentity>(
    tx,
    sql`SELECT ct.id, NULL AS case_number, ct.outcome, ct.responsible_hc_id, p.id AS person_id, p.name_kana, p.sex, p.birth_date::text AS birth_date
        FROM contacts ct JOIN persons p ON p.id = ct.person_id WHERE ct.id = ANY (${uuidArray(ids)})`,
  );
