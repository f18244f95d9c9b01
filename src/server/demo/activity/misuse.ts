// Misuse planted into a month of work, of six kinds, each by a user who otherwise works normally:
//   celebrity        a centre's (or the prefecture's) staffer looks up a public figure's record
//   relative         a staffer opens the record of a relative or neighbour (the world's `kin`)
//   ex_partner       a staffer finds someone by name in the case list and opens the record, no work
//   curiosity        a staffer opens many records of their scope one after another, no work on them
//   after_transfer   the staffer who handed a case over to another centre keeps opening it
//   contractor_bulk  a contractor's staffer at the follow-up centre opens most of its cases at once
// Every access is one the user's rights allow (row-level security would refuse any other): what
// makes it misuse is that no work needs it. Which user, which day and which rows is the ground truth.
import { between, intBelow, rngOf, type Rng } from './random.ts';
import { assignmentAt, responsibleAt, type WorldCase } from './world.ts';
import {
  DAY, FROM_LIST, HOUR, isoDay, MINUTE, primaryOf, Session, shiftOf,
  type ActivityRow, type Index, type MisuseKind, type Staff,
} from './model.ts';

export interface MisusePlan {
  kind: MisuseKind;
  user: Staff;
  d: number;
  cases: WorldCase[];
}

const dayOf = (ix: Index, t: number) => Math.floor((t - ix.start) / DAY);

