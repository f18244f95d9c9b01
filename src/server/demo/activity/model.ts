// The behaviour model shared by normal work and misuse: who is at work when, which staffer a case
// belongs to, the client each user works from, and audit rows shaped exactly as the services write
// them (src/server/cases/service.ts, observations/service.ts, notifications/read.ts, …).
import type { ActivityWorld, WorldCase, WorldUser } from './world.ts';
import { between, hash32, intBelow, lognormal, rngOf, uuidOf, type Rng } from './random.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
export const MINUTE = 60_000;

export const MISUSE_KINDS = ['celebrity', 'relative', 'ex_partner', 'curiosity', 'after_transfer', 'contractor_bulk'] as const;
export type MisuseKind = (typeof MISUSE_KINDS)[number];

/** One audit row as a service writes it; `misuse` is the ground truth, never written to the log. */
export interface ActivityRow {
  at: number;
  userId: string;
  orgId: string;
  action: string;
  recordType: string;
  recordIds: string[];
  purpose: string | null;
  clientAddr: string;
  details: Record<string, unknown>;
  misuse?: MisuseKind;
}

/** What the web app sends as the purpose (src/web/screens/case/CasePage.tsx, PurposePrompt.tsx). */
export const FROM_LIST = '担当業務（一覧から）';
export const PROMPTED = ['患者対応', '疫学調査', '患者対応: 入院調整', 'その他: 電話での問い合わせ対応'] as const;

export type Job = 'hc' | 'doctor' | 'clerk' | 'prefecture' | 'facility' | 'followup' | 'other';

export interface Staff extends WorldUser {
  job: Job;
  /** This person's own pace: some do more than others, every day. */
  pace: number;
  clientAddr: string;
  orgKind: string;
  prefectureId: string | null;
}

export interface Index {
  world: ActivityWorld;
  staff: Staff[];
  staffOf: Map<string, Staff[]>;
  orgKind: Map<string, string>;
  orgPrefecture: Map<string, string | null>;
  caseById: Map<string, WorldCase>;
  start: number;
  days: number;
  seed: string;
}

function jobOf(u: WorldUser, orgKind: string): Job {
  const has = (r: string) => u.roles.includes(r);
  if (orgKind === 'health_center' && has('hc_staff')) return 'hc';
  if (orgKind === 'medical_institution' && has('doctor')) return 'doctor';
  if (orgKind === 'medical_institution' && has('clerk')) return 'clerk';
  if (orgKind === 'prefecture' && has('prefecture_staff')) return 'prefecture';
  if (orgKind === 'accommodation_facility' && has('facility_staff')) return 'facility';
  if (orgKind === 'followup_center' && has('followup_staff')) return 'followup';
  return 'other';
}

export function indexWorld(world: ActivityWorld, start: number, days: number, seed: string): Index {
  const orgKind = new Map(world.orgs.map((o) => [o.id, o.kind]));
  const orgPrefecture = new Map(world.orgs.map((o) => [o.id, o.prefectureId]));
  const orgNo = new Map(world.orgs.map((o, i) => [o.id, i]));
  const staffOf = new Map<string, Staff[]>();
  const staff: Staff[] = [];
  for (const u of world.users) {
    const kind = orgKind.get(u.orgId) ?? '';
    const job = jobOf(u, kind);
    if (job === 'other') continue;
    const list = staffOf.get(u.orgId) ?? [];
    // Each organisation its own subnet, each person their own PC in it.
    const o = orgNo.get(u.orgId)!;
    const s: Staff = {
      ...u,
      job,
      pace: lognormal(rngOf(seed, 'pace', u.id), 0.25),
      clientAddr: `10.${(o >> 8) & 255}.${o & 255}.${10 + list.length}`,
      orgKind: kind,
      prefectureId: orgPrefecture.get(u.orgId) ?? null,
    };
    list.push(s);
    staffOf.set(u.orgId, list);
    staff.push(s);
  }
  return { world, staff, staffOf, orgKind, orgPrefecture, caseById: new Map(world.cases.map((c) => [c.id, c])), start, days, seed };
}

/** The weekday (0 = Sunday) of day `d` of the month, in Japan. */
export const weekday = (ix: Index, d: number) => new Date(ix.start + d * DAY + 9 * HOUR).getUTCDay();

