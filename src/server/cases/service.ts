// Registration (a person, a case, test records) and the 検査 tab. A medical institution registers
// its patients; a health centre may enter on behalf of an institution in its area (fax or paper).
// The responsible health centre is the one whose area holds the institution (Q&A 4).
import { randomInt, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { LabTestInput, PersonInput, PersonUpdateBody, RegisterBody } from '../../domain/api/cases.ts';
import { newCaseNumber, newSelfReportId } from '../../domain/case-number.ts';
import { kanaKey, phoneKey } from '../../domain/kana.ts';
import { normalizeAddress } from '../../domain/address/normalize.ts';
import { japanToday } from '../../domain/calendar.ts';
import type { CaseStatus } from '../../domain/case-status.ts';
import { ageBand, maskName } from '../../domain/masking.ts';
import { specimenAllowed } from '../../domain/lab-tests.ts';
import { notificationChanges, suggestedDiagnosis, type Classification, type NotificationStatus } from '../../domain/notification.ts';
import { can } from '../../domain/permissions.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database, Tx } from '../db/database.ts';
import { AppError, notFound, versionConflict } from '../errors.ts';
import { institutionInArea } from '../orgs/service.ts';
import { formInForce, requireDisease } from '../notifications/forms.ts';
import { notificationsOfCase } from '../notifications/repo.ts';
import { recordTestCorrection } from '../notifications/history.ts';
import * as repo from './repo.ts';

type Person = z.infer<typeof PersonInput>;
type TestInput = z.infer<typeof LabTestInput>;

const toTest = (t: repo.LabTestRow) => ({
  id: t.id,
  entryId: t.entryId,
  method: t.method as TestInput['method'],
  specimen: t.specimen as TestInput['specimen'],
  specimenOther: t.specimenOther,
  collectedOn: t.collectedOn,
  result: t.result as TestInput['result'],
  resultOn: t.resultOn,
  labName: t.labName,
  version: t.version,
});

type DuplicateQuery = { nameKana: string; birthDate: string; sex: 'male' | 'female'; phone?: string };

export async function checkDuplicates(db: Database, ctx: RequestContext, q: DuplicateQuery) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, (tx) => duplicatesIn(tx, ctx, q));
}

/** Likely duplicates among the persons the actor sees, in the caller's transaction (also a self-registration's review); audited. */
export async function duplicatesIn(tx: Tx, ctx: RequestContext, q: DuplicateQuery) {
  const found = await repo.findDuplicates(tx, { kanaKey: kanaKey(q.nameKana), birthDate: q.birthDate, sex: q.sex, phoneKey: phoneKey(q.phone) });
  const caseRows = await repo.casesOfPersons(tx, found.map((p) => p.id));
  await audit(tx, ctx, { action: 'persons.duplicate_check', recordType: 'person', recordIds: found.map((p) => p.id) });
  const today = japanToday(new Date());
  return found.map((p) => ({
    personId: p.id,
    maskedName: maskName(p.name_kana),
    sex: p.sex,
    ageBand: ageBand(p.birth_date, today),
    matchedBy: [
      ...(p.same_kana ? (['same_kana'] as const) : []),
      ...(!p.same_kana && p.similarity >= repo.SIMILAR_KANA ? (['similar_kana'] as const) : []),
      ...(p.same_phone ? (['same_phone'] as const) : []),
    ],
    similarity: Math.round(p.similarity * 100) / 100,
    cases: caseRows
      .filter((c) => c.personId === p.id)
      .map((c) => ({ caseId: c.id, caseNumber: c.caseNumber, createdAt: c.createdAt.toISOString(), reportingOrgNameJa: c.orgNameJa })),
  }));
}

/** The reporting institution: the actor's own, or for a health centre one in its area. */
async function reportingInstitution(tx: Tx, ctx: RequestContext, institutionId: string | undefined) {
  const { actor } = ctx;
  if (actor.orgKind === 'medical_institution') return { id: actor.orgId, prefectureId: actor.prefectureId, parentId: actor.orgParentId };
  if (actor.roles.includes('hc_staff') && actor.orgKind === 'health_center') {
    if (!institutionId) throw new AppError(400, 'invalid_input', {}, [{ path: ['body', 'institutionId'], code: 'invalid_input' }]);
    return institutionInArea(tx, actor.orgId, institutionId);
  }
  throw new AppError(403, 'forbidden');
}

