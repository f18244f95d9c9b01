// The report sent upward (seed 004 §3: to the prefecture, then the ministry; and to the Personal
// Information Protection Commission), generated from the record as an XLSX sheet in Japanese: one row
// per item the seed lists, so that what is reported is what the register holds.
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import type { z } from 'zod';
import type { Incident } from '../../domain/api/incidents.ts';
import { MEDIUM_LABELS, RECIPIENT_LABELS, REPORT_RECIPIENTS, SECONDARY_DAMAGE_LABELS, STATUS_LABELS } from '../../domain/privacy/incidents.ts';
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { notFound } from '../errors.ts';
import * as repo from './repo.ts';
import { viewOf } from './view.ts';

const JST = { timeZone: 'Asia/Tokyo' } as const;
const dateTime = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ja-JP', { ...JST, dateStyle: 'long', timeStyle: 'short' }) : '不明');
const day = (d: string | null) => (d ? new Date(`${d}T00:00:00+09:00`).toLocaleDateString('ja-JP', { ...JST, dateStyle: 'long' }) : '');
const count = (n: number | null, unit: string) => (n === null ? '不明' : `${n.toLocaleString('ja-JP')} ${unit}`);

/** The items of the report, in the order of seed 004, as (label, value) rows. */
export function reportRows(i: z.infer<typeof Incident>): [string, string][] {
  const media = i.media.map((m) => MEDIUM_LABELS[m].ja).join('、') + (i.mediaNote ? `（${i.mediaNote}）` : '');
  const reports = REPORT_RECIPIENTS.map((r) => `${RECIPIENT_LABELS[r].ja}：${i.reports[r] ? day(i.reports[r]) : '未報告'}`).join('\n');
  return [
    ['組織', i.orgName],
    ['発生日時', dateTime(i.occurredAt)],
    ['発覚日時', dateTime(i.discoveredAt)],
    ['事案の概要（経過）', i.summary],
    ['個人データの種類', i.dataKinds],
    ['件数', count(i.recordCount, '件')],
    ['人数', count(i.personCount, '人')],
    ['媒体', media],
    ['被害者への対応状況', (i.notification ?? '') + (i.notifiedOn ? `（${day(i.notifiedOn)}）` : '')],
    ['二次被害の状況（可能性）', SECONDARY_DAMAGE_LABELS[i.secondaryDamage].ja + (i.secondaryDamageNote ? `：${i.secondaryDamageNote}` : '')],
    ['原因', i.cause ?? ''],
    ['再発防止策', i.prevention ?? ''],
    ['報告', reports],
    ['状況', STATUS_LABELS[i.status].ja],
    ['関連するアラート', i.alerts.map((a) => `${a.day ?? ''} ${a.subjectLoginId ?? ''}（${a.id}）`).join('\n')],
    ['証拠（監査ログ番号）', i.evidenceSeqs.join(', ')],
  ];
}

export async function incidentWorkbook(i: z.infer<typeof Incident>): Promise<Buffer> {
  const data: SheetData = [
    [{ value: '個人情報の漏えい等事案に関する報告', fontWeight: 'bold', fontSize: 14 }],
    [`作成日時：${dateTime(new Date().toISOString())}`],
    [],
    ...reportRows(i).map(([label, value]) => [
      { value: label, fontWeight: 'bold' as const, alignVertical: 'top' as const },
      { value, wrap: true, alignVertical: 'top' as const },
    ]),
  ];
  return writeXlsxFile(data, { columns: [{ width: 26 }, { width: 80 }], sheet: '事案報告' }).toBuffer();
}

export async function incidentDocument(db: Database, ctx: RequestContext, id: string) {
  requirePermission(ctx.actor, 'incidents.manage');
  const view = await db.asActor(ctx.actor, async (tx) => {
    const row = await repo.findIncident(tx, id);
    if (!row) throw notFound();
    await audit(tx, ctx, { action: 'incidents.document', recordType: 'leak_incident', recordIds: [id], details: { format: 'xlsx' } });
    return viewOf(tx, row);
  });
  return incidentWorkbook(view);
}
