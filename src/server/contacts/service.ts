// 濃厚接触者 (close contacts): health-centre staff register them after interviewing a patient
// (Shinjuku report §2(3)ウ), follow them until monitoring ends, and record when one becomes a case;
// the exposures link cases into a transmission chain. Each use case is one transaction as the
// acting user (row-level security applies) with its audit row.
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { AddContactBody, ContactCaseBody, UpdateContactBody } from '../../domain/api/contacts.ts';
import { japanToday } from '../../domain/calendar.ts';
import {
  contactMonitoringEndsOn,
  lastContactProblem,
  monitoringEndsOn,
  SETTABLE_OUTCOMES,
  type ContactDisease,
  type ContactOutcome,
  type ContactSetting,
} from '../../domain/contacts.ts';
import { ageBand, maskName } from '../../domain/masking.ts';
import { isHealthCentreStaff, requirePermission, type Actor, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import * as caseRepo from '../cases/repo.ts';
import { personValues, registerIn } from '../cases/service.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, fieldError, notFound, versionConflict } from '../errors.ts';
import { relatedCentresOf } from '../notifications/repo.ts';
import { findOrg } from '../orgs/repo.ts';
import * as repo from './repo.ts';

/** Contacts are followed for COVID-19 only so far (contacts.disease defaults to it). */
const DISEASE: ContactDisease = 'covid19';

/** At most this many nodes in one chain answer; more is `truncated`. */
export const CHAIN_MAX_NODES = 500;


/** Staff of the source case's responsible or a related centre: the centres that interview the patient. */
async function requireCaseCentre(tx: Tx, actor: Actor, kase: caseRepo.CaseRow): Promise<void> {
  if (isHealthCentreStaff(actor) && [kase.responsibleHcId, ...(await relatedCentresOf(tx, kase.id))].includes(actor.orgId)) return;
  throw new AppError(403, 'contact_not_case_centre');
}

/** Staff of the centre following the contact: its outcome and its case are that centre's work. */
function requireFollowingCentre(actor: Actor, contact: repo.ContactRow): void {
  if (!isHealthCentreStaff(actor) || contact.responsibleHcId !== actor.orgId) throw new AppError(403, 'contact_not_following_centre');
}

interface PersonFacts {
  id: string;
  nameKanji: string;
  nameKana: string;
  sex: string;
  birthDate: string;
  phone: string | null;
  residenceAddress: string | null;
}

/** Masked for everyone; the full identity for health-centre staff, whose working list it is. */
function personView(actor: Actor, p: PersonFacts, today: string) {
  return {
    id: p.id,
    maskedName: maskName(p.nameKana),
    sex: p.sex as 'male' | 'female',
    ageBand: ageBand(p.birthDate, today),
    full: isHealthCentreStaff(actor)
      ? { nameKanji: p.nameKanji, nameKana: p.nameKana, birthDate: p.birthDate, phone: p.phone, residenceAddress: p.residenceAddress }
      : null,
  };
}

/** Registers a contact of a case: a new person, or one found by the duplicate check (audited). */
export async function addContact(db: Database, ctx: RequestContext, caseId: string, body: z.infer<typeof AddContactBody>) {
  requirePermission(ctx.actor, 'contacts.manage');
  const today = japanToday(new Date());
  const problem = lastContactProblem(DISEASE, body.lastContactOn, today);
  if (problem) throw fieldError(['body', 'lastContactOn'], problem);
  return db.asActor(ctx.actor, async (tx) => {
    const source = await caseRepo.findCase(tx, caseId);
    if (!source) throw notFound();
    await requireCaseCentre(tx, ctx.actor, source);
    const createdBy = ctx.actor.userId;

    // Like registration, the user chooses: a new person, or one the duplicate check found. No
    // matching happens here, so a person given as new is always new.
    let personId: string;
    let existing: repo.ContactRow | null = null;
    if (body.personId) {
      const person = await caseRepo.findPerson(tx, body.personId);
      if (!person) throw notFound();
      if (person.id === source.personId) throw fieldError(['body', 'personId'], 'contact_is_source_person');
      if (await repo.personIsContactOf(tx, person.id, source.id)) throw new AppError(409, 'contact_exposure_exists');
      personId = person.id;
      existing = await repo.openContactOfPerson(tx, person.id);
    } else {
      personId = randomUUID();
      await caseRepo.insertPerson(tx, { id: personId, ...personValues(body.person!), createdBy });
    }

    let contact: repo.ContactRow;
    const exposureOf = (contactId: string) => ({
      contactId,
      sourceCaseId: source.id,
      setting: body.setting,
      relation: body.relation ?? null,
      lastContactOn: body.lastContactOn,
      createdBy,
    });
    let exposure: repo.ExposureRow;
    let reopened = false;
    if (existing) {
      // One contact record per person, linked to each source case; monitoring runs from the latest contact.
      exposure = await repo.insertExposure(tx, exposureOf(existing.id));
      const lastContacts = (await repo.exposuresOfContact(tx, existing.id)).map((e) => e.lastContactOn);
      const ends = contactMonitoringEndsOn(DISEASE, lastContacts, existing.monitoringEndsOn);
      // A new exposure reopens a completed monitoring that it extends to today or later.
      reopened = existing.outcome === 'completed' && ends >= today;
      const updated = await repo.updateContact(tx, existing.id, existing.version, {
        monitoringEndsOn: ends,
        outcome: reopened ? 'monitoring' : existing.outcome,
        note: body.note ? [existing.note, body.note].filter(Boolean).join('\n') : existing.note,
      });
      if (!updated) throw versionConflict(existing.version);
      contact = updated;
    } else {
      const centre = (await findOrg(tx, ctx.actor.orgId))!;
      contact = await repo.insertContact(tx, {
        personId,
        responsibleHcId: centre.id,
        prefectureId: centre.prefectureId!,
        disease: DISEASE,
        monitoringEndsOn: monitoringEndsOn(DISEASE, body.lastContactOn),
        note: body.note ?? null,
        createdBy,
      });
      exposure = await repo.insertExposure(tx, exposureOf(contact.id));
    }
    const created = existing ? ('exposure' as const) : ('contact' as const);
    await audit(tx, ctx, {
      action: 'contacts.add',
      recordType: 'contact',
      recordIds: [contact.id, personId],
      details: { sourceCaseId: source.id, exposureId: exposure.id, created, newPerson: !body.personId, reopened },
    });
    return {
      contactId: contact.id,
      personId,
      exposureId: exposure.id,
      created,
      monitoringEndsOn: contact.monitoringEndsOn,
      outcome: contact.outcome as ContactOutcome,
      version: contact.version,
    };
  });
}

/** The contacts of a case: the centre's working list (audited with the persons shown). */
export async function listCaseContacts(db: Database, ctx: RequestContext, caseId: string) {
  requirePermission(ctx.actor, 'contacts.read');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await caseRepo.findCase(tx, caseId))) throw notFound();
    const found = await repo.contactsOfCase(tx, caseId);
    await audit(tx, ctx, {
      action: 'contacts.list',
      recordType: 'person',
      recordIds: [...new Set(found.map((r) => r.person_id))],
      details: { caseId, contactIds: found.map((r) => r.contact_id) },
    });
    const today = japanToday(new Date());
    return found.map((r) => ({
      contactId: r.contact_id,
      exposureId: r.exposure_id,
      person: personView(
        ctx.actor,
        { id: r.person_id, nameKanji: r.name_kanji, nameKana: r.name_kana, sex: r.sex, birthDate: r.birth_date, phone: r.phone, residenceAddress: r.residence_address },
        today,
      ),
      setting: r.setting as ContactSetting,
      relation: r.relation,
      lastContactOn: r.last_contact_on,
      monitoringEndsOn: r.monitoring_ends_on,
      outcome: r.outcome as ContactOutcome,
      responsibleHcId: r.responsible_hc_id,
      becameCase: r.became_case_id ? { caseId: r.became_case_id, caseNumber: r.became_case_number! } : null,
      version: r.version,
    }));
  });
}