/**
 * The columns of a new person, with the search keys (kana, phone) derived. Addresses are saved
 * normalised (full-width digits and letters to ASCII, hyphens between numbers to "-"; issue 15):
 * one address, one spelling, whatever the keyboard or the source (form, contact, self-registration).
 */
export function personValues(p: Person) {
  const address = (a: string | undefined) => (a === undefined ? null : normalizeAddress(a));
  return {
    nameKanji: p.nameKanji,
    nameKana: p.nameKana,
    nameKanaKey: kanaKey(p.nameKana),
    sex: p.sex,
    birthDate: p.birthDate,
    residenceAddress: address(p.residenceAddress),
    registeredAddress: address(p.registeredAddress),
    phone: p.phone ?? null,
    phoneKey: phoneKey(p.phone),
    email: p.email ?? null,
    guardianName: p.guardian?.name ?? null,
    guardianPhone: p.guardian?.phone ?? null,
    guardianAddress: address(p.guardian?.address),
  };
}

const testValues = (caseId: string, entryId: string, createdBy: string, tests: TestInput[]) =>
  tests.map((t) => ({
    caseId,
    entryId,
    createdBy,
    method: t.method,
    specimen: t.specimen,
    specimenOther: t.specimenOther ?? null,
    collectedOn: t.collectedOn ?? null,
    result: t.result,
    resultOn: t.resultOn ?? null,
    labName: t.labName ?? null,
  }));

/** A new case with fresh random numbers (also a self-registration's acceptance). */
export async function newCase(tx: Tx, values: { personId: string; disease?: string; prefectureId: string; responsibleHcId: string; reportingOrgId: string }) {
  // Numbers are random: on the rare collision, draw again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const row = { id: randomUUID(), caseNumber: newCaseNumber(randomInt), selfReportId: newSelfReportId(randomInt), ...values };
    if (await repo.insertCase(tx, row)) return row;
  }
  throw new Error('could not draw a free case number');
}

export async function register(db: Database, ctx: RequestContext, body: z.infer<typeof RegisterBody>) {
  requirePermission(ctx.actor, 'cases.register');
  if (body.disease !== undefined && body.choice.kind !== 'existing_case') requireFormForTests(body.disease, body.tests);
  return db.asActor(ctx.actor, (tx) => registerIn(tx, ctx, body));
}

/**
 * Before anything is created: a form for the disease is in force on the diagnosis date the tests
 * suggest, so that no case is left without a notification it could have. The error sits at the
 * test whose date decided it (or at the disease when there is none).
 */
function requireFormForTests(disease: string, tests: TestInput[]): void {
  const { test, positive, diagnosedOn } = suggestedDiagnosis(tests, japanToday(new Date()));
  const at = test === undefined ? ['body', 'disease'] : ['body', 'tests', tests.indexOf(test), positive && test.resultOn ? 'resultOn' : 'collectedOn'];
  const form = formInForce(disease, diagnosedOn, at);
  // The disease's own methods and specimens (the schema knows only the catalogue's).
  const wrong = tests.flatMap((t, i) =>
    specimenAllowed(t.method, t.specimen, form.diagnosis.methods) ? [] : [{ path: ['body', 'tests', i, form.diagnosis.methods.some((m) => m.method === t.method) ? 'specimen' : 'method'], code: 'not_for_disease' }],
  );
  if (wrong.length) throw new AppError(400, 'invalid_input', { disease }, wrong);
}

