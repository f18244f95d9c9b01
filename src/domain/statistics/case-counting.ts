// How one case counts (issue 13): whether it counts at all, under which classification, sex and age
// band, and what it adds to each measure on which day. The statistics job recomputes a case with
// this whenever its rows change and applies the difference to the rollups, so every figure on a
// dashboard is the sum of these contributions over the cases in the area.
import { addDays } from '../contacts.ts';
import type { CaseStatus } from '../case-status.ts';
import type { Classification } from '../notification.ts';
import type { Severity } from '../severity.ts';
import { ageBandOn, type AgeBand } from './age-bands.ts';
import type { Measure } from './measures.ts';
import { municipalityOfAddress } from './municipality.ts';

/**
 * Another case of the same person within this many days of a counted one is the same episode
 * (a duplicate, or a retest in one course of care, Q&A 7: a new case is registered when the retest
 * comes "weeks or more" later or for another reason), so it does not count again.
 */
export const EPISODE_DAYS = 28;

export interface CountingNotification {
  status: 'draft' | 'submitted' | 'withdrawn';
  classification: Classification;
  /** The first 「報告」 of this notification (the submission and acceptance date, Q&A 8), a Japan date; null for a draft. */
  firstSubmittedOn: string | null;
  superseded: boolean;
  diagnosedOn: string | null;
  onsetOn: string | null;
  deathOn: string | null;
}

export interface CountingCase {
  /** The dashboards count COVID-19 (the daily reports' disease); other diseases are in the weekly report. */
  disease?: string;
  sex: 'male' | 'female';
  birthDate: string;
  /** 居住地, free text: the municipality the case counts in. */
  residenceAddress?: string | null;
  notifications: readonly CountingNotification[];
  /** 記録タブ, in the order they were made. */
  statuses: readonly { status: CaseStatus; effectiveOn: string }[];
  /** 医療タブ, in the order they were made. */
  course: readonly { observedOn: string; severity: Severity }[];
  tests: readonly { collectedOn: string | null; resultOn: string | null; result: string }[];
}

/** A case whose address does not tell its municipality, and every daily report's positives. */
export const UNKNOWN_MUNICIPALITY = 'unknown';

export type CountedAs = 'counted' | 'not_notified' | 'withdrawn' | 'same_episode' | 'other_disease';

/** The disease the dashboards and the daily report count. */
export const COUNTED_DISEASE = 'covid19';

export interface CaseCount {
  countedAs: CountedAs;
  classification: Classification | 'none';
  ageBand: AgeBand;
  sex: 'male' | 'female';
  /** The municipality of residence (全国地方公共団体コード), or 'unknown' when the address does not tell it. */
  municipality: string;
  /** The day it counts as new (null when not counted): what the episode rule compares. */
  reportedOn: string | null;
  contributions: Contribution[];
}

export type Contribution = readonly [measure: Measure, day: string, n: number];

/** The case as counted before the episode rule, which needs the person's other cases (countEpisodes). */
export function countCase(c: CountingCase): CaseCount {
  const municipality = municipalityOfAddress(c.residenceAddress)?.code ?? UNKNOWN_MUNICIPALITY;
  // Nothing of another disease's case counts here, its tests neither.
  if ((c.disease ?? COUNTED_DISEASE) !== COUNTED_DISEASE) {
    return { countedAs: 'other_disease', classification: 'none', ageBand: 'unknown', sex: c.sex, municipality, reportedOn: null, contributions: [] };
  }
  const tests = testContributions(c.tests);
  const live = c.notifications.filter((n) => n.status === 'submitted' && n.firstSubmittedOn !== null);
  const reportedOn = min(live.map((n) => n.firstSubmittedOn!));
  if (!reportedOn) {
    const countedAs = c.notifications.some((n) => n.status === 'withdrawn') ? 'withdrawn' : 'not_notified';
    return { countedAs, classification: 'none', ageBand: 'unknown', sex: c.sex, municipality, reportedOn: null, contributions: tests };
  }
  // The notification in force: the newest not superseded by 追加登録 (Q&A 7), else the newest.
  const byDate = [...live].sort((a, b) => a.firstSubmittedOn!.localeCompare(b.firstSubmittedOn!));
  const current = byDate.filter((n) => !n.superseded).at(-1) ?? byDate.at(-1)!;
  const diagnosedOn = current.diagnosedOn ?? firstOf(byDate, 'diagnosedOn');
  const onsetOn = current.onsetOn ?? firstOf(byDate, 'onsetOn');
  const deathOn = current.deathOn ?? firstOf(byDate, 'deathOn') ?? c.statuses.find((s) => s.status === 'died')?.effectiveOn ?? null;
  const out: Contribution[] = [['reported', reportedOn, 1]];
  out.push(diagnosedOn ? ['diagnosed', diagnosedOn, 1] : ['diagnosed_unknown', reportedOn, 1]);
  out.push(onsetOn ? ['onset', onsetOn, 1] : ['onset_unknown', reportedOn, 1]);
  if (deathOn) out.push(['deaths', deathOn, 1]);
  out.push(...loadContributions(reportedOn, c.statuses, c.course), ...tests);
  return {
    countedAs: 'counted',
    classification: current.classification,
    ageBand: ageBandOn(c.birthDate, diagnosedOn ?? reportedOn),
    sex: c.sex,
    municipality,
    reportedOn,
    contributions: merge(out),
  };
}

