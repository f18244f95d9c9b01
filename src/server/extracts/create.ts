// Making a pseudonymised extract (issue 14, Q&A 21–22): read the cases in the user's scope for the
// period (row-level security decides which), turn each into a row of generalised fields under a fresh
// pseudonym key, apply k-anonymity, and log the extract with its purpose and recipient — the read, its
// audit row and the log row in one transaction. The files go back in the answer; the key is dropped.
import type { z } from 'zod';
import type { ExtractRequest } from '../../domain/api/extracts.ts';
import { extractColumns, extractDictionary, extractRow, type QuasiIdentifier } from '../../domain/privacy/extract-fields.ts';
import { anonymise } from '../../domain/privacy/k-anonymity.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { formDefinitions } from '../notifications/forms.ts';
import { extractFiles } from './files.ts';
import { newPseudonymKey, pseudonymOf } from './pseudonym.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

type Body = z.output<typeof ExtractRequest>;

/** The diseases the shipped forms notify, for the dictionary. */
const diseases = () => [...new Map(formDefinitions().map((d) => [d.disease.code, d.disease])).values()];

export async function createExtract(db: Database, ctx: RequestContext, body: Body) {
  requirePermission(ctx.actor, 'extracts.create');
  const qis = body.quasiIdentifiers as QuasiIdentifier[];
  return db.asActor(ctx.actor, async (tx) => {
    const sources = await repo.sources(tx, body.from, body.to);
    const key = newPseudonymKey();
    const rows = sources.map((s) =>
      extractRow(
        {
          sex: s.sex,
          birthDate: s.birth_date,
          residenceAddress: s.residence_address,
          disease: s.disease,
          classification: s.classification,
          diagnosedOn: s.diagnosed_on,
          onsetOn: s.onset_on,
          reportedOn: s.reported_on,
          currentStatus: s.current_status,
          worstSeverity: s.worst_severity,
          hospitalised: s.hospitalised,
          answers: s.answers,
        },
        pseudonymOf(key, s.case_id),
        qis,
      ),
    );
    const released = anonymise(rows, qis, body.k);
    // Ordered by pseudonym: a random order for each extract, which tells nothing of when cases came.
    released.rows.sort((a, b) => a.pseudonym.localeCompare(b.pseudonym));

    const logged = await repo.insertExtract(tx, {
      userId: ctx.actor.userId,
      orgId: ctx.actor.orgId,
      userName: ctx.actor.name,
      orgName: ctx.actor.orgName,
      scope: `${ctx.actor.orgName}の所管で ${body.from}〜${body.to} に報告された事例 / cases in the scope of ${ctx.actor.orgName} reported ${body.from} to ${body.to}`,
      periodFrom: body.from,
      periodTo: body.to,
      quasiIdentifiers: QUASI_ORDER(qis),
      k: body.k,
      rowsRead: rows.length,
      rowsReleased: released.rows.length,
      rowsSuppressed: released.rowsSuppressed,
      cellsSuppressed: released.cellsSuppressed,
      suppressedColumn: released.suppressedColumn,
      purpose: body.purpose,
      recipient: body.recipient,
      format: body.format,
    });
    // Every case read is in the audit row, released or not: each was opened to make the extract.
    await audit(tx, { ...ctx, purpose: body.purpose }, {
      action: 'extracts.create',
      recordType: 'case',
      recordIds: sources.map((s) => s.case_id),
      details: {
        extractId: logged.id,
        k: body.k,
        quasiIdentifiers: logged.quasiIdentifiers,
        rowsReleased: logged.rowsReleased,
        rowsSuppressed: logged.rowsSuppressed,
        recipient: body.recipient,
      },
    });
    const extract = viewOf(logged);
    const files = await extractFiles(extract, extractColumns(qis), released.rows, extractDictionary(qis, released.rows, diseases()));
    return { extract, files: files.map((f) => ({ name: f.name, mediaType: f.mediaType, base64: f.content.toString('base64') })) };
  });
}

const QUASI_ORDER = (qis: readonly QuasiIdentifier[]) => extractColumns(qis).filter((c): c is QuasiIdentifier => qis.includes(c as QuasiIdentifier));
