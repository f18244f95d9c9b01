// The risk rules of the access review (issue 12; the flags hospitals use, Hedda et al., AMIA 2017):
// each looks at one user's accesses of one day with its context and returns hits with their
// evidence. A rule's weight counts once per hit, up to the threshold; the day is an alert when the
// score reaches the threshold. Pure: the alerts job (src/server/access-review/alerts.ts) loads the facts.
import type { TemplateId } from './explanations.ts';

export const RULE_IDS = [
  'same_surname',
  'same_surname_address',
  'own_or_colleague',
  'sensitive_record',
  'after_relationship_ended',
  'unexplained',
  'search_without_work',
  'browsing',
  'volume',
  'off_hours',
  'burst',
  'new_client_address',
  'contractor',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

/** One access of the day to one case (an access_explanations row with what the rules need). */
export interface DayAccess {
  seq: number;
  at: string;
  caseId: string;
  action: string;
  template: TemplateId | null;
  /** Whether the action changed something (accesses.ts isWork). */
  work: boolean;
  /** Whether the action opened one record (accesses.ts OPEN_ACTIONS). */
  open: boolean;
  clientAddr: string | null;
  person: PersonFacts;
  /**
   * The viewer's organisation had a relationship with the case that had ended by then, and nothing
   * but a weaker one explains the access now (a centre kept as related after handing the case over,
   * a typed purpose) or nothing does.
   */
  relationEnded: boolean;
}

export interface PersonFacts {
  id: string;
  nameKanji: string;
  addresses: readonly string[];
  phones: readonly string[];
  sensitive: boolean;
}

/** A name search of the day: when, and the cases it listed. */
export interface DaySearch {
  seq: number;
  at: string;
  caseIds: readonly string[];
}

export interface RuleContext {
  viewer: {
    displayName: string;
    contractorName: string | null;
    orgAddress: string | null;
    orgPhone: string | null;
    /** Display names of the other users of the viewer's organisation. */
    colleagueNames: readonly string[];
    /** Addresses and phones of the person records bearing the viewer's name (their own, if they were ever a case or contact). */
    home: { addresses: readonly string[]; phones: readonly string[] };
  };
  searches: readonly DaySearch[];
  /**
   * Cases the viewer had worked on before this day: who looks after a person may look in on them
   * without a change. Loaded for the cases the rules ask about: sensitive records and persons named
   * like the viewer or a colleague.
   */
  workedBefore: ReadonlySet<string>;
  /**
   * Mean distinct cases per working day over the last weeks: the viewer's own, and their peers'
   * (same roles, same kind of organisation); and the peers' mean of this very day, so that a day
   * when everyone works a wave is not one viewer's anomaly. null: no history, no peer at work.
   */
  baseline: { own: number | null; peers: number | null; peersToday?: number | null };
  /** Client addresses the viewer used before this day (null: no history yet). */
  knownClientAddrs: readonly string[] | null;
  config: RiskConfig;
}

export interface RiskConfig {
  threshold: number;
  /** Japan hours [start, end): from 22 to 6 is off-hours. */
  offHours: { start: number; end: number };
  /** Minutes after a search in which work on a listed case counts. */
  searchWorkMinutes: number;
  /** Distinct cases over both baselines' multiple, and never below the floor. */
  volume: { multiple: number; floor: number };
  /** Distinct records opened within so many minutes. */
  burst: { records: number; minutes: number };
  /** Distinct records opened, with no work on them that day, within so many minutes. */
  browse: { records: number; minutes: number };
}

export const DEFAULT_RISK_CONFIG: RiskConfig = {
  threshold: 50,
  offHours: { start: 22, end: 6 },
  searchWorkMinutes: 30,
  volume: { multiple: 3, floor: 40 },
  burst: { records: 20, minutes: 5 },
  browse: { records: 10, minutes: 30 },
};

export interface Evidence {
  seqs: number[];
  caseIds: string[];
  detail: Record<string, unknown>;
}

export interface RuleHit {
  rule: RuleId;
  weight: number;
  evidence: Evidence;
}

export interface RiskRule {
  id: RuleId;
  weight: number;
  ja: string;
  en: string;
  check(accesses: readonly DayAccess[], ctx: RuleContext): Evidence[];
}

const MINUTE = 60_000;
const time = (iso: string) => Date.parse(iso);

/** The family name: the first part of a name written 「山田 太郎」 (full- or half-width space). */
export const surnameOf = (name: string) => name.trim().split(/[\s\u3000]+/)[0] ?? '';
const squeeze = (s: string) => s.replace(/[\s\u3000]+/g, '');
const digits = (s: string) => s.replace(/\D/g, '');

/** The accesses grouped by case, in time order. */
function byCase(accesses: readonly DayAccess[]): Map<string, DayAccess[]> {
  const m = new Map<string, DayAccess[]>();
  for (const a of accesses) {
    const list = m.get(a.caseId);
    if (list) list.push(a);
    else m.set(a.caseId, [a]);
  }
  return m;
}

const evidenceOf = (list: readonly DayAccess[], detail: Record<string, unknown> = {}) => ({
  seqs: [...new Set(list.map((a) => a.seq))],
  caseIds: [...new Set(list.map((a) => a.caseId))],
  detail,
});

/** One hit per case whose accesses match. */
const perCase = (accesses: readonly DayAccess[], match: (list: DayAccess[]) => Record<string, unknown> | null) =>
  [...byCase(accesses).values()].flatMap((list) => {
    const detail = match(list);
    return detail ? [evidenceOf(list, detail)] : [];
  });

const japanHour = (iso: string) => new Date(time(iso) + 9 * 60 * MINUTE).getUTCHours();

/** The cases with work on them that day. */
const workedOn = (accesses: readonly DayAccess[]) => new Set(accesses.filter((a) => a.work).map((a) => a.caseId));

/** The densest stretch of `minutes` among record openings: the most distinct cases inside one window. */
function densest(opens: readonly DayAccess[], minutes: number): DayAccess[] {
  const sorted = [...opens].sort((x, y) => time(x.at) - time(y.at));
  const span = minutes * MINUTE;
  const inside = new Map<string, number>();
  let best = { size: 0, from: 0, to: 0 };
  for (let i = 0, j = 0; j < sorted.length; j++) {
    inside.set(sorted[j].caseId, (inside.get(sorted[j].caseId) ?? 0) + 1);
    for (; time(sorted[j].at) - time(sorted[i].at) > span; i++) {
      const n = inside.get(sorted[i].caseId)! - 1;
      if (n === 0) inside.delete(sorted[i].caseId);
      else inside.set(sorted[i].caseId, n);
    }
    if (inside.size > best.size) best = { size: inside.size, from: i, to: j + 1 };
  }
  return sorted.slice(best.from, best.to);
}

/** The accesses to cases the viewer neither works on that day nor had worked on before. */
function untended(accesses: readonly DayAccess[], ctx: RuleContext): DayAccess[] {
  const worked = workedOn(accesses);
  return accesses.filter((a) => !worked.has(a.caseId) && !ctx.workedBefore.has(a.caseId));
}

const distinctCases = (list: readonly DayAccess[]) => new Set(list.map((a) => a.caseId)).size;

export const RISK_RULES: readonly RiskRule[] = [
  {
    // Users have no address: the viewer's family name is that of their display name.
    id: 'same_surname',
    weight: 30,
    ja: '閲覧者と同じ姓の人の記録（業務上の関係なし）',
    en: 'A person with the viewer’s family name, no work relationship',
    check: (accesses, ctx) => {
      const mine = surnameOf(ctx.viewer.displayName);
      return perCase(accesses, (list) => (list.some((a) => a.template === null) && surnameOf(list[0].person.nameKanji) === mine ? { surname: mine } : null));
    },
  },
  {
    // A relative or neighbour: the viewer's family name, and the address or phone of the viewer's
    // own record (users have no address of their own) or of the viewer's organisation.
    id: 'same_surname_address',
    weight: 50,
    ja: '閲覧者と同じ姓で、閲覧者本人の記録または所属先と住所・電話番号が一致する人の記録',
    en: 'A person with the viewer’s family name sharing the viewer’s own or their organisation’s address or phone',
    check: (accesses, ctx) => {
      const { viewer } = ctx;
      const mine = surnameOf(viewer.displayName);
      const addresses = new Set([...viewer.home.addresses, ...(viewer.orgAddress ? [viewer.orgAddress] : [])].map(squeeze));
      const phones = new Set([...viewer.home.phones, ...(viewer.orgPhone ? [viewer.orgPhone] : [])].map(digits).filter((x) => x.length >= 6));
      return perCase(accesses, ([{ person: p }]) => {
        if (surnameOf(p.nameKanji) !== mine || squeeze(p.nameKanji) === squeeze(viewer.displayName)) return null;
        const address = p.addresses.find((x) => addresses.has(squeeze(x)));
        const phone = p.phones.find((x) => phones.has(digits(x)));
        return address || phone ? { shared: address ? 'address' : 'phone' } : null;
      });
    },
  },
  {
    // The viewer's own record or a colleague's (the person's full name is that of a user of the
    // viewer's organisation), looked at by someone who is not looking after them: names repeat, and
    // a namesake the viewer works on is work.
    id: 'own_or_colleague',
    weight: 50,
    ja: '閲覧者本人または同じ組織の職員の記録を業務なく閲覧',
    en: 'The viewer’s own record or a colleague’s viewed without work on it',
    check: (accesses, ctx) => {
      const names = new Set([ctx.viewer.displayName, ...ctx.viewer.colleagueNames].map(squeeze));
      return perCase(untended(accesses, ctx), (list) =>
        names.has(squeeze(list[0].person.nameKanji)) ? { self: squeeze(list[0].person.nameKanji) === squeeze(ctx.viewer.displayName) } : null,
      );
    },
  },
  {
    // Those who handle the case record work on it; a look by anyone else is what is reviewed.
    id: 'sensitive_record',
    weight: 50,
    ja: '要配慮の印が付いた記録（著名人・職員）を業務なく閲覧',
    en: 'A record marked sensitive (public figure, staff) viewed without work on it',
    check: (accesses, ctx) =>
      perCase(untended(accesses, ctx), (list) => (list[0].person.sensitive ? { explained: list.some((a) => a.template !== null) } : null)),
  },
  {
    id: 'after_relationship_ended',
    weight: 50,
    ja: '業務上の関係が終わった後のアクセス（移管後・療養終了後など）',
    en: 'Access after the work relationship ended (after a transfer, a stay or an assignment)',
    // Work on the case is the handover itself, or a reason the viewer still has (a contact of theirs).
    check: (accesses) => {
      const worked = workedOn(accesses);
      return perCase(accesses, (list) => (list.some((a) => a.relationEnded) && !worked.has(list[0].caseId) ? {} : null));
    },
  },
  {
    id: 'unexplained',
    weight: 10,
    ja: '業務上の関係で説明できないアクセス',
    en: 'Access no work relationship explains',
    check: (accesses) => perCase(accesses, (list) => (list.some((a) => a.template === null) ? {} : null)),
  },
  {
    // A name search, the listed record opened from it, and no work on that record after: looking
    // someone up. The record opened is the first after the search (a later task may touch another
    // listed case by chance).
    id: 'search_without_work',
    weight: 50,
    ja: '氏名で検索して開いたが、業務を行っていない',
    en: 'Searched by name and opened a record, then did no work on it',
    check: (accesses, ctx) => {
      const span = ctx.config.searchWorkMinutes * MINUTE;
      const opens = accesses.filter((a) => a.open);
      return ctx.searches.flatMap((s) => {
        const from = time(s.at);
        const first = opens.find((a) => time(a.at) >= from && time(a.at) - from <= span);
        if (!first || !s.caseIds.includes(first.caseId)) return [];
        const after = accesses.filter((a) => a.caseId === first.caseId && time(a.at) >= from && time(a.at) - from <= span);
        if (after.some((a) => a.work)) return [];
        return [{ seqs: [s.seq, ...after.map((a) => a.seq)], caseIds: [first.caseId], detail: { searchSeq: s.seq, listed: s.caseIds.length } }];
      });
    },
  },
  {
    // Looking through records one after another and doing nothing on any of them: curiosity, or bulk viewing.
    id: 'browsing',
    weight: 50,
    ja: '業務を行わない記録を短時間に次々に閲覧',
    en: 'Many records opened in a short time with no work on any of them',
    check: (accesses, ctx) => {
      const worked = workedOn(accesses);
      const window = densest(accesses.filter((a) => a.open && !worked.has(a.caseId)), ctx.config.browse.minutes);
      const records = distinctCases(window);
      return records >= ctx.config.browse.records ? [evidenceOf(window, { records, minutes: ctx.config.browse.minutes })] : [];
    },
  },
  {
    id: 'volume',
    weight: 50,
    ja: '本人・同職種の通常より著しく多い閲覧件数',
    en: 'Far more records than the viewer’s own and their peers’ usual',
    check: (accesses, ctx) => {
      const distinct = distinctCases(accesses);
      const { own, peers, peersToday = null } = ctx.baseline;
      // Without any history (a new user of a new system) there is nothing to compare with.
      if (own === null && peers === null) return [];
      const limit = Math.max(ctx.config.volume.floor, ...[own, peers, peersToday].filter((x): x is number => x !== null).map((x) => x * ctx.config.volume.multiple));
      return distinct > limit ? [{ seqs: [], caseIds: [], detail: { distinct, own, peers, peersToday, limit: Math.round(limit) } }] : [];
    },
  },
  {
    id: 'off_hours',
    weight: 20,
    ja: '時間外（深夜・早朝）のアクセス',
    en: 'Access at night (Japan time)',
    check: (accesses, ctx) => {
      const { start, end } = ctx.config.offHours;
      const night = accesses.filter((a) => {
        const h = japanHour(a.at);
        return start > end ? h >= start || h < end : h >= start && h < end;
      });
      return night.length ? [evidenceOf(night, { hours: `${start}-${end}` })] : [];
    },
  },
  {
    id: 'burst',
    weight: 30,
    ja: '短時間に多数の記録を次々に開いた',
    en: 'Many records opened one after another in minutes',
    check: (accesses, ctx) => {
      const window = densest(accesses.filter((a) => a.open), ctx.config.burst.minutes);
      return distinctCases(window) >= ctx.config.burst.records ? [evidenceOf(window, { minutes: ctx.config.burst.minutes })] : [];
    },
  },
  {
    id: 'new_client_address',
    weight: 10,
    ja: 'これまでにない接続元からのアクセス',
    en: 'Access from a client address not used before',
    check: (accesses, ctx) => {
      if (ctx.knownClientAddrs === null) return [];
      const fresh = accesses.filter((a) => a.clientAddr !== null && !ctx.knownClientAddrs!.includes(a.clientAddr));
      return fresh.length ? [evidenceOf(fresh, { addresses: [...new Set(fresh.map((a) => a.clientAddr))] })] : [];
    },
  },
  {
    // Contractor staff are not suspect as such: their accesses are counted for the report (weight 0).
    id: 'contractor',
    weight: 0,
    ja: '委託先職員のアクセス（報告用に集計）',
    en: 'Contractor staff’s accesses (counted for the report)',
    check: (accesses, ctx) => (ctx.viewer.contractorName && accesses.length ? [evidenceOf(accesses, { contractor: ctx.viewer.contractorName, accesses: accesses.length })] : []),
  },
];

/** A rule's name for people, in the screen's language (an id no rule has any more is shown as it is). */
export function ruleLabel(id: string, lang: string): string {
  const rule = RISK_RULES.find((r) => r.id === id);
  return rule ? (lang === 'en' ? rule.en : rule.ja) : id;
}

/** The day's hits of every rule and the score: each hit counts its rule's weight, a rule at most the threshold. */
export function scoreDay(accesses: readonly DayAccess[], ctx: RuleContext): { score: number; hits: RuleHit[]; alert: boolean } {
  const hits: RuleHit[] = [];
  let score = 0;
  for (const rule of RISK_RULES) {
    const found = rule.check(accesses, ctx).map((e) => ({ rule: rule.id, weight: rule.weight, evidence: e }));
    hits.push(...found);
    score += Math.min(ctx.config.threshold, rule.weight * found.length);
  }
  return { score, hits, alert: score >= ctx.config.threshold };
}