/** Registration inside the caller's transaction, for work that commits together with it (a contact becoming a case). */
export async function registerIn(tx: Tx, ctx: RequestContext, body: z.infer<typeof RegisterBody>) {
  requirePermission(ctx.actor, 'cases.register');
  const institution = await reportingInstitution(tx, ctx, body.institutionId);
  const scope = { prefectureId: institution.prefectureId!, responsibleHcId: institution.parentId!, reportingOrgId: institution.id };
  const disease = body.disease ?? 'covid19';
  let personId: string;
  let theCase: { id: string; caseNumber: string; selfReportId: string };
  let created: 'person_and_case' | 'case' | 'nothing';
  switch (body.choice.kind) {
    case 'new_person': {
      personId = randomUUID();
      await repo.insertPerson(tx, { id: personId, ...personValues(body.person), createdBy: ctx.actor.userId });
      theCase = await newCase(tx, { personId, disease, ...scope });
      created = 'person_and_case';
      break;
    }
    case 'new_case': {
      const person = await repo.findPerson(tx, body.choice.personId);
      if (!person) throw notFound();
      personId = person.id;
      theCase = await newCase(tx, { personId, disease, ...scope });
      created = 'case';
      break;
    }
    case 'existing_case': {
      const existing = await repo.findCase(tx, body.choice.caseId);
      if (!existing) throw notFound();
      if (body.disease !== undefined && body.disease !== existing.disease) throw new AppError(409, 'disease_mismatch', { disease: existing.disease });
      personId = existing.personId;
      theCase = existing;
      created = 'nothing';
      break;
    }
  }
  const tests = await repo.insertTests(tx, testValues(theCase.id, randomUUID(), ctx.actor.userId, body.tests));
  await audit(tx, ctx, {
    action: 'cases.register',
    recordType: 'case',
    recordIds: [theCase.id, personId],
    details: { choice: body.choice.kind, institutionId: institution.id, proxy: ctx.actor.orgKind !== 'medical_institution', tests: tests.length },
  });
  return { personId, caseId: theCase.id, caseNumber: theCase.caseNumber, selfReportId: theCase.selfReportId, created, testIds: tests.map((t) => t.id) };
}

/** Opens a case with the person's full identity: audited with the purpose given. */
export async function getCase(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'cases.read');
  return db.asActor(ctx.actor, async (tx) => {
    const theCase = await repo.findCase(tx, id);
    if (!theCase) throw notFound();
    const person = (await repo.findPerson(tx, theCase.personId))!;
    const tests = await repo.testsOfCase(tx, id);
    const notifications = await notificationsOfCase(tx, id);
    await audit(tx, ctx, { action: 'cases.read', recordType: 'case', recordIds: [id, person.id] });
    return {
      id: theCase.id,
      caseNumber: theCase.caseNumber,
      disease: theCase.disease,
      selfReportId: theCase.selfReportId,
      responsibleHcId: theCase.responsibleHcId,
      reportingOrgId: theCase.reportingOrgId,
      createdAt: theCase.createdAt.toISOString(),
      version: theCase.version,
      person: personDetail(person),
      tests: tests.map(toTest),
      notifications: notifications.map((n) => ({
        id: n.id,
        classification: n.classification as Classification,
        status: n.status as NotificationStatus,
        formVersion: n.formVersion,
        institutionId: n.institutionId,
        doctorName: n.doctorName,
        diagnosedOn: n.diagnosedOn,
        firstSubmittedAt: n.firstSubmittedAt?.toISOString() ?? null,
        confirmed: n.confirmedAt !== null,
        superseded: n.supersededAt !== null,
        createdAt: n.createdAt.toISOString(),
      })),
    };
  });
}

/** The person as the case page and the notification form show it (CaseDetail.person). */
export const personDetail = (p: repo.PersonRow) => ({
  id: p.id,
  nameKanji: p.nameKanji,
  nameKana: p.nameKana,
  sex: p.sex as 'male' | 'female',
  birthDate: p.birthDate,
  residenceAddress: p.residenceAddress,
  registeredAddress: p.registeredAddress,
  phone: p.phone,
  email: p.email,
  guardian: { name: p.guardianName, phone: p.guardianPhone, address: p.guardianAddress },
  version: p.version,
});

type PersonUpdate = z.infer<typeof PersonUpdateBody>;
type PersonField = Exclude<keyof PersonUpdate, 'version'>;
type PersonColumn = keyof ReturnType<typeof personValues>;

