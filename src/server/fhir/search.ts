// Search parameters shared by the resources (FHIR R4 §3.1.1): parsing (a bad value is a 400
// OperationOutcome naming the parameter), the SQL each kind of parameter becomes, and the searchset
// Bundle with keyset paging: results are ordered by id and `next` carries `_cursor` = the last id,
// sealed with the rest of the search in `_page` (no personal data in the URLs we hand out).
// Repeating a parameter means AND (birthdate=ge1950-01-01&birthdate=le1960-12-31); a comma (OR) is
// not supported and is refused as such.
import type { Bundle, BundleLink, Resource } from '@medplum/fhirtypes';
import { sql, type SQL } from 'drizzle-orm';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { badParameter } from './outcome.ts';

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;

/** Parameters every search accepts besides its own; _format and _pretty are accepted and ignored. */
const COMMON = ['_count', '_cursor', '_format', '_pretty', '_page'];

export type Query = Record<string, string | string[] | undefined>;

/** The values of a parameter (repeated = several); a comma is an OR this server does not do. */
export function valuesOf(query: Query, name: string): string[] {
  const raw = query[name];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  for (const v of values) {
    if (v === '') throw badParameter(name, `${name} has no value`);
    if (v.includes(',')) throw badParameter(name, `${name}: several values separated by commas (OR) are not supported`);
    if (v.length > 200) throw badParameter(name, `${name} is too long`);
  }
  return values;
}

/** The one value of a parameter that may come once. */
export function single(query: Query, name: string): string | undefined {
  const values = valuesOf(query, name);
  if (values.length > 1) throw badParameter(name, `${name} may be given once`);
  return values[0];
}

