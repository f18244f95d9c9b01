// The template a clinic fills in: one column per item of the form version in force (columns.ts),
// headed in Japanese or English (required ones marked *). The XLSX has a sheet of value lists and a
// drop-down on every column with a few options; the CSV is UTF-8 with a BOM so that Excel opens it
// in Japanese.
import ExcelJS from 'exceljs';
import { stringify } from 'csv-stringify/sync';
import { headingOf, type Column } from '../../domain/bulk-upload/columns.ts';

type Lang = 'ja' | 'en';

const LIST_SHEET = { ja: '選択肢', en: 'Value lists' };
const DATA_SHEET = { ja: '発生届', en: 'Notifications' };
const NOTE = {
  ja: '* は必須。日付は 2022-10-03 または 2022/10/3。選択肢は「選択肢」シートの語かコードで入力します。2行目から1行に1件。',
  en: '* required. Dates as 2022-10-03 or 2022/10/3. Options as the words or codes on the "Value lists" sheet. One notification per row from row 2.',
};

/** A spreadsheet column's letters (1 → A, 27 → AA). */
const letters = (n: number): string => (n <= 0 ? '' : letters(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

export function templateCsv(columns: Column[], lang: Lang): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(stringify([columns.map((c) => headingOf(c, lang))], { record_delimiter: '\r\n' }), 'utf8')]);
}

export async function templateXlsx(columns: Column[], lang: Lang, formVersion: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'hersys';
  wb.title = `${DATA_SHEET[lang]} ${formVersion}`;
  const data = wb.addWorksheet(DATA_SHEET[lang], { views: [{ state: 'frozen', ySplit: 1 }] });
  const lists = wb.addWorksheet(LIST_SHEET[lang]);
  data.addRow(columns.map((c) => headingOf(c, lang)));
  data.getRow(1).font = { bold: true };
  columns.forEach((c, i) => {
    const col = data.getColumn(i + 1);
    col.width = Math.min(40, Math.max(12, c.label[lang].length * (lang === 'ja' ? 2 : 1) + 2));
    if (c.kind === 'date') col.numFmt = '@';
    data.getCell(1, i + 1).note = [c.label.ja, c.label.en, c.key].join('\n');
  });
  // The value lists: one column per column with options (its heading, then the options as typed).
  lists.addRow([NOTE[lang]]);
  const listed = columns.filter((c) => c.options?.length);
  lists.addRow(listed.map((c) => c.label[lang]));
  lists.getRow(2).font = { bold: true };
  const longest = Math.max(0, ...listed.map((c) => c.options!.length));
  for (let r = 0; r < longest; r++) lists.addRow(listed.map((c) => (c.options![r] ? c.options![r][lang] : '')));
  listed.forEach((c, j) => {
    lists.getColumn(j + 1).width = 24;
    const ref = `'${LIST_SHEET[lang]}'!$${letters(j + 1)}$3:$${letters(j + 1)}$${2 + c.options!.length}`;
    const i = columns.indexOf(c) + 1;
    // A drop-down for single choices; a multiple choice is typed (codes separated by ;), so it is not restricted.
    if (c.kind === 'multi_choice') return;
    for (let r = 2; r <= 1001; r++) {
      data.getCell(r, i).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [ref],
        showErrorMessage: true,
        errorTitle: c.label[lang],
        error: lang === 'ja' ? '一覧から選んでください。' : 'Choose from the list.',
      };
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}