export interface Shift {
  start: number;
  end: number;
  /** How busy the day is for this person (day-to-day variation times their pace). */
  volume: number;
}

/**
 * Whether and when a person works on day `d`. Offices work weekdays with a weekend rota for the
 * centres; facilities, follow-up centres and hospital wards every day in shifts. 8:30 to 17:15,
 * with overtime on busy days.
 */
export function shiftOf(ix: Index, s: Staff, d: number): Shift | null {
  const rng = rngOf(ix.seed, 'shift', s.id, d);
  const wd = weekday(ix, d);
  const weekend = wd === 0 || wd === 6;
  const everyDay = s.job === 'facility' || s.job === 'followup';
  const p = weekend ? ({ hc: 0.25, doctor: 0.3, clerk: 0.2, prefecture: 0.1, facility: 0.7, followup: 0.7, other: 0 } as const)[s.job] : everyDay ? 0.75 : 0.93;
  if (rng() >= p) return null;
  const dayStart = ix.start + d * DAY;
  const start = dayStart + 8 * HOUR + between(rng, 15, 55) * MINUTE;
  const overtime = rng() < 0.3 ? between(rng, 0.3, 3) * HOUR : 0;
  const end = dayStart + 17 * HOUR + between(rng, 0, 30) * MINUTE + overtime;
  return { start, end, volume: s.pace * lognormal(rng, 0.35) };
}

/** The staffer a case belongs to in an organisation (担当), stable over the case's life. */
export function primaryOf(list: readonly Staff[], caseId: string): Staff {
  return list[hash32(caseId) % list.length];
}

/** The one who does it today: the case's own staffer, or a present colleague covering. */
export function workerOf(list: readonly Staff[], caseId: string, present: (s: Staff) => boolean): Staff | null {
  const first = hash32(caseId) % list.length;
  for (let i = 0; i < list.length; i++) {
    const s = list[(first + i) % list.length];
    if (present(s)) return s;
  }
  return null;
}

export const activeOn = (c: WorldCase, from: number, to: number) => c.createdAt < to && c.followUntil >= from;


/** Builds rows for one person, one after another in time. */
export class Session {
  readonly rows: ActivityRow[] = [];
  constructor(
    readonly s: Staff,
    public t: number,
    readonly rng: Rng,
    readonly misuse?: MisuseKind,
  ) {}

  /** Time passes between two steps. */
  wait(minSeconds: number, maxSeconds: number): this {
    this.t += Math.round(between(this.rng, minSeconds, maxSeconds) * 1000);
    return this;
  }

  row(action: string, recordType: string, recordIds: string[], details: Record<string, unknown> = {}, purpose: string | null = null): this {
    this.rows.push({
      at: Math.round(this.t),
      userId: this.s.id,
      orgId: this.s.orgId,
      action,
      recordType,
      recordIds,
      purpose,
      clientAddr: this.s.clientAddr,
      details,
      ...(this.misuse ? { misuse: this.misuse } : {}),
    });
    return this;
  }

  /** GET /api/cases/:id: the case page opens with the person. */
  readCase(c: WorldCase, purpose: string): this {
    return this.row('cases.read', 'case', [c.id, c.personId], {}, purpose);
  }

  readObservations(c: WorldCase, purpose: string): this {
    return this.row('observations.read', 'case', [c.id], { observations: 1 + intBelow(this.rng, 9) }, purpose);
  }

  recordObservation(c: WorldCase): this {
    return this.row('observations.record', 'health_observation', [uuidOf(this.rng)], { caseId: c.id, alertIds: [], rules: [] });
  }

  readNotification(c: WorldCase, purpose: string): this {
    if (c.notificationIds.length === 0) return this;
    return this.row('notifications.read', 'notification', [c.notificationIds[0]], { caseId: c.id }, purpose);
  }

  /** The case list searched (masked rows); the filter as the API stores it. */
  search(filter: Record<string, unknown>, found: WorldCase[]): this {
    return this.row('cases.search', 'case', found.slice(0, 50).map((c) => c.id), { filter: { kanaMatch: 'prefix', limit: 50, ...filter } });
  }
}

export const isoDay = (t: number) => new Date(t + 9 * HOUR).toISOString().slice(0, 10);