/** Refuses parameters the resource does not support (rather than ignoring them and answering too much). */
export function checkKnown(query: Query, supported: readonly string[]): void {
  for (const name of Object.keys(query)) {
    if (!supported.includes(name) && !COMMON.includes(name)) throw badParameter(name, `Unknown or unsupported search parameter: ${name}`);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const isUuid = (s: string) => UUID.test(s);

export interface Paging {
  count: number;
  after: string | null;
}

export function paging(query: Query): Paging {
  const c = single(query, '_count');
  let count = DEFAULT_COUNT;
  if (c !== undefined) {
    if (!/^\d{1,4}$/.test(c)) throw badParameter('_count', '_count must be a whole number');
    count = Math.min(Number(c), MAX_COUNT);
  }
  const after = single(query, '_cursor')?.toLowerCase() ?? null;
  if (after !== null && !isUuid(after)) throw badParameter('_cursor', '_cursor must be the cursor of a next link');
  return { count, after };
}

// --- dates ------------------------------------------------------------------------------------

export type Prefix = 'eq' | 'ne' | 'gt' | 'lt' | 'ge' | 'le';
const PREFIXES: readonly Prefix[] = ['eq', 'ne', 'gt', 'lt', 'ge', 'le'];

/** A date search value: the range [low, high) it stands for, as instants and as Japanese calendar days. */
export interface DateParam {
  prefix: Prefix;
  low: Date;
  high: Date;
  lowDay: string;
  highDay: string;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
const dayOf = (d: Date) => {
  const j = new Date(d.getTime() + 9 * 3_600_000); // Japan: the calendar the data is kept in
  return `${pad(j.getUTCFullYear(), 4)}-${pad(j.getUTCMonth() + 1)}-${pad(j.getUTCDate())}`;
};
/** Midnight in Japan of a calendar day. */
const japanMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - 9 * 3_600_000);

/** A date, partial date (YYYY, YYYY-MM) or dateTime with a zone, after an optional prefix. Dates are days in Japan. */
export function parseDate(name: string, value: string): DateParam {
  const prefix = (PREFIXES as readonly string[]).includes(value.slice(0, 2)) ? (value.slice(0, 2) as Prefix) : 'eq';
  const v = prefix === 'eq' && !value.startsWith('eq') ? value : value.slice(2);
  // The value is not repeated in the answer: it may be personal data (a date of birth).
  const bad = () => badParameter(name, `${name}: not a FHIR date (YYYY, YYYY-MM, YYYY-MM-DD or a dateTime with a time zone), optionally after eq, ne, gt, lt, ge or le`);
  let low: Date;
  let high: Date;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(v);
  if (m) {
    const y = Number(m[1]);
    const mo = m[2] ? Number(m[2]) : null;
    const d = m[3] ? Number(m[3]) : null;
    if (y < 1800 || y > 2200) throw bad(); // before Date.UTC, which reads years below 100 as 19xx
    if (mo !== null && (mo < 1 || mo > 12)) throw bad();
    if (d !== null && (d < 1 || d > new Date(Date.UTC(y, mo!, 0)).getUTCDate())) throw bad();
    low = japanMidnight(y, mo ?? 1, d ?? 1);
    high = d !== null ? japanMidnight(y, mo!, d + 1) : mo !== null ? japanMidnight(y, mo + 1, 1) : japanMidnight(y + 1, 1, 1);
  } else if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.test(v)) {
    low = new Date(v);
    if (Number.isNaN(low.getTime())) throw bad();
    high = new Date(low.getTime() + 1000);
  } else {
    throw bad();
  }
  if (low.getUTCFullYear() < 1800 || low.getUTCFullYear() > 2200) throw bad();
  return { prefix, low, high, lowDay: dayOf(low), highDay: dayOf(high) };
}

export const dateParams = (query: Query, name: string) => valuesOf(query, name).map((v) => parseDate(name, v));

/** The condition of a date parameter on one column (a `date` column is compared by Japanese days). */
export function dateCondition(column: SQL, p: DateParam, kind: 'date' | 'instant'): SQL {
  const low = kind === 'date' ? sql`${p.lowDay}::date` : sql`${p.low.toISOString()}::timestamptz`;
  const high = kind === 'date' ? sql`${p.highDay}::date` : sql`${p.high.toISOString()}::timestamptz`;
  switch (p.prefix) {
    case 'eq':
      return sql`(${column} >= ${low} AND ${column} < ${high})`;
    case 'ne':
      return sql`NOT (${column} >= ${low} AND ${column} < ${high})`;
    case 'gt':
      return sql`${column} >= ${high}`;
    case 'lt':
      return sql`${column} < ${low}`;
    case 'ge':
      return sql`${column} >= ${low}`;
    case 'le':
      return sql`${column} < ${high}`;
  }
}

/** The condition of a date parameter on a period of days [start, end] (end null: ongoing): overlap semantics. */
export function periodCondition(start: SQL, end: SQL, p: DateParam): SQL {
  const low = sql`${p.lowDay}::date`;
  const high = sql`${p.highDay}::date`;
  const endsFrom = (d: SQL) => sql`(${end} IS NULL OR ${end} >= ${d})`;
  switch (p.prefix) {
    case 'eq':
      return sql`(${start} < ${high} AND ${endsFrom(low)})`;
    case 'ne':
      return sql`NOT (${start} < ${high} AND ${endsFrom(low)})`;
    case 'gt':
      return endsFrom(high);
    case 'lt':
      return sql`${start} < ${low}`;
    case 'ge':
      return endsFrom(low);
    case 'le':
      return sql`${start} < ${high}`;
  }
}

// --- tokens and references ----------------------------------------------------------------------

/** A token value: system|code, |code (no system), code (any system), system| (any code of the system). */
export interface TokenParam {
  system: string | null | undefined;
  code: string | undefined;
}

export function parseToken(name: string, value: string): TokenParam {
  const bar = value.indexOf('|');
  if (bar < 0) return { system: undefined, code: value };
  if (value.indexOf('|', bar + 1) >= 0) throw badParameter(name, `${name}: a token is system|code`);
  const system = value.slice(0, bar);
  const code = value.slice(bar + 1);
  if (!system && !code) throw badParameter(name, `${name}: a token is system|code`);
  return { system: system || null, code: code || undefined };
}

/** Whether a coding (system, code) matches a token value. */
export const tokenMatches = (t: TokenParam, system: string, code: string) =>
  (t.system === undefined || t.system === system) && (t.code === undefined || t.code === code);

/** A reference to a Patient: Patient/<id> or <id>. */
export function parsePatientReference(name: string, value: string): string {
  const id = value.startsWith('Patient/') ? value.slice('Patient/'.length) : value;
  if (!isUuid(id.toLowerCase())) throw badParameter(name, `${name} must be Patient/<id> or <id>`);
  return id.toLowerCase();
}

// --- the Bundle -------------------------------------------------------------------------------

/**
 * Links the server hands out (self, next) carry the search sealed in one opaque `_page` value
 * (AES-256-GCM under a key derived from the master key), never as readable parameters: a name or a
 * date of birth must not travel in a URL (proxies and browsers log URLs). A client that wants none
 * in its own requests either searches with POST [type]/_search and a form body.
 */
export interface PageSealer {
  seal(type: string, query: Query): string;
  /** The search a `_page` value stands for; null when it is not one of ours for this type. */
  open(type: string, token: string): Query | null;
}

export function pageSealer(masterKey: Buffer): PageSealer {
  const key = Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'hersys fhir page links', 32));
  return {
    seal(type, query) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(JSON.stringify({ type, query }), 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    },
    open(type, token) {
      try {
        const raw = Buffer.from(token, 'base64url');
        if (raw.length < 29 || raw.length > 8000) return null;
        const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        const found = JSON.parse(Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8')) as { type: string; query: Query };
        return found.type === type ? found.query : null;
      } catch {
        return null;
      }
    },
  };
}

/** The search a request stands for: its parameters, or those sealed in its `_page`. */
export function searchOf(sealer: PageSealer, type: string, query: Query): Query {
  if (query._page === undefined) return query;
  const others = Object.keys(query).filter((k) => k !== '_page' && k !== '_format' && k !== '_pretty');
  if (others.length) throw badParameter(others[0], '_page stands for the whole search: send it alone');
  const token = single(query, '_page')!;
  const found = sealer.open(type, token);
  if (!found) throw badParameter('_page', '_page is not a link this server gave for this resource type');
  return found;
}

const linkOf = (base: string, type: string, sealer: PageSealer, query: Query) => `${base}/${type}?_page=${sealer.seal(type, query)}`;

/** A searchset Bundle of one page: total, self, and next while more remain. */
export function searchset<R extends Resource & { id?: string }>(
  base: string,
  sealer: PageSealer,
  type: string,
  query: Query,
  page: Paging,
  found: { resources: R[]; more: boolean; total: number },
): Bundle<R> {
  const { _cursor: _, ...search } = query;
  const link: BundleLink[] = [{ relation: 'self', url: linkOf(base, type, sealer, query) }];
  const last = found.resources.at(-1);
  if (found.more && last?.id) link.push({ relation: 'next', url: linkOf(base, type, sealer, { ...search, _count: String(page.count), _cursor: last.id }) });
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: found.total,
    link,
    entry: found.resources.map((resource) => ({ fullUrl: `${base}/${type}/${resource.id}`, resource, search: { mode: 'match' } })),
  };
}
