// The text form of the open-data files, as the ministry's files are written: UTF-8 with a byte
// order mark (so spreadsheet software reads it as UTF-8), CRLF line ends, a header row, and dates
// as yyyy/M/d without leading zeros ("2020/1/16"). csv-stringify's and csv-parse's browser builds
// are used because their Node builds reach for Buffer, which a browser bundle does not have; the
// browser builds run in Node too.
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';

export { CsvError } from 'csv-parse/browser/esm/sync';

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
 * Records of a CSV text (RFC 4180), without its byte order mark. A bare LF ends a record too, so
 * that a file written with the wrong line ends still reads row by row; rows may differ in length
 * for the validator to report. Throws csv-parse's CsvError on a broken quote.
 */
export function parseCsvText(text: string): string[][] {
  return parse(text, { bom: true, record_delimiter: ['\r\n', '\n'], relax_column_count: true });
}

/** Line feeds without a carriage return before them: line ends that are not CRLF (no value in these files holds a line break). */
export const bareLineFeeds = (text: string): number => text.match(/(?<!\r)\n/g)?.length ?? 0;
