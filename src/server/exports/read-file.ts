// A suspected copy as lines of text, for identify: a CSV or a paste as it is; an XLSX (decrypted
// first when it has a password) as its document properties and every sheet's rows, cells joined by tabs.
import ExcelJS from 'exceljs';
import officeCrypto from 'officecrypto-tool';

const isZip = (b: Buffer) => b.length > 4 && b.readUInt32LE(0) === 0x04034b50;
const isCfb = (b: Buffer) => b.length > 8 && b.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'));

export async function linesOf(file: Buffer, password?: string): Promise<string[]> {
  let data = file;
  if (isCfb(data)) {
    if (!password) throw new Error('the file is encrypted: give its password (--password)');
    data = await officeCrypto.decrypt(data, { password });
  }
  if (!isZip(data)) return data.toString('utf8').split(/\r?\n/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as never);
  const lines = [book.title ?? '', book.keywords ?? '', ...(book.description ?? '').split('\n')];
  book.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      const values = Array.isArray(row.values) ? row.values.slice(1) : Object.values(row.values);
      lines.push(values.map((v) => (v === null || v === undefined ? '' : String(v))).join('\t'));
    });
  });
  return lines;
}
