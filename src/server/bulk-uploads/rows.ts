// Checking a row in the database's company: the domain's checkRow (the form's schemas, version,
// legal minimum, logic checks) and the registration form's duplicate search, audited as it is.
// Shared by the checking of a new upload, the edit of a row and its registration.
import { checkRow, type Cells } from '../../domain/bulk-upload/check.ts';
import { columnsOf, currentForm, knownColumns, type Column } from '../../domain/bulk-upload/columns.ts';
import { japanToday } from '../../domain/calendar.ts';
import { isHealthCentreStaff, type RequestContext } from '../access/actor.ts';
import { duplicatesIn } from '../cases/service.ts';
import type { Tx } from '../db/database.ts';
import { formDefinitions, requireDisease } from '../notifications/forms.ts';
import type { CheckedRow, Duplicate, RowRecord, UploadRow } from './repo.ts';

const known = new Map<string, Map<string, Column>>();

/** Every column a file of the disease may carry, by key (all its versions). */
export function bulkColumns(disease: string): Map<string, Column> {
  let columns = known.get(disease);
  if (!columns) known.set(disease, (columns = knownColumns(formDefinitions().filter((f) => f.formId === disease))));
  return columns;
}

/** The template's columns for the disease: its version in force today, else its newest. */
export function templateColumns(disease: string, today = japanToday(new Date())) {
  requireDisease(disease);
  const form = currentForm(formDefinitions(), disease, today)!;
  return { form, columns: columnsOf(form) };
}

/** Health-centre staff key in fax and paper notifications: each row names its doctor. */
export const isProxy = (ctx: RequestContext) => isHealthCentreStaff(ctx.actor);

export type Evaluated = CheckedRow & { input: ReturnType<typeof checkRow>['input'] };

/** A row's problems, likely duplicates and status; its input for registration when it has no error. */
export async function evaluateRow(tx: Tx, ctx: RequestContext, disease: string, row: Pick<RowRecord, 'row_no' | 'cells' | 'duplicate_decision'>, today: string): Promise<Evaluated> {
  const r = checkRow(row.cells as Cells, { disease, forms: formDefinitions(), columns: bulkColumns(disease), today, proxy: isProxy(ctx) });
  let duplicates: Duplicate[] = [];
  if (r.person) {
    const found = await duplicatesIn(tx, ctx, { nameKana: r.person.nameKana, birthDate: r.person.birthDate, sex: r.person.sex, phone: r.person.phone });
    duplicates = found.map((d) => ({ personId: d.personId, maskedName: d.maskedName, matchedBy: d.matchedBy, cases: d.cases.map((c) => ({ caseId: c.caseId, caseNumber: c.caseNumber })) }));
  }
  // A decision for a person no longer among the candidates is no decision.
  let decision = row.duplicate_decision;
  if (decision?.startsWith('person:') && !duplicates.some((d) => `person:${d.personId}` === decision)) decision = null;
  const hasError = r.problems.some((p) => p.severity === 'error') || !r.input;
  const status = hasError ? 'error' : duplicates.length && !decision ? 'duplicate' : 'ready';
  return { rowNo: row.row_no, cells: row.cells, status, problems: r.problems, duplicates, duplicateDecision: decision, input: r.input };
}

const iso = (d: string | Date) => new Date(d).toISOString();

export function summaryOf(u: UploadRow, counts: import('./repo.ts').Counts) {
  return {
    id: u.id,
    fileName: u.file_name,
    fileFormat: u.file_format,
    institutionId: u.institution_id,
    institutionName: u.institution_name,
    disease: u.disease,
    source: u.source,
    createdAt: iso(u.created_at),
    counts,
  };
}

export function rowView(r: RowRecord) {
  return {
    rowNo: r.row_no,
    status: r.status,
    cells: r.cells,
    problems: r.problems,
    duplicates: r.duplicates,
    duplicateDecision: r.duplicate_decision,
    maskedName: r.masked_name,
    caseId: r.case_id,
    caseNumber: r.case_number,
    notificationId: r.notification_id,
    submitted: r.submitted,
    version: r.version,
  };
}
