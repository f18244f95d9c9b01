// A day of normal work, person by person: centre staff read their work list and follow their own
// cases by phone, answer calls (search by name, open, record), read the notifications of new cases
// and look in on cases placed elsewhere; clinic doctors search before they register and file the
// notification, then look at what they reported; ward doctors, facility staff and the follow-up
// centre's call desk (contractor staff among them, at a heavier load) work the cases assigned to
// them while the assignment lasts; prefecture staff open a few cases for admission coordination.
import { between, hash32, intBelow, poisson, rngOf } from './random.ts';
import type { WorldCase } from './world.ts';
import { assignmentAt, responsibleAt } from './world.ts';
import {
  activeOn, DAY, FROM_LIST, HOUR, isoDay, MINUTE, PROMPTED, Session, workerOf,
  type ActivityRow, type Index, type Shift, type Staff,
} from './model.ts';

type TaskKind = 'follow' | 'new' | 'check' | 'related' | 'clinic' | 'call' | 'round' | 'ward';
interface Task {
  kind: TaskKind;
  c: WorldCase;
  /** Not before (a new case is read once its notification has arrived). */
  after?: number;
}

/** The cases a centre sees on a day, sorted by kana for the name search (a prefix is a range). */
class Scope {
  readonly byKana: WorldCase[];
  constructor(cases: WorldCase[]) {
    this.byKana = cases.sort((a, b) => (a.kana < b.kana ? -1 : a.kana > b.kana ? 1 : 0));
  }
  /** The case list's rows for a kana prefix, of cases registered by `t`. */
  find(prefix: string, t: number): WorldCase[] {
    let lo = 0;
    let hi = this.byKana.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.byKana[mid].kana < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: WorldCase[] = [];
    for (let i = lo; i < this.byKana.length && this.byKana[i].kana.startsWith(prefix) && found.length < 50; i++) {
      if (this.byKana[i].createdAt <= t) found.push(this.byKana[i]);
    }
    return found;
  }
}

export interface DayContext {
  d: number;
  dayStart: number;
  shifts: Map<string, Shift | null>;
  /** A centre's cases that day (responsible or related), for its searches. */
  scopes: Map<string, Scope>;
  /** A centre's cases followed at home that day: what its work list shows. */
  homeFollowed: Map<string, WorldCase[]>;
  /** A prefecture's cases followed that day (registered before it). */
  followedIn: Map<string, WorldCase[]>;
}

export function dayContext(ix: Index, d: number, shifts: Map<string, Shift | null>): DayContext {
  const dayStart = ix.start + d * DAY;
  const noon = dayStart + 12 * HOUR;
  const scoped = new Map<string, WorldCase[]>();
  const homeFollowed = new Map<string, WorldCase[]>();
  const followedIn = new Map<string, WorldCase[]>();
  const add = (m: Map<string, WorldCase[]>, k: string, c: WorldCase) => (m.get(k) ?? m.set(k, []).get(k)!).push(c);
  for (const c of ix.world.cases) {
    if (c.createdAt >= dayStart + DAY) continue;
    const hc = responsibleAt(c, noon);
    add(scoped, hc, c);
    for (const r of c.related) if (r.from <= noon) add(scoped, r.hcId, c);
    if (!activeOn(c, dayStart, dayStart + DAY) || c.createdAt >= dayStart) continue;
    add(followedIn, c.prefectureId, c);
    if (!assignmentAt(c, noon)) add(homeFollowed, hc, c);
  }
  const scopes = new Map([...scoped].map(([hc, list]) => [hc, new Scope(list)]));
  return { d, dayStart, shifts, scopes, homeFollowed, followedIn };
}

