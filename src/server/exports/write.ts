// Writing an export's file into a stream as its rows are read: CSV through csv-stringify, XLSX
// through exceljs's streaming WorkbookWriter (a header sheet, document properties, the data sheet).
// An XLSX with a password is built in memory and then encrypted (ECMA-376 agile encryption,
// officecrypto-tool): that caps its size (MAX_ENCRYPTED_ROWS); the unprotected forms stream any size.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify';
import { PassThrough, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import officeCrypto from 'officecrypto-tool';
import { japanToday } from '../../domain/calendar.ts';
import { exportReasonOf } from '../../domain/privacy/exports.ts';
import { checkCoder } from './fingerprint.ts';
import { cellsOf, columnHeadings, headerBlock, type ExportFacts } from './file.ts';
import type { ExportRow } from './rows.ts';

/** A password-protected XLSX is encrypted as a whole in memory: at most this many rows. */
export const MAX_ENCRYPTED_ROWS = 100_000;

export interface WriteOptions {
  format: 'csv' | 'xlsx';
  password?: string;
  key: Buffer;
}

/** Writes the file into `out` (ended when done); the number of data rows written. */
export async function writeExport(out: Writable, facts: ExportFacts, batches: AsyncIterable<ExportRow[]>, o: WriteOptions): Promise<number> {
  const today = japanToday(facts.at);
  const code = checkCoder(o.key, facts.id);
  const cells = (r: ExportRow) => cellsOf(facts.kind, r, code, today);
  if (o.format === 'csv') return writeCsv(out, facts, batches, cells);
  if (!o.password) return writeXlsx(out, facts, batches, cells);
  const chunks: Buffer[] = [];
  const memory = new PassThrough();
  memory.on('data', (c: Buffer) => chunks.push(c));
  const n = await writeXlsx(memory, facts, batches, cells);
  const encrypted: Buffer = officeCrypto.encrypt(Buffer.concat(chunks), { password: o.password });
  await write(out, encrypted);
  out.end();
  return n;
}

/** The client went away (or the stream failed) before the file was written. */
export class ClientGone extends Error {}

/** Waits until `stream` takes more; fails as soon as `out` is closed (a client that left never drains). */
function drained(stream: Writable, out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const clean = () => {
      stream.off('drain', ok);
      out.off('close', gone);
    };
    const ok = () => (clean(), resolve());
    const gone = () => (clean(), reject(new ClientGone()));
    stream.once('drain', ok);
    out.once('close', gone);
    if (out.destroyed) gone();
  });
}

async function write(out: Writable, chunk: string | Buffer) {
  if (out.destroyed) throw new ClientGone();
  if (!out.write(chunk)) await drained(out, out);
}

async function writeCsv(out: Writable, facts: ExportFacts, batches: AsyncIterable<ExportRow[]>, cells: (r: ExportRow) => string[]) {
  const csv = stringify({ bom: true, record_delimiter: 'windows' });
  csv.pipe(out);
  const put = async (record: string[]) => {
    if (out.destroyed) throw new ClientGone();
    if (!csv.write(record)) await drained(csv, out);
  };
  for (const line of headerBlock(facts)) await put(line);
  await put([]);
  await put(columnHeadings(facts.kind));
  let n = 0;
  for await (const batch of batches) {
    for (const r of batch) await put(cells(r));
    n += batch.length;
  }
  csv.end();
  await finished(out, { readable: false });
  return n;
}

async function writeXlsx(out: Writable, facts: ExportFacts, batches: AsyncIterable<ExportRow[]>, cells: (r: ExportRow) => string[]) {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  // Document properties: who, when, why, which export, also when the header sheet is deleted.
  book.creator = `${facts.requesterName}（${facts.orgName}）`;
  book.created = facts.at;
  book.title = `HER-SYS export ${facts.id}`;
  book.subject = `${exportReasonOf(facts.reason).ja}：${facts.note}`;
  book.keywords = facts.id;
  book.description = headerBlock(facts)
    .map((l) => l.join(': '))
    .join('\n');
  const header = book.addWorksheet('出力情報');
  for (const line of headerBlock(facts)) header.addRow(line).commit();
  header.commit();
  const sheet = book.addWorksheet('症例');
  sheet.addRow(columnHeadings(facts.kind)).commit();
  let n = 0;
  for await (const batch of batches) {
    for (const r of batch) sheet.addRow(cells(r)).commit();
    n += batch.length;
    // The writer has no back-pressure of its own: wait for the stream to take what was written.
    if (out.destroyed) throw new ClientGone();
    if (out.writableNeedDrain) await drained(out, out);
  }
  sheet.commit();
  await book.commit();
  await finished(out, { readable: false });
  return n;
}
