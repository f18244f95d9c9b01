// Reading an uploaded file into its heading row and data rows: CSV (UTF-8 with or without BOM, or
// Shift_JIS as Japanese Excel saves it) through csv-parse, XLSX through exceljs (the first sheet).
// An XLSX that would expand beyond MAX_XLSX_EXPANDED_BYTES is refused before exceljs reads it.
// Anything else, an empty file or more than MAX_ROWS rows is a 400 with a message in both
// languages, never a 500.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { cellText } from '../../domain/bulk-upload/cells.ts';
import { MAX_FILE_BYTES, MAX_ROWS, MAX_XLSX_EXPANDED_BYTES } from '../../domain/bulk-upload/columns.ts';
import { AppError } from '../errors.ts';
import { checkZipExpansion } from './zip-guard.ts';

export interface ReadFile {
  format: 'csv' | 'xlsx';
  headings: string[];
  /** Data rows with their row number in the file (the heading is row 1); blank rows are left out. */
  rows: { rowNo: number; values: string[] }[];
}

const ZIP = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const at = ['body', 'contentBase64'];
const refuse = (code: 'bulk_upload_unreadable' | 'bulk_upload_empty' | 'bulk_upload_too_many_rows' | 'bulk_upload_too_large' | 'bulk_upload_expands_too_much', details = {}) =>
  new AppError(400, code, details, [{ path: at, code }]);

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    try {
      return new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
    } catch {
      throw refuse('bulk_upload_unreadable');
    }
  }
}

const blank = (values: string[]) => values.every((v) => v.trim() === '');

function readCsv(bytes: Buffer): string[][] {
  const text = decodeText(bytes);
  // A binary file (an image, a PDF, a legacy .xls) decodes as text with control characters.
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text.slice(0, 4096))) throw refuse('bulk_upload_unreadable');
  try {
    return parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 64 * 1024 }) as string[][];
  } catch {
    throw refuse('bulk_upload_unreadable');
  }
}

async function readXlsx(bytes: Buffer): Promise<string[][]> {
  // A zip bomb is refused before exceljs inflates anything (zip-guard.ts).
  const zip = checkZipExpansion(bytes);
  if (!zip.ok) throw zip.reason === 'expands_too_much' ? refuse('bulk_upload_expands_too_much', { maxExpandedBytes: MAX_XLSX_EXPANDED_BYTES }) : refuse('bulk_upload_unreadable');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw refuse('bulk_upload_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw refuse('bulk_upload_empty');
  if (sheet.rowCount > MAX_ROWS + 1 + 1000) throw refuse('bulk_upload_too_many_rows', { maxRows: MAX_ROWS });
  const out: string[][] = [];
  const width = sheet.columnCount;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const values: string[] = [];
    for (let c = 1; c <= width; c++) values.push(cellText(row.getCell(c).value).trim());
    out.push(values);
  }
  return out;
}

export async function readUploadedFile(bytes: Buffer): Promise<ReadFile> {
  if (bytes.length === 0) throw refuse('bulk_upload_empty');
  if (bytes.length > MAX_FILE_BYTES) throw refuse('bulk_upload_too_large', { maxBytes: MAX_FILE_BYTES });
  const format = bytes.subarray(0, 4).equals(ZIP) ? 'xlsx' : 'csv';
  const table = format === 'xlsx' ? await readXlsx(bytes) : readCsv(bytes);
  const headingAt = table.findIndex((r) => !blank(r));
  if (headingAt < 0) throw refuse('bulk_upload_empty');
  const headings = table[headingAt].map((h) => h.trim());
  // Trailing empty headings (a sheet's formatted but unused columns) are not columns.
  while (headings.length && headings.at(-1) === '') headings.pop();
  const rows = table
    .map((values, i) => ({ rowNo: i + 1, values: values.slice(0, headings.length) }))
    .slice(headingAt + 1)
    .filter((r) => !blank(r.values));
  if (!rows.length) throw refuse('bulk_upload_empty');
  if (rows.length > MAX_ROWS) throw refuse('bulk_upload_too_many_rows', { maxRows: MAX_ROWS, rows: rows.length });
  return { format, headings, rows };
}
