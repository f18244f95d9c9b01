// The world a generated month happens in, added to a database that has the organisations: staff
// with realistic names and roles (centre staff, clinic and ward doctors, a clerk, prefecture staff,
// the accommodation facility's staff and the follow-up centre's call desk, part of it contractor
// staff), and the cases registered over the month and the ten days before it, with what happened
// to them: followed at home by the centre, handed to the follow-up centre, a stay at the facility
// or an admission (each an assignment with its period), a related centre now and then, a few
// transferred to the neighbouring centre (some kept as related). It also holds the facts misuse
// needs: public figures a centre marked sensitive, and staff who are in the database themselves
// (their own earlier infection, under their display name) with a relative at the same address
// whose case falls in the month.
import { getTableColumns, getTableName, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { newCaseNumber, newSelfReportId } from '../../../domain/case-number.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { kanaKey } from '../../../domain/kana.ts';
import { accessPeriod } from '../../../domain/residence.ts';
import { rows, type Database, type Tx } from '../../db/database.ts';
import {
  admissions, caseAssignments, caseRelatedHcs, cases, caseTransfers, notifications, organizations, persons, residences, sensitivePersons, users,
} from '../../db/schema.ts';
import { FEMALE_GIVEN_NAMES as FEMALE_GIVEN, MALE_GIVEN_NAMES as MALE_GIVEN, SURNAMES, type Name } from '../japanese.ts';
import { between, intBelow, pick, poisson, rngOf, uuidOf, type Rng } from './random.ts';

export interface WorldPlan {
  /** Health centres whose cases and staff are generated. */
  centreIds: string[];
  start: Date;
  days: number;
  seed: string;
  casesPerCentrePerDay: number;
  hcStaffPerCentre: number;
  doctorsPerInstitution: number;
  /** Per prefecture. */
  prefectureStaff: number;
  facilityStaff: number;
  followupStaff: number;
  /** Of the follow-up centre's staff, how many are a contractor's. */
  contractorStaff: number;
  /** Public figures, staff with a relative among the cases and kept transfers: enough for this many plants of each. */
  plantsPerKind: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

interface Org {
  id: string;
  code: string;
  kind: string;
  name_ja: string;
  parent_id: string | null;
  prefecture_id: string | null;
}

interface NewUser {
  id: string;
  orgId: string;
  name: string;
}

/** 委託先: the companies a follow-up centre's call desk is outsourced to. */
const CONTRACTORS = ['株式会社ケアコール', 'メディサポート株式会社'] as const;

const personName = (rng: Rng, female: boolean): [kanji: string, kana: string, surname: Name] => {
  const s = pick(rng, SURNAMES);
  const g = pick(rng, female ? FEMALE_GIVEN : MALE_GIVEN);
  return [`${s[0]} ${g[0]}`, `${s[1]} ${g[1]}`, s];
};

/**
 * Rows in bulk: one JSON parameter per 5,000 rows, spread into the table's columns by the database
 * (a large city's month is hundreds of thousands of rows; building each as a parameter list costs minutes).
 */
async function insertAll<T extends PgTable>(tx: Tx, table: T, items: T['$inferInsert'][]): Promise<void> {
  if (items.length === 0) return;
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const keys = [...new Set(items.flatMap((item) => Object.keys(item as object)))];
  const names = sql.raw(keys.map((k) => `"${columns[k].name}"`).join(', '));
  const name = sql.raw(`"${getTableName(table)}"`);
  for (let i = 0; i < items.length; i += 5000) {
    const json = items.slice(i, i + 5000).map((item) => Object.fromEntries(keys.map((k) => [columns[k].name, (item as Record<string, unknown>)[k] ?? null])));
    await tx.execute(sql`INSERT INTO ${name} (${names}) SELECT ${names} FROM json_populate_recordset(NULL::${name}, ${JSON.stringify(json)}::json)`);
  }
}

/** Adds the world; returns how many staff and cases it made. */
export async function addActivityWorld(db: Database, plan: WorldPlan): Promise<{ users: number; cases: number }> {
  const rng = rngOf(plan.seed, 'world');
  const start = plan.start.getTime();
  const end = start + plan.days * DAY;
  return db.asSystem(async (tx) => {
    const orgs = await rows<Org>(tx, sql`SELECT id, code, kind, name_ja, parent_id, prefecture_id FROM organizations ORDER BY code`);
    const centres = plan.centreIds.map((id) => orgs.find((o) => o.id === id)!);
    const prefectures = [...new Set(centres.map((c) => c.prefecture_id!))].map((id) => orgs.find((o) => o.id === id)!);

    // Every prefecture runs an accommodation facility and a follow-up centre (made if missing).
    const placeOf = async (p: Org, kind: string, suffix: string, ja: string, en: string) => {
      const found = orgs.find((o) => o.kind === kind && o.prefecture_id === p.id);
      if (found) return found;
      const o: Org = { id: uuidOf(rng), code: `${p.code}-${suffix}`, kind, name_ja: `${p.name_ja}${ja}`, parent_id: p.id, prefecture_id: p.id };
      await tx.insert(organizations).values({ id: o.id, kind, code: o.code, nameJa: o.name_ja, nameEn: `${en} (${p.code})`, parentId: p.id, prefectureId: p.id });
      orgs.push(o);
      return o;
    };
    const facility = new Map<string, Org>();
    const followup = new Map<string, Org>();
    for (const p of prefectures) {
      facility.set(p.id, await placeOf(p, 'accommodation_facility', 'hotel', '宿泊療養施設', 'Accommodation facility'));
      followup.set(p.id, await placeOf(p, 'followup_center', 'followup', '陽性者フォローアップセンター', 'Follow-up centre'));
    }
    const institutionsOf = (hc: Org) => orgs.filter((o) => o.kind === 'medical_institution' && o.parent_id === hc.id);
    const hospitalsOf = (p: string) => orgs.filter((o) => o.kind === 'medical_institution' && o.prefecture_id === p && /病院|医療センター/.test(o.name_ja));

    // Staff, each a real-sounding person (Q&A 18 allows 「△△課1」 IDs too; these are named).
    const staffRows: (typeof users.$inferInsert)[] = [];
    const staffOf = new Map<string, NewUser[]>();
    const addStaff = (org: Org, role: string, n: number, contractor: string | null = null) => {
      for (let i = 0; i < n; i++) {
        const [name] = personName(rng, rng() < 0.5);
        const u = { id: uuidOf(rng), orgId: org.id, name };
        const seq = (staffOf.get(org.id)?.length ?? 0) + 1;
        staffRows.push({
          id: u.id, orgId: org.id, loginId: `${org.code}-act${String(seq).padStart(3, '0')}`, displayName: name, roles: [role],
          contractorName: contractor, lastLoginAt: new Date(end),
        });
        (staffOf.get(org.id) ?? staffOf.set(org.id, []).get(org.id)!).push(u);
      }
    };
    for (const hc of centres) {
      addStaff(hc, 'hc_staff', plan.hcStaffPerCentre);
      for (const inst of institutionsOf(hc)) {
        addStaff(inst, 'doctor', plan.doctorsPerInstitution);
        addStaff(inst, 'clerk', 1);
      }
    }
    for (const p of prefectures) {
      addStaff(p, 'prefecture_staff', plan.prefectureStaff);
      addStaff(facility.get(p.id)!, 'facility_staff', plan.facilityStaff);
      const fu = followup.get(p.id)!;
      addStaff(fu, 'followup_staff', plan.followupStaff - plan.contractorStaff);
      for (let i = 0; i < plan.contractorStaff; i++) addStaff(fu, 'followup_staff', 1, CONTRACTORS[i % CONTRACTORS.length]);
    }
    await insertAll(tx, users, staffRows);

    const made = new Cases(tx, rng);
    const staffIn = (org: Org) => staffOf.get(org.id) ?? [];
    const centreIndex = new Map(centres.map((c, i) => [c.id, i]));
    const neighbourOf = (hc: Org) => {
      const same = centres.filter((c) => c.prefecture_id === hc.prefecture_id);
      return same.length > 1 ? same[(same.indexOf(hc) + 1) % same.length] : null;
    };
    const monthCases = plan.casesPerCentrePerDay * plan.days * centres.length;
    const transferRate = Math.max(0.02, (4 * plan.plantsPerKind) / Math.max(1, monthCases));
    const sensitiveRate = Math.max(0.0005, (2 * plan.plantsPerKind) / Math.max(1, monthCases));
    const movable: { c: MadeCase; to: Org; by: NewUser }[] = [];
    const famous: { c: MadeCase; by: NewUser }[] = [];

    for (const hc of centres) {
      const area = hc.name_ja.replace(/保健所$/, '');
      const pref = orgs.find((o) => o.id === hc.prefecture_id)!;
      const insts = institutionsOf(hc);
      const hospitals = hospitalsOf(hc.prefecture_id!);
      const hcStaff = staffIn(hc);
      const address = () => `${pref.name_ja}${area}${1 + intBelow(rng, 5)}丁目${1 + intBelow(rng, 30)}番${1 + intBelow(rng, 20)}号`;
      for (let d = -10; d < plan.days; d++) {
        const dayStart = start + d * DAY;
        const weekend = [0, 6].includes(new Date(dayStart + 9 * HOUR).getUTCDay());
        for (let k = poisson(rng, plan.casesPerCentrePerDay * (weekend ? 0.6 : 1)); k > 0; k--) {
          const createdAt = dayStart + between(rng, 9, 18.5) * HOUR;
          const inst = insts.length ? pick(rng, insts) : null;
          const doctor = inst ? staffIn(inst).find(() => true) ?? null : null;
          const c = made.add({ hc, area: address(), createdAt, inst, doctor, by: pick(rng, hcStaff) });
          // Where the person is followed: at home by the centre, by the follow-up centre, in the facility, in hospital.
          const r = rng();
          const days = 7 + intBelow(rng, 4);
          if (r < 0.55) made.status(c, createdAt + days * DAY);
          else if (r < 0.75) made.assign(c, followup.get(pref.id)!, 'followup', createdAt + between(rng, 1, 6) * HOUR, createdAt + days * DAY);
          else if (r < 0.9) made.stay(c, facility.get(pref.id)!, 'residence', createdAt + DAY, days);
          else if (hospitals.length) made.stay(c, pick(rng, hospitals), 'admission', createdAt, days + 3);
          else made.status(c, createdAt + days * DAY);
          const neighbour = neighbourOf(hc);
          if (neighbour && rng() < 0.03) made.related(c, neighbour, createdAt + DAY);
          else if (neighbour && d >= 0 && d < plan.days - 6) {
            if (rng() < transferRate) made.transfer(c, neighbour, createdAt + between(rng, 1, 3) * DAY, rng() < 0.5, pick(rng, hcStaff));
            else movable.push({ c, to: neighbour, by: pick(rng, hcStaff) });
          }
          if (d >= 0 && d < plan.days - 3) {
            if (rng() < sensitiveRate) made.sensitive(c, 'public_figure', createdAt + 2 * HOUR, pick(rng, hcStaff));
            else famous.push({ c, by: pick(rng, hcStaff) });
          }
        }
      }
      // Staff who are in the database themselves, with a relative at the same address among the month's cases.
      if (plan.plantsPerKind > 0 && centreIndex.get(hc.id)! < plan.plantsPerKind) {
        const user = hcStaff[intBelow(rng, hcStaff.length)];
        const home = address();
        const surname = SURNAMES.find((s) => user.name.startsWith(`${s[0]} `))!;
        const given = MALE_GIVEN.concat(FEMALE_GIVEN).find((g) => user.name.endsWith(` ${g[0]}`))!;
        const inst = insts.length ? pick(rng, insts) : null;
        const doctor = inst ? staffIn(inst).find(() => true) ?? null : null;
        const own = made.add({ hc, area: home, createdAt: start - 200 * DAY, inst, doctor, by: pick(rng, hcStaff), name: [user.name, `${surname[1]} ${given[1]}`] });
        made.status(own, start - 190 * DAY);
        const g = pick(rng, rng() < 0.5 ? FEMALE_GIVEN : MALE_GIVEN);
        const kin = made.add({
          hc, area: home, createdAt: start + (1 + intBelow(rng, Math.max(1, plan.days - 5))) * DAY + between(rng, 9, 18) * HOUR, inst, doctor, by: pick(rng, hcStaff),
          name: [`${surname[0]} ${g[0]}`, `${surname[1]} ${g[1]}`],
        });
        made.status(kin, kin.createdAt + 8 * DAY);
      }
    }
    // However small the world, enough public figures and kept transfers for the plants.
    const need = 3 * plan.plantsPerKind;
    for (const { c, by } of famous.filter((_, i) => i % 7 === 3).slice(0, Math.max(0, need - made.sensitiveCount))) {
      made.sensitive(c, 'public_figure', c.createdAt + 2 * HOUR, by);
    }
    for (const { c, to, by } of movable.filter((_, i) => i % 5 === 2).slice(0, Math.max(0, need - made.keptCount))) {
      made.transfer(c, to, c.createdAt + between(rng, 1, 3) * DAY, true, by);
    }
    await made.flush();
    return { users: staffRows.length, cases: made.count };
  });
}

interface MadeCase {
  id: string;
  personId: string;
  caseNumber: string;
  hcId: string;
  createdAt: number;
  /** Who keyed it in (the reporting doctor, or the centre's staffer). */
  by: string;
}

/** Rows of the new cases, kept until flush() writes them in bulk. */
class Cases {
  count = 0;
  private persons: (typeof persons.$inferInsert)[] = [];
  private cases: (typeof cases.$inferInsert)[] = [];
  private notifications: (typeof notifications.$inferInsert)[] = [];
  private assignments: (typeof caseAssignments.$inferInsert)[] = [];
  private residences: (typeof residences.$inferInsert)[] = [];
  private admissions: (typeof admissions.$inferInsert)[] = [];
  private related_: (typeof caseRelatedHcs.$inferInsert)[] = [];
  private transfers: (typeof caseTransfers.$inferInsert)[] = [];
  private sensitive_: (typeof sensitivePersons.$inferInsert)[] = [];
  private byId = new Map<string, (typeof cases.$inferInsert)>();

  constructor(
    private tx: Tx,
    private rng: Rng,
  ) {}

  add(p: { hc: Org; area: string; createdAt: number; inst: Org | null; doctor: NewUser | null; by: NewUser; name?: [string, string] }): MadeCase {
    const rng = this.rng;
    const female = rng() < 0.5;
    const [kanji, kana] = p.name ?? personName(rng, female);
    const personId = uuidOf(rng);
    const phone = `090-${String(intBelow(rng, 10000)).padStart(4, '0')}-${String(intBelow(rng, 10000)).padStart(4, '0')}`;
    this.persons.push({
      id: personId, nameKanji: kanji, nameKana: kana, nameKanaKey: kanaKey(kana), sex: female ? 'female' : 'male',
      birthDate: japanToday(new Date(Date.UTC(1935 + intBelow(rng, 85), intBelow(rng, 12), 1 + intBelow(rng, 28)))),
      residenceAddress: p.area, registeredAddress: p.area, phone, phoneKey: phone.replace(/\D/g, ''),
      createdBy: p.doctor?.id ?? p.by.id, createdAt: new Date(p.createdAt),
    });
    const c = {
      id: uuidOf(rng), personId, caseNumber: newCaseNumber((n) => intBelow(rng, n)), selfReportId: newSelfReportId((n) => intBelow(rng, n)),
      prefectureId: p.hc.prefecture_id!, responsibleHcId: p.hc.id, reportingOrgId: p.inst?.id ?? null, createdAt: new Date(p.createdAt),
    };
    this.cases.push(c);
    this.byId.set(c.id, c);
    if (p.inst) {
      const author = p.doctor?.id ?? p.by.id;
      this.notifications.push({
        caseId: c.id, formId: 'covid19', formVersion: '2022-09-26', classification: 'patient', status: 'submitted', institutionId: p.inst.id,
        source: 'direct', diagnosedOn: japanToday(new Date(p.createdAt)), firstSubmittedAt: new Date(p.createdAt + 10 * 60_000),
        submittedBy: author, createdBy: author, createdAt: new Date(p.createdAt + 3 * 60_000),
      });
    }
    this.count++;
    return { id: c.id, personId, caseNumber: c.caseNumber, hcId: p.hc.id, createdAt: p.createdAt, by: p.doctor?.id ?? p.by.id };
  }

  /** The follow-up ends: released on that day (or still at home if that is after today). */
  status(c: MadeCase, until: number, during: 'home' | 'accommodation' | 'hospitalized' = 'home'): void {
    const row = this.byId.get(c.id)!;
    const done = until < Date.now();
    row.currentStatus = done ? 'released' : during;
    row.statusEffectiveOn = japanToday(new Date(done ? until : c.createdAt));
    row.statusChangedAt = new Date(done ? until : c.createdAt);
  }

  assign(c: MadeCase, org: Org, kind: 'followup', startsAt: number, endsAt: number): void {
    this.assignments.push({ id: uuidOf(this.rng), caseId: c.id, orgId: org.id, kind, startsAt: new Date(startsAt), endsAt: new Date(endsAt), createdAt: new Date(startsAt) });
    this.status(c, endsAt);
  }

  /** A stay at the facility or in hospital, in whole days, with the access it gives. */
  stay(c: MadeCase, org: Org, kind: 'residence' | 'admission', from: number, days: number): void {
    const startsOn = japanToday(new Date(from));
    const endsOn = japanToday(new Date(from + days * DAY));
    const { startsAt, endsAt } = accessPeriod(startsOn, endsOn);
    const id = uuidOf(this.rng);
    this.assignments.push({ id, caseId: c.id, orgId: org.id, kind, startsAt, endsAt, createdAt: new Date(from) });
    const by = c.by;
    if (kind === 'residence') {
      this.residences.push({ caseId: c.id, kind: 'accommodation', orgId: org.id, startsOn, endsOn, assignmentId: id, createdBy: by, createdAt: new Date(from) });
    } else {
      this.admissions.push({ caseId: c.id, hospitalId: org.id, admittedOn: startsOn, dischargedOn: endsOn, outcome: 'recovered', assignmentId: id, createdBy: by, createdAt: new Date(from) });
    }
    this.status(c, endsAt!.getTime(), kind === 'residence' ? 'accommodation' : 'hospitalized');
  }

  related(c: MadeCase, hc: Org, at: number): void {
    this.related_.push({ caseId: c.id, hcId: hc.id, createdAt: new Date(at) });
  }

  transfer(c: MadeCase, to: Org, at: number, keep: boolean, by: NewUser): void {
    this.transfers.push({
      caseId: c.id, caseNumber: c.caseNumber, fromHcId: c.hcId, toHcId: to.id, reason: '転居のため', keptAsRelated: keep,
      changedBy: by.id, changedByName: by.name, changedByOrgName: '保健所', changedAt: new Date(at),
    });
    this.byId.get(c.id)!.responsibleHcId = to.id;
    if (keep) this.related(c, { id: c.hcId } as Org, at);
  }

  get sensitiveCount(): number {
    return this.sensitive_.length;
  }

  get keptCount(): number {
    return this.transfers.filter((t) => t.keptAsRelated).length;
  }

  sensitive(c: MadeCase, kind: 'public_figure', at: number, by: NewUser): void {
    this.sensitive_.push({ personId: c.personId, kind, markedByOrgId: c.hcId, markedBy: by.id, markedAt: new Date(at) });
  }

  async flush(): Promise<void> {
    await this.uniqueNumbers();
    const tx = this.tx;
    await insertAll(tx, persons, this.persons);
    await insertAll(tx, cases, this.cases);
    await insertAll(tx, notifications, this.notifications);
    await insertAll(tx, caseAssignments, this.assignments);
    await insertAll(tx, residences, this.residences);
    await insertAll(tx, admissions, this.admissions);
    await insertAll(tx, caseRelatedHcs, this.related_);
    await insertAll(tx, caseTransfers, this.transfers);
    await insertAll(tx, sensitivePersons, this.sensitive_);
  }

  /** Case numbers and self-report IDs are unique: draw again where the database (or this batch) has one. */
  private async uniqueNumbers(): Promise<void> {
    for (const [column, make] of [
      ['case_number', () => newCaseNumber((n) => intBelow(this.rng, n))],
      ['self_report_id', () => newSelfReportId((n) => intBelow(this.rng, n))],
    ] as const) {
      const key = column === 'case_number' ? 'caseNumber' : 'selfReportId';
      const seen = new Set<string>();
      // A number drawn again is checked like the others: at a large city's size some clash with the database too.
      for (let pending = this.cases; pending.length > 0; ) {
        const redrawn: typeof this.cases = [];
        for (let i = 0; i < pending.length; i += 5000) {
          const chunk = pending.slice(i, i + 5000);
          const taken = await rows<{ v: string }>(
            this.tx,
            sql`SELECT ${sql.raw(column)} AS v FROM cases WHERE ${sql.raw(column)} IN (SELECT json_array_elements_text(${JSON.stringify(chunk.map((c) => c[key]))}::json))`,
          );
          const inDb = new Set(taken.map((t) => t.v));
          for (const c of chunk) {
            if (!inDb.has(c[key]) && !seen.has(c[key])) {
              seen.add(c[key]);
              continue;
            }
            do c[key] = make();
            while (seen.has(c[key]));
            redrawn.push(c);
          }
        }
        pending = redrawn;
      }
    }
    const numberOf = new Map(this.cases.map((c) => [c.id!, c.caseNumber]));
    for (const t of this.transfers) t.caseNumber = numberOf.get(t.caseId)!;
  }
}