export function normalWork(ix: Index, ctx: DayContext): ActivityRow[] {
  const { d, dayStart, shifts } = ctx;
  const dayEnd = dayStart + DAY;
  const noon = dayStart + 12 * HOUR;
  const present = (s: Staff) => shifts.get(s.id) != null;
  const out: ActivityRow[] = [];
  const tasks = new Map<Staff, Task[]>();
  const give = (s: Staff | null, task: Task) => s && (tasks.get(s) ?? tasks.set(s, []).get(s)!).push(task);
  const lists = new Map<string, Staff[]>();
  const ofJob = (orgId: string | null, job: Staff['job']) => {
    if (!orgId) return [];
    const key = `${orgId}|${job}`;
    return lists.get(key) ?? lists.set(key, (ix.staffOf.get(orgId) ?? []).filter((s) => s.job === job)).get(key)!;
  };
  // The call desk shares its cases; contractor staff take a bigger share (they do nothing else).
  const desks = new Map<string, Staff[]>();
  const deskOf = (orgId: string) => desks.get(orgId) ?? desks.set(orgId, ofJob(orgId, 'followup').flatMap((s) => (s.contractor ? [s, s] : [s]))).get(orgId)!;

  for (const c of ix.world.cases) {
    if (!activeOn(c, dayStart, dayEnd)) continue;
    const rng = rngOf(ix.seed, 'case', c.id, d);
    const hc = responsibleAt(c, noon);
    const centre = ofJob(hc, 'hc');
    if (c.createdAt >= dayStart) {
      out.push(...registration(ix, c, ofJob(c.reportingOrgId, 'doctor')));
      give(workerOf(centre, c.id, present), { kind: 'new', c, after: c.createdAt + between(rng, 20, 120) * MINUTE });
      continue;
    }
    const a = assignmentAt(c, noon);
    if (!a) give(workerOf(centre, c.id, present), { kind: 'follow', c });
    else {
      if (a.kind === 'followup') give(workerOf(deskOf(a.orgId), c.id, present), { kind: 'call', c });
      else if (a.kind === 'residence') give(workerOf(ofJob(a.orgId, 'facility'), c.id, present), { kind: 'round', c });
      else give(workerOf(ofJob(a.orgId, 'doctor'), c.id, present), { kind: 'ward', c });
      // The centre stays responsible and looks in on a placed case every few days.
      if ((hash32(c.id) + d) % 3 === 0) give(workerOf(centre, c.id, present), { kind: 'check', c });
    }
    for (const r of c.related) {
      if (r.byTransfer || r.from > noon || rng() >= 0.15) continue;
      give(workerOf(ofJob(r.hcId, 'hc'), c.id, present), { kind: 'related', c });
    }
    const age = Math.floor((dayStart - c.createdAt) / DAY);
    if (age < 3 && rng() < 0.15) give(workerOf(ofJob(c.reportingOrgId, 'doctor'), c.id, present), { kind: 'clinic', c });
  }

  for (const s of ix.staff) {
    const shift = shifts.get(s.id);
    if (!shift) continue;
    const rng = rngOf(ix.seed, 'day', s.id, d);
    const mine = tasks.get(s) ?? [];
    const session = new Session(s, shift.start, rng);
    const lunch = () => {
      if (session.t >= noon && session.t < noon + HOUR) session.t = noon + HOUR + between(rng, 0, 10) * MINUTE;
    };
    const scope = ctx.scopes.get(s.orgId);
    const worklist = () => {
      if (s.job !== 'hc') return;
      const listed = (ctx.homeFollowed.get(s.orgId) ?? []).slice(0, 30);
      session.row('worklist.read', 'case', listed.map((c) => c.id), { alerts: 0, statusMissing: 0, stale: listed.length, notReported: 0, needsLook: 0, staleAfterDays: 3 });
    };
    worklist();
    const inquiries = s.job === 'hc' && scope ? poisson(rng, 1.2 * shift.volume) : 0;
    const inquiryAt = new Set(Array.from({ length: inquiries }, () => intBelow(rng, mine.length + 1)));
    const seen: Task[] = [];
    // The day's tasks spread over the shift (calls are not all made at nine).
    const perTask = Math.min(45, Math.max(1.5, (shift.end - shift.start) / MINUTE / (mine.length + inquiries + 1) - 2));
    for (let i = 0; i <= mine.length; i++) {
      if (inquiryAt.has(i) && scope) inquiry(session, scope, rng);
      const task = mine[i];
      if (!task) break;
      session.wait(perTask * 30, perTask * 90);
      lunch();
      if (task.after && session.t < task.after) {
        // A new case comes in later in the day: handled when it arrives, out of the running order.
        const later = new Session(s, task.after, rng);
        doTask(later, task);
        out.push(...later.rows);
        continue;
      }
      // A case handed over (transferred, its stay ended) since the morning is no longer this person's work.
      if (!stillTheirs(s, task, session.t)) continue;
      doTask(session, task);
      seen.push(task);
      if (s.job === 'hc' && i === Math.floor(mine.length / 2) && rng() < 0.6) worklist();
    }
    // A few cases opened again later in the day (a call back, a note checked).
    for (let k = poisson(rng, 0.8 * shift.volume); k > 0 && seen.length > 0; k--) {
      session.wait(60, 900);
      lunch();
      const task = seen[intBelow(rng, seen.length)];
      if (!stillTheirs(s, task, session.t)) continue;
      const c = task.c;
      session.readCase(c, FROM_LIST).wait(5, 60).readObservations(c, FROM_LIST);
    }
    if (s.job === 'prefecture') coordination(session, ctx, shift, rng);
    out.push(...session.rows);
  }
  return out;
}

