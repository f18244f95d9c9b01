// An extract's log row as the API answers it.
import type { z } from 'zod';
import type { Extract } from '../../domain/api/extracts.ts';
import type { QuasiIdentifier } from '../../domain/privacy/extract-fields.ts';
import type { ExtractRowDb } from './repo.ts';

export const viewOf = (e: ExtractRowDb): z.infer<typeof Extract> => ({
  id: e.id,
  userName: e.userName,
  orgName: e.orgName,
  scope: e.scope,
  from: e.periodFrom,
  to: e.periodTo,
  quasiIdentifiers: e.quasiIdentifiers as QuasiIdentifier[],
  k: e.k,
  rowsRead: e.rowsRead,
  rowsReleased: e.rowsReleased,
  rowsSuppressed: e.rowsSuppressed,
  cellsSuppressed: e.cellsSuppressed,
  suppressedColumn: e.suppressedColumn as QuasiIdentifier | null,
  purpose: e.purpose,
  recipient: e.recipient,
  format: e.format as 'csv' | 'xlsx',
  createdAt: e.createdAt.toISOString(),
});
