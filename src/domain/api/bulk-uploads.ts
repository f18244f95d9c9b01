// Request and response shapes of /api/bulk-uploads (一括登録, issue 15).
import { z } from 'zod';
import { MAX_FILE_BYTES } from '../bulk-upload/columns.ts';
import { DiseaseCode } from './diseases.ts';
import { PathId } from './users.ts';
import { Version } from './version.ts';

const localized = z.object({ ja: z.string(), en: z.string() });

export const BULK_UPLOAD_FORMATS = ['csv', 'xlsx'] as const;
export const BULK_ROW_STATUSES = ['unchecked', 'error', 'duplicate', 'ready', 'registered'] as const;

export const TemplateQuery = z.object({
  disease: DiseaseCode.meta({ description: 'The disease of the notifications: its form’s columns, tests and classifications' }),
  format: z.enum(BULK_UPLOAD_FORMATS).default('xlsx'),
  lang: z.enum(['ja', 'en']).default('ja').meta({ description: 'The language of the headings (either is read back)' }),
});

/** base64 of at most MAX_FILE_BYTES. */
const BASE64_MAX = Math.ceil(MAX_FILE_BYTES / 3) * 4;

export const UploadBody = z
  .object({
    fileName: z.string().trim().min(1).max(200).regex(/^[^/\\\u0000-\u001f]+$/, { error: 'ファイル名に使えない文字があります / the file name has a character that is not allowed' }),
    contentBase64: z
      .string()
      .min(1)
      .max(BASE64_MAX, { error: 'ファイルは 5 MB までです / the file may be 5 MB at most' })
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'base64 で送ってください / send the file in base64' })
      .meta({ description: 'The CSV (UTF-8 with or without BOM, or Shift_JIS) or XLSX file, base64' }),
    disease: DiseaseCode.meta({ description: 'The disease of every row (a file is one disease’s notifications, made from its template)' }),
    institutionId: z.uuid().optional().meta({ description: 'Health-centre staff entering fax or paper notifications: the reporting institution of their area' }),
    source: z.enum(['fax', 'paper']).optional().meta({ description: 'Health-centre staff: how the notifications reached them (default fax)' }),
  })
  .strict();

export const BulkUploadIdParams = z.object({ id: PathId });
/** A row by its number in the file (blank lines are skipped, so it may pass 5,001); Excel has 1,048,576 rows. */
export const BulkRowParams = z.object({ id: PathId, rowNo: z.coerce.number().int().min(2).max(1_048_576) });

export const RowProblem = z.object({
  column: z.string().nullable().meta({ description: 'The column key of the cell, or null for the row as a whole' }),
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: localized,
  ruleId: z.string().optional(),
});

export const RowDuplicate = z.object({
  personId: z.uuid(),
  maskedName: z.string(),
  matchedBy: z.array(z.string()),
  cases: z.array(z.object({ caseId: z.uuid(), caseNumber: z.string() })),
});

export const BulkRow = z.object({
  rowNo: z.number().int().meta({ description: 'The row in the file (the heading is row 1)' }),
  status: z.enum(BULK_ROW_STATUSES),
  cells: z.record(z.string(), z.string()).meta({ description: 'The values as typed, by column key; empty once registered' }),
  problems: z.array(RowProblem),
  duplicates: z.array(RowDuplicate).meta({ description: 'Likely duplicates among the persons one may see (the registration form’s search), masked' }),
  duplicateDecision: z.string().nullable(),
  maskedName: z.string().nullable(),
  caseId: z.uuid().nullable(),
  caseNumber: z.string().nullable().meta({ description: 'The HER-SYS ID once registered' }),
  notificationId: z.uuid().nullable(),
  submitted: z.boolean(),
  version: z.number().int(),
});

export const BulkColumn = z.object({
  key: z.string(),
  label: localized,
  kind: z.string(),
  required: z.boolean(),
  options: z.array(z.object({ code: z.string(), ja: z.string(), en: z.string() })).optional(),
});

const counts = z.object({
  total: z.number().int(),
  checked: z.number().int(),
  error: z.number().int(),
  duplicate: z.number().int(),
  ready: z.number().int(),
  registered: z.number().int(),
});

export const BulkUploadSummary = z.object({
  id: z.uuid(),
  fileName: z.string(),
  fileFormat: z.enum(BULK_UPLOAD_FORMATS),
  institutionId: z.uuid(),
  institutionName: z.string().nullable(),
  disease: z.string().meta({ description: 'The disease of the rows (form id)' }),
  source: z.enum(['direct', 'fax', 'paper']),
  createdAt: z.iso.datetime(),
  counts,
});

export const BulkUploadCreated = BulkUploadSummary.extend({
  existing: z.boolean().meta({ description: 'The same file was uploaded before by this organisation: that upload, nothing new made' }),
});

export const BulkUploadDetail = BulkUploadSummary.extend({
  columns: z.array(BulkColumn),
  rows: z.array(BulkRow),
});

export const BulkUploadList = z.object({ uploads: z.array(BulkUploadSummary) });

export const RowEditBody = z
  .object({
    version: Version,
    cells: z.record(z.string().max(120), z.string().max(1000)).optional().meta({ description: 'Cells to change, by column key; an empty string clears one' }),
    duplicateDecision: z
      .union([z.literal('new_person'), z.string().regex(/^person:[0-9a-f-]{36}$/)])
      .nullable()
      .optional()
      .meta({ description: "After a likely duplicate: register a new person, or a new case of the person found ('person:<id>')" }),
  })
  .strict();

export const RegisterRowsBody = z
  .object({
    acknowledgeWarnings: z.boolean().default(false).meta({ description: 'The warnings shown on the rows were checked: rows with warnings are submitted too' }),
    limit: z.number().int().min(1).max(200).default(50).meta({ description: 'Rows to register in this call (each in its own transaction); call again while more remain' }),
  })
  .strict();

export const RegisterRowsResult = z.object({
  registered: z.array(z.object({ rowNo: z.number().int(), caseId: z.uuid(), caseNumber: z.string(), submitted: z.boolean() })),
  failed: z.array(z.object({ rowNo: z.number().int(), problems: z.array(RowProblem) })),
  remaining: z.number().int().meta({ description: 'Rows still ready to register after this call' }),
  counts,
});

export const CheckProgress = z.object({ counts, done: z.boolean() });

export const BulkUploadDiscarded = z.object({
  rowsDeleted: z.number().int().meta({ description: 'Rows not registered, deleted with the values typed' }),
  registeredKept: z.number().int().meta({ description: 'Registered rows, kept with their case and masked name only' }),
  uploadDeleted: z.boolean().meta({ description: 'No row was registered: the upload itself is deleted (the file may be uploaded again)' }),
});