async function contactView(tx: Tx, actor: Actor, contact: repo.ContactRow) {
  const person = (await caseRepo.findPerson(tx, contact.personId))!;
  const exposures = await repo.exposuresOfContact(tx, contact.id);
  const becameCaseNumber = await repo.caseNumberOf(tx, contact.becameCaseId);
  return {
    id: contact.id,
    person: personView(actor, person, japanToday(new Date())),
    responsibleHcId: contact.responsibleHcId,
    disease: contact.disease,
    monitoringEndsOn: contact.monitoringEndsOn,
    outcome: contact.outcome as ContactOutcome,
    becameCase: contact.becameCaseId && becameCaseNumber ? { caseId: contact.becameCaseId, caseNumber: becameCaseNumber } : null,
    note: contact.note,
    createdAt: contact.createdAt.toISOString(),
    updatedAt: contact.updatedAt.toISOString(),
    version: contact.version,
    exposures: exposures.map((e) => ({
      id: e.id,
      sourceCase: { caseId: e.sourceCaseId, caseNumber: e.caseNumber },
      setting: e.setting as ContactSetting,
      relation: e.relation,
      lastContactOn: e.lastContactOn,
      createdAt: e.createdAt.toISOString(),
    })),
  };
}

/** A contact with all the source cases one may see (audited). */
export async function getContact(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'contacts.read');
  return db.asActor(ctx.actor, async (tx) => {
    const contact = await repo.findContact(tx, id);
    if (!contact) throw notFound();
    await audit(tx, ctx, { action: 'contacts.read', recordType: 'contact', recordIds: [contact.id, contact.personId] });
    return contactView(tx, ctx.actor, contact);
  });
}

