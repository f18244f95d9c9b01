// The text form of the open-data files, as the ministry's files are written: UTF-8 with a byte
// order mark (so spreadsheet software reads it as UTF-8), CRLF line ends, a header row, and dates
// as yyyy/M/d without leading zeros ("2020/1/16"). csv-stringify's browser build is used because
// its Node build reaches for Buffer at import, which a browser bundle does not have; the browser
// build runs in Node too.
import { stringify } from 'csv-stringify/browser/esm/sync';

export const BOM = '\uFEFF';
export const LINE_END = '\r\n';

/** An empty cell: a suppressed count or no value. */
export type CsvCell = string | number | null;

export function toCsvText(columns: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const body = stringify([columns, ...rows.map((r) => r.map((c) => (c === null ? '' : c)))], {
    record_delimiter: 'windows',
    // Quote any line break, not only CRLF, so no reader takes a bare LF for the end of a record.
    quoted_match: /[\r\n]/,
  });
  return BOM + body;
}

/** '2020-01-16' → '2020/1/16'. */
export function toOpenDataDate(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) throw new RangeError(`not a yyyy-mm-dd date: ${isoDate}`);
  return `${m[1]}/${Number(m[2])}/${Number(m[3])}`;
}

/** '2020/1/16' → '2020-01-16', or null when it is not a real calendar date in that form. */
export function fromOpenDataDate(text: string): string | null {
  const m = /^(\d{4})\/([1-9]|1[0-2])\/([1-9]|[12]\d|3[01])$/.exec(text);
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return d.getUTCDate() === Number(m[3]) ? iso : null;
}

/** Every date from `from` to `to` inclusive (yyyy-mm-dd). */
export function datesBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

/**
 * Records of a CSV text (RFC 4180: quoted fields may hold commas, quotes and line breaks).
 * Reports the line ends it met so a validator can insist on CRLF.
 */
export function parseCsvText(text: string): { records: string[][]; bom: boolean; bareLineFeeds: number } {
  const bom = text.startsWith(BOM);
  const src = bom ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  let bareLineFeeds = 0;
  const endField = () => {
    record.push(field);
    field = '';
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (src[i + 1] === '"') field += src[++i];
      else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\r' && src[i + 1] === '\n') {
      i++;
      endRecord();
    } else if (ch === '\n') {
      bareLineFeeds++;
      endRecord();
    } else field += ch;
  }
  if (field !== '' || record.length > 0) endRecord();
  return { records, bom, bareLineFeeds };
}