/** 発生届 by the reporting doctor: a search for the person first, then the registration, the form and its submission. */
function registration(ix: Index, c: WorldCase, doctors: Staff[]): ActivityRow[] {
  if (doctors.length === 0 || !c.reportingOrgId) return [];
  const doctor = doctors[hash32(c.id) % doctors.length];
  const rng = rngOf(ix.seed, 'register', c.id);
  const s = new Session(doctor, c.createdAt - Math.round(between(rng, 60, 300) * 1000), rng);
  s.search({ kana: c.kana }, []);
  s.t = c.createdAt;
  s.row('cases.register', 'case', [c.id, c.personId], { choice: 'new_person', institutionId: c.reportingOrgId, proxy: false, tests: 1 });
  const n = c.notificationIds[0];
  if (n) {
    s.wait(120, 600).row('notifications.create', 'notification', [n], { caseId: c.id, formVersion: '2022-09-26', classification: 'patient', source: 'direct', institutionId: c.reportingOrgId });
    s.wait(120, 900).row('notifications.submit', 'notification', [n], { caseId: c.id });
  }
  return s.rows;
}

/** Whether the staffer's organisation still holds the relationship the task comes from at `t`. */
function stillTheirs(s: Staff, { kind, c }: Task, t: number): boolean {
  switch (kind) {
    case 'follow':
    case 'new':
    case 'check':
      return responsibleAt(c, t) === s.orgId;
    case 'call':
    case 'round':
    case 'ward':
      return assignmentAt(c, t)?.orgId === s.orgId;
    case 'related':
      return c.related.some((r) => r.hcId === s.orgId && r.from <= t);
    case 'clinic':
      return true;
  }
}

function doTask(s: Session, { kind, c }: Task): void {
  const rng = s.rng;
  switch (kind) {
    case 'new': // the notification arrived: read it, open the case, first call
      s.readNotification(c, FROM_LIST).wait(20, 120).readCase(c, FROM_LIST).wait(30, 300).row('residences.read', 'case', [c.id], {}, FROM_LIST);
      s.wait(120, 900).recordObservation(c);
      break;
    case 'follow': // 健康観察 by phone
    case 'call':
      s.readCase(c, FROM_LIST).wait(5, 40).readObservations(c, FROM_LIST);
      if (rng() < 0.92) s.wait(60, 420).recordObservation(c);
      if (rng() < 0.1) s.wait(10, 60).row('cases.status_read', 'case', [c.id], {}, FROM_LIST);
      break;
    case 'check':
    case 'related':
      s.readCase(c, FROM_LIST).wait(5, 40).readObservations(c, FROM_LIST);
      break;
    case 'clinic':
      s.readCase(c, FROM_LIST).wait(10, 60).readNotification(c, FROM_LIST);
      break;
    case 'round': // the facility's morning round
      if (rng() < 0.3) s.readCase(c, FROM_LIST).wait(5, 30);
      s.recordObservation(c);
      break;
    case 'ward':
      s.readCase(c, FROM_LIST).wait(10, 60).row('hospital_course.read', 'case', [c.id], {}, FROM_LIST).wait(60, 300).recordObservation(c);
      break;
  }
}

/** A patient calls: the staffer searches the surname, opens the right row and notes the call. */
function inquiry(s: Session, scope: Scope, rng: () => number): void {
  let c: WorldCase | undefined;
  for (let tries = 0; tries < 8 && !c; tries++) {
    const x = scope.byKana[intBelow(rng, scope.byKana.length)];
    if (x && x.followUntil >= s.t && x.createdAt < s.t) c = x;
  }
  if (!c) return;
  const prefix = rng() < 0.6 ? c.surnameKana : c.kana;
  s.wait(20, 300).search({ kana: prefix }, scope.find(prefix, s.t)).wait(5, 30).readCase(c, FROM_LIST);
  if (rng() < 0.5) s.wait(5, 30).readObservations(c, FROM_LIST);
  s.wait(60, 400).recordObservation(c);
}

/** 入院調整: prefecture staff list recent cases of the prefecture and open a hospitalised one or two. */
function coordination(s: Session, ctx: DayContext, shift: Shift, rng: () => number): void {
  const inPrefecture = ctx.followedIn.get(s.s.orgId) ?? [];
  const admitted = inPrefecture.filter((c) => assignmentAt(c, ctx.dayStart + 12 * HOUR)?.kind === 'admission');
  for (let k = poisson(rng, 1.5 * shift.volume); k > 0 && admitted.length > 0; k--) {
    s.wait(300, 3600);
    const c = admitted[intBelow(rng, admitted.length)];
    const from = isoDay(c.createdAt);
    const fromMidnight = Date.parse(`${from}T00:00:00+09:00`);
    const page = inPrefecture.filter((x) => x.createdAt >= fromMidnight && x.createdAt <= s.t);
    if (rng() < 0.7) s.search({ createdFrom: from }, page).wait(10, 60).readCase(c, FROM_LIST);
    else s.readCase(c, PROMPTED[intBelow(rng, 3)]);
    s.wait(10, 90).row('hospital_course.read', 'case', [c.id], {}, s.rows.at(-1)!.purpose);
  }
}

