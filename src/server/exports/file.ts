// What an export's file holds: the header block (who, when, why, the export id), the columns of its
// kind, and each row's cells with its check code. The same cells go to CSV and to XLSX; the data
// cells are the database's values as they are (labels for codes), nothing altered, nothing invented.
import { CASE_STATUS_LABELS, type CaseStatus } from '../../domain/case-status.ts';
import { ageOn } from '../../domain/logic-checks.ts';
import { ageBand, maskName } from '../../domain/masking.ts';
import { CLASSIFICATION_LABELS } from '../../domain/notification.ts';
import { CHECK_CODE_COLUMN, EXPORT_COLUMNS, exportReasonOf, type ExportKind, type ExportReason } from '../../domain/privacy/exports.ts';
import type { ExportRow } from './rows.ts';

export interface ExportFacts {
  id: string;
  kind: ExportKind;
  requesterName: string;
  orgName: string;
  reason: ExportReason;
  note: string;
  approverName: string | null;
  rowCount: number;
  /** When the file is made (fetched). */
  at: Date;
}

/** The first cell of the header block: identify finds the export id beside it. */
export const HEADER_MARK = 'HER-SYS export';

export function headerBlock(f: ExportFacts): string[][] {
  return [
    [HEADER_MARK, f.id],
    ['出力者 / Exported by', `${f.requesterName}（${f.orgName}）`],
    ['出力日時 / Exported at', f.at.toISOString()],
    ['理由 / Reason', `${exportReasonOf(f.reason).ja}：${f.note}`],
    ['承認者 / Approved by', f.approverName ?? '—'],
    ['件数 / Rows', String(f.rowCount)],
    [
      '取扱注意 / Handle with care',
      '個人情報を含みます。目的外の利用・複製・メールや SNS での送信を禁じます。各行のチェックコードにより出力者が特定されます。 / ' +
        'Contains personal data: no use beyond the purpose, no copies, never by e-mail or SNS. Each row’s check code names who exported it.',
    ],
  ];
}

export const columnHeadings = (kind: ExportKind): string[] => [...EXPORT_COLUMNS[kind].map((c) => `${c.ja} / ${c.en}`), CHECK_CODE_COLUMN];

const SEX = { male: '男', female: '女' } as const;
const label = (labels: Record<string, { ja: string }>, code: string | null) => (code ? (labels[code]?.ja ?? code) : '');

/** One row's cells for the kind, its check code last. `today` is Japan's date, for ages. */
export function cellsOf(kind: ExportKind, r: ExportRow, code: (caseNumber: string) => string, today: string): string[] {
  const common = {
    case_number: r.case_number,
    sex: SEX[r.sex],
    institution: r.institution ?? '',
    classification: label(CLASSIFICATION_LABELS, r.classification),
    diagnosed_on: r.diagnosed_on ?? '',
    current_status: r.current_status ? CASE_STATUS_LABELS[r.current_status as CaseStatus]?.ja ?? r.current_status : '',
    registered_at: r.created_at,
  };
  const values: Record<string, string> =
    kind === 'case_list'
      ? { ...common, masked_name: maskName(r.name_kana), age_band: ageBand(r.birth_date, today).ja, confirmed: r.confirmed ? '済' : '' }
      : {
          ...common,
          name_kanji: r.name_kanji,
          name_kana: r.name_kana,
          birth_date: r.birth_date,
          age: String(ageOn(r.birth_date, today)),
          residence_address: r.residence_address ?? '',
          phone: r.phone ?? '',
          onset_on: r.onset_on ?? '',
          status_effective_on: r.status_effective_on ?? '',
        };
  return [...EXPORT_COLUMNS[kind].map((c) => values[c.key]), code(r.case_number)];
}