/** The columns each field of a person writes: the search keys (kana, phone) go with what they derive from. */
const PERSON_COLUMNS: Record<PersonField, PersonColumn[]> = {
  nameKanji: ['nameKanji'],
  nameKana: ['nameKana', 'nameKanaKey'],
  sex: ['sex'],
  birthDate: ['birthDate'],
  residenceAddress: ['residenceAddress'],
  registeredAddress: ['registeredAddress'],
  phone: ['phone', 'phoneKey'],
  email: ['email'],
  guardian: ['guardianName', 'guardianPhone', 'guardianAddress'],
};

/** A stored person as registration's input, so that personValues() derives the same columns. */
function personInputOf(p: repo.PersonRow): Person {
  const opt = (v: string | null) => v ?? undefined;
  return {
    nameKanji: p.nameKanji,
    nameKana: p.nameKana,
    sex: p.sex as Person['sex'],
    birthDate: p.birthDate,
    residenceAddress: opt(p.residenceAddress),
    registeredAddress: opt(p.registeredAddress),
    phone: opt(p.phone),
    email: opt(p.email),
    guardian: p.guardianName ? { name: p.guardianName, phone: opt(p.guardianPhone), address: opt(p.guardianAddress) } : undefined,
  };
}

/** An empty optional text is no value: stored as null, like one never entered. */
const blankToUndefined = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? undefined : v);

/**
 * Corrects the person's identity after registration (a missing 所在地 makes a notification
 * impossible to submit, Q&A 5): by those who register cases or follow contacts, for a person they
 * see through a case or a contact (row-level security, persons_update). Only the fields sent change;
 * the search keys follow the kana and the phone. The audit row names the fields, never the values.
 */
export async function updatePerson(db: Database, ctx: RequestContext, id: string, body: PersonUpdate) {
  if (!can(ctx.actor.roles, 'cases.register') && !can(ctx.actor.roles, 'contacts.manage')) {
    throw new AppError(403, 'forbidden', { permission: 'cases.register' });
  }
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findPerson(tx, id);
    if (!before) throw notFound();
    const { version, ...changes } = body;
    const fields = Object.keys(changes) as PersonField[];
    const merged: Person = { ...personInputOf(before) };
    for (const field of fields) {
      const v = changes[field];
      if (field === 'guardian') {
        const g = changes.guardian;
        merged.guardian = g ? { name: g.name, phone: blankToUndefined(g.phone), address: blankToUndefined(g.address) } : undefined;
      } else if (field === 'residenceAddress' || field === 'registeredAddress' || field === 'phone' || field === 'email') {
        merged[field] = blankToUndefined(v as string | null | undefined);
      } else {
        Object.assign(merged, { [field]: v });
      }
    }
    const now = personValues(merged);
    const derived: PersonColumn[] = ['nameKanaKey', 'phoneKey'];
    const changed = fields.filter((f) => PERSON_COLUMNS[f].some((c) => !derived.includes(c) && now[c] !== before[c]));
    if (!changed.length) throw new AppError(400, 'nothing_changed');
    const values = Object.fromEntries(changed.flatMap((f) => PERSON_COLUMNS[f].map((c) => [c, now[c]])));
    const after = await repo.updatePerson(tx, id, version, values);
    if (!after) throw versionConflict(before.version);
    await audit(tx, ctx, { action: 'persons.update', recordType: 'person', recordIds: [id], details: { fields: changed } });
    return personDetail(after);
  });
}

/** Up to 4 more test records at once (Q&A 6); more can follow in later entries. */
export async function addTests(db: Database, ctx: RequestContext, caseId: string, tests: TestInput[]) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.findCase(tx, caseId))) throw notFound();
    const rows = await repo.insertTests(tx, testValues(caseId, randomUUID(), ctx.actor.userId, tests));
    await audit(tx, ctx, { action: 'lab_tests.add', recordType: 'lab_test', recordIds: rows.map((r) => r.id), details: { caseId } });
    return rows.map(toTest);
  });
}

