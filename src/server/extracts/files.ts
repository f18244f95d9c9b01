// The extract's files (issue 14): the data and its data dictionary — two CSV files (UTF-8 with a
// byte-order mark, so that Excel in Japan opens them), or one workbook with a sheet for each and one
// describing the extract. The data file holds the rows only; who made it, for what and for whom is in
// the dictionary and in the log.
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { z } from 'zod';
import type { Extract } from '../../domain/api/extracts.ts';
import { XLSX_TYPE } from '../../domain/api/xlsx.ts';
import type { DictionaryEntry, ExtractColumn, ExtractRow } from '../../domain/privacy/extract-fields.ts';

export interface ExtractFileOut {
  name: string;
  mediaType: string;
  content: Buffer;
}

type View = z.infer<typeof Extract>;

const csv = (records: (string | number)[][]) => '\uFEFF' + stringify(records, { record_delimiter: '\r\n' });
const csvFile = (name: string, records: (string | number)[][]): ExtractFileOut => ({ name, mediaType: 'text/csv; charset=utf-8', content: Buffer.from(csv(records), 'utf8') });

/** What the extract is, in both languages: the head of the dictionary. */
function about(e: View): [string, string][] {
  return [
    ['抽出ID / extract id', e.id],
    ['作成 / made', `${e.createdAt} ${e.userName}（${e.orgName}）`],
    ['対象 / scope', e.scope],
    ['利用目的 / purpose', e.purpose],
    ['提供先 / recipient', e.recipient],
    ['k-匿名性 / k-anonymity', `k = ${e.k}（${e.quasiIdentifiers.join(', ')}）`],
    ['行数 / rows', `提供 ${e.rowsReleased}、秘匿（除外） ${e.rowsSuppressed}、一部秘匿 ${e.cellsSuppressed} / released ${e.rowsReleased}, suppressed ${e.rowsSuppressed}, partly suppressed ${e.cellsSuppressed}`],
  ];
}

const DICTIONARY_HEADER = ['column', '意味', 'meaning', '値 / values'];

export async function extractFiles(e: View, columns: readonly ExtractColumn[], rows: readonly ExtractRow[], dictionary: readonly DictionaryEntry[]): Promise<ExtractFileOut[]> {
  const data = [[...columns], ...rows.map((r) => columns.map((c) => r[c]))];
  const entries = dictionary.map((d) => [d.column, d.ja, d.en, d.values]);
  const base = `extract-${e.createdAt.slice(0, 10)}-${e.id.slice(0, 8)}`;
  if (e.format === 'csv') {
    return [csvFile(`${base}-data.csv`, data), csvFile(`${base}-dictionary.csv`, [...about(e).map(([k, v]) => [`# ${k}`, v]), DICTIONARY_HEADER, ...entries])];
  }
  const cell = (value: string | number) => ({ value, wrap: true });
  const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
  const workbook = await writeXlsxFile([
    { sheet: 'data', data: [columns.map(bold), ...rows.map((r) => columns.map((c) => ({ value: r[c] })))] as SheetData, columns: columns.map(() => ({ width: 16 })) },
    {
      sheet: 'dictionary',
      data: [DICTIONARY_HEADER.map(bold), ...entries.map((r) => r.map(cell))] as SheetData,
      columns: [{ width: 16 }, { width: 40 }, { width: 40 }, { width: 60 }],
    },
    { sheet: 'about', data: about(e).map(([k, v]) => [bold(k), cell(v)]) as SheetData, columns: [{ width: 24 }, { width: 80 }] },
  ]).toBuffer();
  return [{ name: `${base}.xlsx`, mediaType: XLSX_TYPE, content: workbook }];
}