/**
 * The person's cases, each as countCase gave it: those within EPISODE_DAYS after an earlier counted
 * case of the same person count as nothing new — only their tests remain.
 */
export function countEpisodes<T extends { count: CaseCount; tieBreak: string }>(cases: readonly T[]): Map<T, CaseCount> {
  const out = new Map<T, CaseCount>();
  const order = [...cases].sort((a, b) => (a.count.reportedOn ?? '9999').localeCompare(b.count.reportedOn ?? '9999') || a.tieBreak.localeCompare(b.tieBreak));
  let episodeStart: string | null = null;
  for (const c of order) {
    const on = c.count.reportedOn;
    if (on && episodeStart && on < addDays(episodeStart, EPISODE_DAYS)) {
      const tests = c.count.contributions.filter(([m]) => m.startsWith('tests_'));
      out.set(c, { ...c.count, countedAs: 'same_episode', reportedOn: null, contributions: tests });
      continue;
    }
    if (on) episodeStart = on;
    out.set(c, c.count);
  }
  return out;
}

type Period = readonly [from: string, until: string | null];

/** Flows of the loads: +1 the day a state begins, -1 the day it ends. */
function loadContributions(reportedOn: string, statuses: CountingCase['statuses'], course: CountingCase['course']): Contribution[] {
  const out: Contribution[] = [];
  const flow = (measure: Measure, [from, until]: Period) => {
    if (until !== null && until <= from) return;
    out.push([measure, from, 1]);
    if (until !== null) out.push([measure, until, -1]);
  };
  // A status takes effect on its date; a later entry for an earlier date (a correction) replaces
  // what it overlaps, so the periods follow the dates, entries of one day in the order made.
  const ordered = statuses.map((s, i) => ({ ...s, i })).sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.i - b.i);
  const firstOn = ordered[0]?.effectiveOn ?? null;
  flow('load_none', [reportedOn, firstOn]);
  const hospitalized: Period[] = [];
  ordered.forEach((s, k) => {
    const until = ordered[k + 1]?.effectiveOn ?? null;
    // Final states are kept as running totals: once released, a case stays in the released count
    // until a reopening moves it on.
    flow(`load_${s.status}`, [s.effectiveOn, until]);
    if (s.status === 'hospitalized' && (until === null || until > s.effectiveOn)) hospitalized.push([s.effectiveOn, until]);
  });
  // Each day's severity is that day's last entry, in force until the next day with an entry;
  // severe counts only while in hospital.
  const byDay = new Map<string, Severity>();
  for (const e of [...course].sort((a, b) => a.observedOn.localeCompare(b.observedOn))) byDay.set(e.observedOn, e.severity);
  const days = [...byDay.keys()];
  days.forEach((day, k) => {
    if (byDay.get(day) !== 'severe') return;
    for (const stay of hospitalized) {
      const overlap = intersect([day, days[k + 1] ?? null], stay);
      if (overlap) flow('load_severe', overlap);
    }
  });
  return out;
}

function testContributions(tests: CountingCase['tests']): Contribution[] {
  const out: Contribution[] = [];
  for (const t of tests) {
    const on = t.collectedOn ?? t.resultOn;
    if (!on) continue;
    if (t.result === 'positive') out.push(['tests_positive', on, 1]);
    else if (t.result === 'negative') out.push(['tests_negative', on, 1]);
  }
  return out;
}

function intersect([a1, a2]: Period, [b1, b2]: Period): Period | null {
  const from = a1 > b1 ? a1 : b1;
  const until = a2 === null ? b2 : b2 === null ? a2 : a2 < b2 ? a2 : b2;
  return until !== null && until <= from ? null : [from, until];
}

/** Contributions of the same measure and day added up; zeros dropped. */
export function merge(contributions: readonly Contribution[]): Contribution[] {
  const sums = new Map<string, number>();
  for (const [m, day, n] of contributions) sums.set(`${m}|${day}`, (sums.get(`${m}|${day}`) ?? 0) + n);
  return [...sums]
    .filter(([, n]) => n !== 0)
    .map(([key, n]) => {
      const [m, day] = key.split('|');
      return [m as Measure, day, n] as const;
    })
    .sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));
}

const min = (days: string[]) => (days.length ? days.reduce((a, b) => (a < b ? a : b)) : null);
const firstOf = (ns: readonly CountingNotification[], key: 'diagnosedOn' | 'onsetOn' | 'deathOn') => ns.find((n) => n[key])?.[key] ?? null;