/** Corrects a test record, e.g. a suspected case's pending result that came back negative (Q&A 3). */
export async function updateTest(
  db: Database,
  ctx: RequestContext,
  id: string,
  body: { version: number; result?: TestInput['result']; resultOn?: string | null; collectedOn?: string | null; labName?: string | null },
) {
  requirePermission(ctx.actor, 'cases.register');
  return db.asActor(ctx.actor, async (tx) => {
    const before = await repo.findTest(tx, id);
    if (!before) throw notFound();
    const { version, ...changes } = body;
    const after = await repo.updateTest(tx, id, version, changes);
    if (!after) throw versionConflict(before.version);
    const diff = Object.fromEntries(Object.keys(changes).map((k) => [k, { from: before[k as keyof typeof before], to: changes[k as keyof typeof changes] }]));
    await audit(tx, ctx, { action: 'lab_tests.update', recordType: 'lab_test', recordIds: [id], details: { caseId: before.caseId, changes: diff } });
    const fields = Object.keys(changes) as (keyof typeof changes)[];
    await recordTestCorrection(tx, ctx, before.caseId, id, notificationChanges(before, after, fields));
    return toTest(after);
  });
}

export interface CaseQuery {
  caseNumber?: string;
  kana?: string;
  kanaMatch: 'prefix' | 'similar';
  birthDate?: string;
  institutionId?: string;
  classification?: string;
  confirmed?: 'true' | 'false';
  createdFrom?: string;
  createdTo?: string;
  diagnosedFrom?: string;
  diagnosedTo?: string;
  after?: string;
  limit: number;
  /** Both or neither (CaseQuery checks it); the value as the system stores it. */
  externalSystem?: 'nesid' | 'local';
  externalId?: string;
  disease?: string;
}

const encodeCursor = (c: { createdAt: string; id: string }) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const c = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof c.createdAt === 'string' && !Number.isNaN(Date.parse(c.createdAt)) && /^[0-9a-f-]{36}$/.test(c.id)) return c;
  } catch {
    // fall through to the 400 below
  }
  throw new AppError(400, 'invalid_input', {}, [{ path: ['querystring', 'after'], code: 'invalid_input' }]);
}

/** The repository's filter for a validated query string (also what the search benchmark runs). */
export function caseFilter(q: CaseQuery): repo.CaseFilter {
  return {
    caseNumber: q.caseNumber,
    kanaKey: q.kana ? kanaKey(q.kana) : undefined,
    kanaMatch: q.kanaMatch,
    birthDate: q.birthDate,
    institutionId: q.institutionId,
    classification: q.classification,
    confirmed: q.confirmed === undefined ? undefined : q.confirmed === 'true',
    createdFrom: q.createdFrom,
    createdTo: q.createdTo,
    diagnosedFrom: q.diagnosedFrom,
    diagnosedTo: q.diagnosedTo,
    after: q.after ? decodeCursor(q.after) : undefined,
    limit: q.limit,
    externalId: q.externalSystem && q.externalId ? { system: q.externalSystem, value: q.externalId } : undefined,
    disease: q.disease,
  };
}

/** The case list: masked identity, filters, keyset pages; the search and what it showed are audited. */
export async function searchCases(db: Database, ctx: RequestContext, q: CaseQuery) {
  requirePermission(ctx.actor, 'cases.read');
  if (q.disease !== undefined) requireDisease(q.disease, ['querystring', 'disease']);
  const filter = caseFilter(q);
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.searchCases(tx, filter);
    const page = found.slice(0, q.limit);
    const { after: _cursor, ...searched } = q;
    await audit(tx, ctx, { action: 'cases.search', recordType: 'case', recordIds: page.map((r) => r.id), details: { filter: searched } });
    const today = japanToday(new Date());
    const last = page.at(-1);
    return {
      cases: page.map((r) => ({
        caseId: r.id,
        caseNumber: r.case_number,
        maskedName: maskName(r.name_kana),
        sex: r.sex,
        ageBand: ageBand(r.birth_date, today),
        institutionNameJa: r.institution_name_ja,
        classification: r.classification as never,
        notificationStatus: r.status,
        confirmed: r.confirmed_at !== null,
        diagnosedOn: r.diagnosed_on,
        createdAt: new Date(r.created_at).toISOString(),
        currentStatus: r.current_status as CaseStatus | null,
        disease: r.disease,
      })),
      nextCursor: found.length > q.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  });
}
