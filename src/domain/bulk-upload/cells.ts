// A cell as typed in Excel or a clinic system's CSV, read as the value the form would hold: dates
// in the usual Japanese ways (2022/10/3, 2022年10月3日, an Excel serial day), yes/no in either
// language or as ○/×, an option by its code or either label. Full-width digits and letters are
// folded (NFKC); names and addresses are kept as typed.
import type { Localized } from '../messages.ts';
import type { Column } from './columns.ts';

export type CellValue = string | number | boolean | string[] | undefined;
export type CellResult = { ok: true; value: CellValue } | { ok: false; message: Localized };

const fold = (s: string) => s.normalize('NFKC').trim();
const pad = (n: string) => n.padStart(2, '0');

/** Excel counts days from 1899-12-30 (its 1900 leap-year bug included). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** yyyy-mm-dd from the ways a date is written, or undefined. */
export function parseDate(raw: string): string | undefined {
  const s = fold(raw);
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?Z?)?$/u.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    return isRealDate(y, mo, d) ? `${m[1]}-${pad(m[2])}-${pad(m[3])}` : undefined;
  }
  if (/^\d{5}$/.test(s)) {
    const serial = Number(s);
    if (serial < 1 || serial > 2958465) return undefined;
    return new Date(EXCEL_EPOCH + serial * 86_400_000).toISOString().slice(0, 10);
  }
  return undefined;
}

const YES = new Set(['はい', 'yes', 'y', 'true', '1', '○', '◯', 'あり', '有', '該当']);
const NO = new Set(['いいえ', 'no', 'n', 'false', '0', '×', 'なし', '無', '非該当']);

function optionOf(column: Column, s: string): string | undefined {
  const v = fold(s).toLowerCase();
  return column.options?.find((o) => [o.code, o.ja, o.en].some((x) => fold(x).toLowerCase() === v))?.code;
}

const list = (c: Column) => (c.options ?? []).map((o) => o.ja).join('、');
const listEn = (c: Column) => (c.options ?? []).map((o) => o.en).join(', ');

/** The value of one cell; blank is no value (undefined). */
export function parseCell(column: Column, raw: string | undefined): CellResult {
  const s = (raw ?? '').trim();
  if (s === '') return { ok: true, value: undefined };
  const l = column.label;
  switch (column.kind) {
    case 'text':
      if (column.maxLength && s.length > column.maxLength)
        return { ok: false, message: { ja: `「${l.ja}」は${column.maxLength}文字以内で入力してください。`, en: `"${l.en}" must be at most ${column.maxLength} characters.` } };
      return { ok: true, value: s };
    case 'date': {
      const d = parseDate(s);
      return d
        ? { ok: true, value: d }
        : { ok: false, message: { ja: `「${l.ja}」が正しい日付ではありません（例：2022-10-03、2022/10/3）。`, en: `"${l.en}" is not a valid date (e.g. 2022-10-03 or 2022/10/3).` } };
    }
    case 'boolean': {
      const v = fold(s).toLowerCase();
      if (YES.has(v)) return { ok: true, value: true };
      if (NO.has(v)) return { ok: true, value: false };
      return { ok: false, message: { ja: `「${l.ja}」は「はい」か「いいえ」で入力してください。`, en: `"${l.en}" must be yes or no.` } };
    }
    case 'choice': {
      const code = optionOf(column, s);
      return code
        ? { ok: true, value: code }
        : { ok: false, message: { ja: `「${l.ja}」に「${s}」という選択肢はありません（${list(column)}）。`, en: `"${s}" is not an option of "${l.en}" (${listEn(column)}).` } };
    }
    case 'multi_choice': {
      const parts = s.split(/[;；、,，\n]/u).map((p) => p.trim()).filter(Boolean);
      const codes = parts.map((p) => optionOf(column, p));
      const bad = parts.filter((_, i) => !codes[i]);
      if (bad.length)
        return { ok: false, message: { ja: `「${l.ja}」に「${bad.join('、')}」という選択肢はありません（${list(column)}）。`, en: `"${bad.join(', ')}" is not an option of "${l.en}" (${listEn(column)}).` } };
      return { ok: true, value: codes as string[] };
    }
    case 'integer':
    case 'decimal': {
      const v = fold(s).replace(/,/g, '');
      const n = Number(v);
      if (v === '' || !Number.isFinite(n) || (column.kind === 'integer' && !Number.isInteger(n)))
        return { ok: false, message: { ja: `「${l.ja}」は${column.kind === 'integer' ? '整数' : '数値'}で入力してください。`, en: `"${l.en}" must be ${column.kind === 'integer' ? 'a whole number' : 'a number'}.` } };
      return { ok: true, value: n };
    }
  }
}

/** A spreadsheet cell as text, the way the row stores it: a date as yyyy-mm-dd, a boolean as yes/no. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'object') {
    const o = v as { text?: unknown; result?: unknown; richText?: { text: string }[]; hyperlink?: string };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    if (o.result !== undefined) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return String(v);
}