/** The outcome of monitoring and the note, by the centre following the contact, with the version. */
export async function updateContact(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof UpdateContactBody>) {
  requirePermission(ctx.actor, 'contacts.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findContact(tx, id, true);
    if (!before) throw notFound();
    requireFollowingCentre(ctx.actor, before);
    if (body.outcome !== undefined && !SETTABLE_OUTCOMES.includes(body.outcome)) {
      throw fieldError(['body', 'outcome'], 'contact_outcome_by_case');
    }
    if (body.outcome !== undefined && before.becameCaseId) throw new AppError(409, 'contact_already_case');
    const { version, ...changes } = body;
    if (!Object.keys(changes).length) throw new AppError(400, 'nothing_changed');
    const after = await repo.updateContact(tx, id, version, changes);
    if (!after) throw versionConflict(before.version);
    const diff = Object.fromEntries(Object.keys(changes).map((k) => [k, { from: before[k as keyof typeof changes], to: changes[k as keyof typeof changes] }]));
    await audit(tx, ctx, { action: 'contacts.update', recordType: 'contact', recordIds: [id, before.personId], details: { changes: diff } });
    return contactView(tx, ctx.actor, after);
  });
}

/** Same identity as registration's same-kana duplicate: kana key, birth date and sex. */
const samePerson = (a: caseRepo.PersonRow, b: caseRepo.PersonRow) =>
  a.id === b.id || (a.nameKanaKey === b.nameKanaKey && a.birthDate === b.birthDate && a.sex === b.sex);

/**
 * The contact became a case: an existing case of the person that one sees (a clinic notified it),
 * or one the centre registers now for the contact person on an institution's behalf. The
 * exposures stay linked, so the case's sources are known. One transaction with the registration.
 */
export async function becomeCase(db: Database, ctx: RequestContext, id: string, body: z.infer<typeof ContactCaseBody>) {
  requirePermission(ctx.actor, 'contacts.manage');
  return db.asActor(ctx.actor, async (tx) => {
    const contact = await repo.findContact(tx, id, true);
    if (!contact) throw notFound();
    requireFollowingCentre(ctx.actor, contact);
    if (contact.becameCaseId) throw new AppError(409, 'contact_already_case');
    if (contact.version !== body.version) throw versionConflict(contact.version);
    const person = (await caseRepo.findPerson(tx, contact.personId))!;

    let theCase: { id: string; caseNumber: string };
    if (body.caseId) {
      const kase = await caseRepo.findCase(tx, body.caseId);
      if (!kase) throw notFound();
      const casePerson = (await caseRepo.findPerson(tx, kase.personId))!;
      if (!samePerson(person, casePerson)) throw fieldError(['body', 'caseId'], 'contact_case_other_person');
      theCase = kase;
    } else {
      // Registered in this transaction: the case and the link commit together.
      const registered = await registerIn(tx, ctx, {
        // New case of the stored person: registration reads the person by id, not these fields.
        person: { nameKanji: person.nameKanji, nameKana: person.nameKana, sex: person.sex as 'male' | 'female', birthDate: person.birthDate },
        choice: { kind: 'new_case', personId: person.id },
        disease: contact.disease,
        institutionId: body.institutionId,
        tests: body.tests ?? [],
      });
      theCase = { id: registered.caseId, caseNumber: registered.caseNumber };
    }
    const after = await repo.updateContact(tx, id, body.version, { becameCaseId: theCase.id, outcome: 'became_case' });
    if (!after) throw versionConflict(contact.version);
    await audit(tx, ctx, {
      action: 'contacts.became_case',
      recordType: 'contact',
      recordIds: [id, theCase.id, person.id],
      details: { created: !body.caseId, institutionId: body.institutionId ?? null },
    });
    return { contactId: id, caseId: theCase.id, caseNumber: theCase.caseNumber, created: !body.caseId, version: after.version };
  });
}