/** Who misuses what when: at most `perKind` of each kind, one kind per user, on a day they are at work. */
export function planMisuse(ix: Index, perKind: number): MisusePlan[] {
  const rng = rngOf(ix.seed, 'plan');
  const used = new Set<string>();
  const plans: MisusePlan[] = [];
  const inMonth = ix.world.cases.filter((c) => c.createdAt >= ix.start && c.createdAt < ix.start + ix.days * DAY);
  const hcStaff = (orgId: string) => (ix.staffOf.get(orgId) ?? []).filter((s) => s.job === 'hc');
  /** The first day from `from` (to 4 days on) that the user works; null if none in the month. */
  const workday = (s: Staff, from: number) => {
    for (let d = Math.max(0, from); d < Math.min(ix.days, from + 5); d++) if (shiftOf(ix, s, d)) return d;
    return null;
  };
  const plant = (kind: MisuseKind, user: Staff | undefined, from: number, cases: WorldCase[]) => {
    if (!user || used.has(user.id)) return false;
    const d = workday(user, from);
    if (d === null) return false;
    used.add(user.id);
    plans.push({ kind, user, d, cases });
    return true;
  };
  const count = (kind: MisuseKind) => plans.filter((p) => p.kind === kind).length;
  const shuffled = <T,>(items: T[]) => items.map((x) => [rng(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);

  for (const c of shuffled(inMonth.filter((c) => ix.world.sensitivePersonIds.has(c.personId)))) {
    if (count('celebrity') >= perKind) break;
    const centre = hcStaff(responsibleAt(c, c.createdAt));
    const prefecture = (ix.staffOf.get(c.prefectureId) ?? []).filter((s) => s.job === 'prefecture');
    const viewers = shuffled([...centre.filter((s) => centre.length < 2 || s !== primaryOf(centre, c.id)), ...prefecture]);
    viewers.some((v) => plant('celebrity', v, dayOf(ix, c.createdAt) + intBelow(rng, 3), [c]));
  }
  for (const k of ix.world.kin) {
    if (count('relative') >= perKind) break;
    const c = ix.caseById.get(k.caseId);
    const user = ix.staff.find((s) => s.id === k.userId);
    if (c && c.createdAt >= ix.start) plant('relative', user, dayOf(ix, c.createdAt) + 1 + intBelow(rng, 3), [c]);
  }
  for (const c of shuffled(inMonth.filter((c) => c.related.some((r) => r.byTransfer)))) {
    if (count('after_transfer') >= perKind) break;
    const moved = c.responsible[1]?.from ?? 0;
    if (moved < ix.start) continue;
    // The one who followed it before the transfer.
    const before = hcStaff(c.responsible[0].hcId);
    if (before.length) plant('after_transfer', primaryOf(before, c.id), dayOf(ix, moved) + 1 + intBelow(rng, 2), [c]);
  }
  const allHc = shuffled(ix.staff.filter((s) => s.job === 'hc'));
  for (const s of allHc) {
    if (count('ex_partner') >= perKind) break;
    const theirs = inMonth.filter((c) => responsibleAt(c, c.createdAt) === s.orgId && primaryOf(hcStaff(s.orgId), c.id) !== s);
    if (theirs.length === 0) continue;
    const c = theirs[intBelow(rng, theirs.length)];
    plant('ex_partner', s, dayOf(ix, c.createdAt) + 1 + intBelow(rng, 4), [c]);
  }
  const browsers = shuffled([...allHc, ...ix.staff.filter((s) => s.job === 'prefecture')]);
  for (const s of browsers) {
    if (count('curiosity') >= perKind) break;
    plant('curiosity', s, Math.min(ix.days - 1, 3 + intBelow(rng, Math.max(1, ix.days - 3))), []);
  }
  for (const s of shuffled(ix.staff.filter((s) => s.contractor && s.job === 'followup'))) {
    if (count('contractor_bulk') >= perKind) break;
    plant('contractor_bulk', s, Math.min(ix.days - 1, 2 + intBelow(rng, Math.max(1, ix.days - 2))), []);
  }
  return plans;
}

/** The rows of one planted misuse, at a time of that day the user is there (or stayed on after). */
export function misuseRows(ix: Index, plan: MisusePlan): ActivityRow[] {
  const { kind, user, d } = plan;
  const rng = rngOf(ix.seed, 'misuse', user.id, d);
  const shift = shiftOf(ix, user, d)!;
  const dayStart = ix.start + d * DAY;
  // Over lunch, in the afternoon lull, or after everyone else has left.
  // Long sessions start early enough in the evening to end well before midnight.
  const late = Math.min(shift.end + between(rng, 10, 90) * MINUTE, dayStart + (kind === 'curiosity' || kind === 'contractor_bulk' ? 19.5 : 21) * HOUR);
  const when = [dayStart + 12 * HOUR + between(rng, 5, 45) * MINUTE, dayStart + between(rng, 14, 16) * HOUR, late];
  const s = new Session(user, Math.round(when[intBelow(rng, 3)]), rng, kind);
  // Not before the case is there (a public figure's case registered that afternoon).
  const first = plan.cases[0];
  if (first && s.t < first.createdAt + HOUR) s.t = first.createdAt + Math.round(between(rng, 1, 3) * HOUR);
  const scope = scopeOf(ix, user, s.t);
  switch (kind) {
    case 'celebrity':
    case 'relative':
    case 'ex_partner': {
      const c = plan.cases[0];
      s.search({ kana: c.kana }, scope.filter((x) => x.kana === c.kana)).wait(5, 40).readCase(c, FROM_LIST);
      if (kind !== 'ex_partner' || rng() < 0.5) s.wait(20, 120).readObservations(c, FROM_LIST);
      if (kind === 'celebrity') s.wait(10, 90).row('residences.read', 'case', [c.id], {}, FROM_LIST);
      if (kind === 'relative' && rng() < 0.5) s.wait(10, 90).row('hospital_course.read', 'case', [c.id], {}, FROM_LIST);
      break;
    }
    case 'after_transfer': {
      const c = plan.cases[0];
      s.readCase(c, FROM_LIST).wait(10, 90).readObservations(c, FROM_LIST);
      if (rng() < 0.4) s.wait(10, 60).row('cases.status_read', 'case', [c.id], {}, FROM_LIST);
      break;
    }
    case 'curiosity': {
      const from = isoDay(dayStart - 7 * DAY);
      const page = scope.filter((c) => isoDay(c.createdAt) >= from);
      const mine = new Set(page.filter((c) => user.job === 'hc' && primaryOf(ix.staffOf.get(user.orgId)!.filter((x) => x.job === 'hc'), c.id) === user));
      const others = shuffle(rng, page.filter((c) => !mine.has(c)));
      s.search({ createdFrom: from }, page);
      for (const c of others.slice(0, 12 + intBelow(rng, 19))) {
        s.wait(20, 120).readCase(c, FROM_LIST);
        if (rng() < 0.4) s.wait(10, 60).readObservations(c, FROM_LIST);
      }
      break;
    }
    case 'contractor_bulk': {
      const assigned = ix.world.cases.filter((c) => assignmentAt(c, s.t)?.orgId === user.orgId);
      for (const c of shuffle(rng, assigned).slice(0, 120 + intBelow(rng, 130))) {
        s.wait(8, 40);
        // A stay that ended meanwhile is out of reach (row-level security).
        if (assignmentAt(c, s.t)?.orgId !== user.orgId) continue;
        s.readCase(c, FROM_LIST);
        if (rng() < 0.3) s.wait(5, 20).readObservations(c, FROM_LIST);
      }
      break;
    }
  }
  return s.rows;
}

/** The cases a user sees at a time: the centre's (responsible or related), the prefecture's, or the assigned. */
function scopeOf(ix: Index, user: Staff, t: number): WorldCase[] {
  return ix.world.cases.filter(
    (c) =>
      c.createdAt <= t &&
      (user.job === 'prefecture'
        ? c.prefectureId === user.orgId
        : user.job === 'followup'
          ? assignmentAt(c, t)?.orgId === user.orgId
          : responsibleAt(c, t) === user.orgId || c.related.some((r) => r.hcId === user.orgId && r.from <= t)),
  );
}

function shuffle<T>(rng: Rng, items: T[]): T[] {
  return items.map((x) => [rng(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
}

