// Retention (issue 14): a period after a case's end — release (解除) or death, the final statuses of
// the 記録タブ — personal identity is removed. Which person is due, and what stays so that every count
// stays the same: sex, a birth date that gives the same age band on every date a count used, and the
// municipality of residence. Pure: the job (src/server/retention/) and the screen read it.
//
// The period is the operator's (RETENTION_YEARS). Neither the Infectious Diseases Control Law nor the
// seeds set one for HER-SYS; the default of 5 years follows the retention of medical records (医師法
// 第24条: 診療録 5年), the nearest legal period, and an operator with its own rule sets that instead.
import type { CaseStatus } from '../case-status.ts';
import type { FormDefinition, FormItem } from '../forms/definition.ts';
import { FINAL_STATUSES } from '../case-status.ts';
import type { AgeBand } from '../statistics/age-bands.ts';
import { municipalityOfAddress } from '../statistics/municipality.ts';
import { PREFECTURES } from '../statistics/prefectures.ts';

export const DEFAULT_RETENTION_YEARS = 5;

export interface RetentionCase {
  currentStatus: CaseStatus | null;
  statusEffectiveOn: string | null;
}

/** The day a case ended (released or died), or null while it is open. */
export const caseEndedOn = (c: RetentionCase): string | null =>
  c.currentStatus !== null && FINAL_STATUSES.includes(c.currentStatus) ? c.statusEffectiveOn : null;

/** yyyy-mm-dd plus whole years; 29 February becomes 28 February in a common year. */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap ? 28 : d;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The first day a case's identity may be removed; null while the case is open. */
export function retentionDueOn(c: RetentionCase, years: number): string | null {
  const ended = caseEndedOn(c);
  return ended === null ? null : addYears(ended, years);
}

/**
 * A person is due when every case of theirs has ended and its period has passed, and so has the
 * period after every monitoring of theirs as a close contact (濃厚接触者, its last day): a case still
 * followed (or reopened) keeps the whole identity, since staff need it.
 */
export function personDueOn(cases: readonly RetentionCase[], years: number, contactEnds: readonly string[] = []): string | null {
  if (!cases.length && !contactEnds.length) return null;
  const dues = [...cases.map((c) => retentionDueOn(c, years)), ...contactEnds.map((end) => addYears(end, years))];
  if (dues.some((d) => d === null)) return null;
  return (dues as string[]).reduce((a, b) => (a > b ? a : b));
}

export const isDue = (cases: readonly RetentionCase[], years: number, today: string, contactEnds: readonly string[] = []): boolean => {
  const due = personDueOn(cases, years, contactEnds);
  return due !== null && due <= today;
};

const DAY = 86_400_000;
const toDay = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;
const fromDay = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

/**
 * The birth date kept after retention: the latest date that gives every case of the person the age
 * band it was counted under (`bandsWith(d)` recounts them with birth date d) — or, where the bands
 * bound it from one side only (under 10: a later birth stays under 10), the earliest. It depends on
 * the counts' reference dates and bands only, never on the day of birth, so it tells no more than
 * the counts do, and a recount from scratch gives the same figures. A person never counted by age
 * keeps 1 January of the birth year.
 */
export function generalisedBirthDate(birthDate: string, bandsWith: (d: string) => readonly AgeBand[]): string {
  const counted = bandsWith(birthDate);
  const same = (day: number) => bandsWith(fromDay(day)).every((b, i) => b === counted[i]);
  const birth = toDay(birthDate);
  const span = toDay(addYears(birthDate, 200)) - birth;
  if (counted.every((b) => b === 'unknown')) return `${birthDate.slice(0, 4)}-01-01`;
  // The dates that keep every band form an interval around the true birth date: find one end.
  const [inside, outside] = !same(birth + span) ? [birth, birth + span] : !same(birth - span) ? [birth, birth - span] : [null, null];
  if (inside === null || outside === null) return `${birthDate.slice(0, 4)}-01-01`;
  let [a, b] = [inside, outside];
  while (Math.abs(b - a) > 1) {
    const mid = Math.floor((a + b) / 2);
    if (same(mid)) a = mid;
    else b = mid;
  }
  return fromDay(a);
}

/**
 * The residence kept: the prefecture and municipality only (東京都新宿区), which the counts by
 * municipality read (municipalityOfAddress); null when the address told none (counted as unknown).
 */
export function generalisedAddress(address: string | null): string | null {
  const m = municipalityOfAddress(address);
  if (!m) return null;
  const prefecture = PREFECTURES.find((p) => p.code === m.prefecture);
  return prefecture ? `${prefecture.ja}${m.ja}` : null;
}

/** The name a removed identity shows: a pseudonym from the record's id, never from the name. */
export function pseudonym(personId: string): { nameKanji: string; nameKana: string } {
  return { nameKanji: `匿名 ${personId.slice(0, 8)}`, nameKana: 'トクメイ' };
}

/**
 * Audit details that may hold personal values, by action: the identity typed into a search, a
 * contact's free-text note. The job replaces these leaves by their digests (src/server/audit/chain.ts)
 * on rows that concern a retained person; every other detail is an id, a code or a count.
 */
export const PERSONAL_AUDIT_DETAILS: Readonly<Record<string, readonly (readonly string[])[]>> = {
  'cases.search': [['filter', 'kana'], ['filter', 'birthDate'], ['filter', 'externalId']],
  'contacts.update': [['changes', 'note', 'from'], ['changes', 'note', 'to']],
};

/** Free-text items of a notification form that name places, not people (the area of infection): kept. */
export const PLACE_TEXT_ITEMS: readonly string[] = ['area_municipality', 'area_country'];

/**
 * A notification's answers without its free-text items (the doctor's remarks, a detailed place
 * abroad), which may name people; choices, dates and numbers stay. Groups and repeated groups are
 * walked as the form defines them.
 */
export function withoutFreeText(def: FormDefinition, answers: unknown): unknown {
  const strip = (items: readonly FormItem[], value: unknown): unknown => {
    if (Array.isArray(value)) return value.map((v) => strip(items, v));
    if (typeof value !== 'object' || value === null) return value;
    const out: Record<string, unknown> = { ...(value as Record<string, unknown>) };
    for (const item of items) {
      if (!(item.id in out)) continue;
      if (item.type === 'text' && !PLACE_TEXT_ITEMS.includes(item.id)) delete out[item.id];
      else if (item.type === 'group' && item.items) out[item.id] = strip(item.items, out[item.id]);
    }
    return out;
  };
  return strip(def.items, answers);
}