/**
 * The transmission chain around a case as a graph, walked both ways for `generations` steps: down
 * through its contacts (and the cases they became), up through the contact record it came from to
 * its source cases. The walk crosses centres (transmission_chain(), migration 0016); who a node is
 * shows only where row-level security lets the actor see it — masked, with the full kana for staff
 * of the node's responsible centre — and the other nodes are anonymous: the chain goes on there.
 */
export async function transmissionChain(db: Database, ctx: RequestContext, caseId: string, generations: number) {
  requirePermission(ctx.actor, 'contacts.read');
  return db.asActor(ctx.actor, async (tx) => {
    const [root] = await repo.chainCases(tx, [caseId]);
    if (!root) throw notFound();
    const links = await repo.chainLinks(tx, caseId, generations, CHAIN_MAX_NODES + 1);
    let truncated = links.length > CHAIN_MAX_NODES;

    // The graph, keyed by case or contact; a contact that became a case is that case's node.
    const generationOf = new Map<string, number>([[`case:${caseId}`, 0]]);
    const edges = new Map<string, { exposureId: string; from: string; to: string; setting: ContactSetting; lastContactOn: string }>();
    for (const l of links) {
      const from = `case:${l.source_case_id}`;
      const to = l.became_case_id ? `case:${l.became_case_id}` : `contact:${l.contact_id}`;
      const reached = l.generation > 0 ? to : from;
      if (!generationOf.has(reached)) {
        if (generationOf.size >= CHAIN_MAX_NODES) {
          truncated = true;
          continue;
        }
        generationOf.set(reached, l.generation);
      }
      if (generationOf.has(from) && generationOf.has(to)) {
        edges.set(l.exposure_id, { exposureId: l.exposure_id, from, to, setting: l.setting as ContactSetting, lastContactOn: l.last_contact_on });
      }
    }
    const keys = [...generationOf.keys()];
    const idsOf = (kind: string) => keys.filter((k) => k.startsWith(`${kind}:`)).map((k) => k.slice(kind.length + 1));
    const seen = new Map<string, repo.ChainIdentity>([
      ...(await repo.chainCases(tx, idsOf('case'))).map((r) => [`case:${r.id}`, r] as const),
      ...(await repo.chainContacts(tx, idsOf('contact'))).map((r) => [`contact:${r.id}`, r] as const),
    ]);

    const today = japanToday(new Date());
    const fullName = (who: repo.ChainIdentity) => isHealthCentreStaff(ctx.actor) && who.responsible_hc_id === ctx.actor.orgId;
    // Nodes the actor may not see get a name that means nothing outside this answer.
    const shownAs = new Map(keys.map((k, i) => [k, seen.has(k) ? k : `hidden:${i}`]));
    const nodes = keys.map((key) => {
      const who = seen.get(key);
      const kind = key.startsWith('case:') ? ('case' as const) : ('contact' as const);
      const id = key.slice(kind.length + 1);
      return {
        id: shownAs.get(key)!,
        kind,
        hidden: !who,
        caseId: who && kind === 'case' ? id : null,
        contactId: who && kind === 'contact' ? id : null,
        caseNumber: who?.case_number ?? null,
        outcome: (who?.outcome as ContactOutcome | null) ?? null,
        generation: generationOf.get(key)!,
        maskedName: who ? maskName(who.name_kana) : null,
        sex: who?.sex ?? null,
        ageBand: who ? ageBand(who.birth_date, today) : null,
        nameKana: who && fullName(who) ? who.name_kana : null,
      };
    });
    await audit(tx, ctx, {
      action: 'contacts.chain',
      recordType: 'person',
      recordIds: [...new Set([...seen.values()].map((w) => w.person_id))],
      details: { caseId, generations, nodes: nodes.length, hidden: nodes.filter((n) => n.hidden).length, edges: edges.size, truncated },
    });
    return {
      rootCaseId: caseId,
      generations,
      nodes,
      edges: [...edges.values()].map((e) => ({ ...e, from: shownAs.get(e.from)!, to: shownAs.get(e.to)! })),
      truncated,
    };
  });
}
