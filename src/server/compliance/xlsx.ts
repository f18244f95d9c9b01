// The compliance report as an XLSX workbook in Japanese, for the report to the ministry (seed 000 §4):
// a sheet of the results with each section's method, and a sheet of the IDs reviewed.
import writeXlsxFile, { type Row, type SheetData } from 'write-excel-file/node';
import type { z } from 'zod';
import type { ComplianceReport } from '../../domain/api/compliance.ts';
import { ROLE_NAMES_JA, SECTION_TITLES, templateLabel, type ComplianceSection } from '../../domain/privacy/compliance.ts';
import { STATUS_LABELS } from '../../domain/privacy/incidents.ts';

const bold = (value: string) => ({ value, fontWeight: 'bold' as const });
const day = (iso: string | null) => (iso ? new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo' }) : '—');

export async function complianceWorkbook(r: z.infer<typeof ComplianceReport>): Promise<Buffer> {
  const method = (s: ComplianceSection): Row[] => [[bold('確認方法'), { value: r.methods[s].ja, wrap: true }], []];
  const section = (s: ComplianceSection): Row => [{ value: SECTION_TITLES[s].ja, fontWeight: 'bold', fontSize: 12 }];
  const a = r.accesses;
  const results: SheetData = [
    [{ value: 'HER-SYS 等における個人情報の取扱いに関する確認結果', fontWeight: 'bold', fontSize: 14 }],
    ['対象組織', r.organization.nameJa],
    ['対象期間', `${r.from} 〜 ${r.to}`],
    ['作成日時', day(r.generatedAt)],
    [],
    section('accesses'),
    ['個人情報の閲覧（監査ログ）', a.audited],
    ['うち説明ジョブで照合済み', a.examined],
    ['照合した閲覧（閲覧×患者）', a.explanations],
    ['業務上の関係で説明できた', a.explained],
    ['うち利用目的の入力のみ', a.purposeOnly],
    ['説明できなかった', a.unexplained],
    ['説明できた割合（%）', a.explainedShare ?? '—'],
    ...a.byTemplate.map((t): Row => [`　説明：${templateLabel(t.template, 'ja')}`, t.count]),
    ...method('accesses'),
    section('alerts'),
    ['発生したアラート', r.alerts.raised],
    ['却下', r.alerts.reviewed.dismiss],
    ['本人へ照会', r.alerts.reviewed.ask],
    ['本人の回答', r.alerts.reviewed.answer],
    ['上位組織へ送付', r.alerts.reviewed.escalate],
    ['不適切と確定', r.alerts.confirmed],
    ['確認中', r.alerts.open],
    ...method('alerts'),
    section('permissions'),
    ...r.permissions.byOrg.map((o): Row => [o.orgName, `ID ${o.ids}（有効 ${o.active}）：${Object.entries(o.byRole).map(([role, n]) => `${ROLE_NAMES_JA[role as keyof typeof ROLE_NAMES_JA] ?? role} ${n}`).join('、')}`]),
    [`${r.unusedIdDays}日以上未使用の有効なID`, r.permissions.ids.filter((u) => u.unused).length],
    ['期間中に未使用のため自動停止したID', r.permissions.autoSuspended],
    ...(r.permissions.reviews.length
      ? r.permissions.reviews.map((v): Row => [
          `権限の棚卸し：${v.orgName}`,
          `${v.campaigns} 回（期限内完了 ${v.doneOnTime}、期限後完了 ${v.doneLate}、期限超過 ${v.overdue}、実施中 ${v.open}）、停止したID ${v.idsSuspended}、権限を取り消したID ${v.rolesRevoked}`,
        ])
      : [['権限の棚卸し', 'なし'] as Row]),
    ...method('permissions'),
    section('takeOut'),
    ['持ち出し（出力）', r.takeOut.exports],
    ...method('takeOut'),
    section('contractors'),
    ...(r.contractors.length
      ? r.contractors.map((c): Row => [`${c.contractorName}：${c.loginId}（${c.orgName}）`, `閲覧 ${c.accesses} 件、説明できなかった閲覧 ${c.unexplained} 件`])
      : [['委託先のID', 'なし']]),
    ...method('contractors'),
    section('incidents'),
    ...(r.incidents.length
      ? r.incidents.map((i): Row => [day(i.discoveredAt), `${i.summary}（${STATUS_LABELS[i.status].ja}${i.reportedOn ? `、${i.reportedOn} 報告` : ''}）`])
      : [['漏えい等の事案', 'なし']]),
    ...method('incidents'),
  ];
  const ids: SheetData = [
    ['組織', 'ID', '氏名・名称', '権限', '状態', '最終ログイン', '委託先', `${r.unusedIdDays}日以上未使用`].map(bold),
    ...r.permissions.ids.map((u): Row => [
      u.orgName,
      u.loginId,
      u.displayName,
      u.roles.map((role) => ROLE_NAMES_JA[role]).join('、'),
      u.status === 'active' ? '有効' : '停止',
      day(u.lastLoginAt),
      u.contractorName ?? '',
      u.unused ? '未使用' : '',
    ]),
  ];
  return writeXlsxFile([
    { data: results, sheet: '確認結果', columns: [{ width: 40 }, { width: 90 }] },
    { data: ids, sheet: 'ID一覧', columns: [{ width: 24 }, { width: 20 }, { width: 20 }, { width: 30 }, { width: 8 }, { width: 22 }, { width: 20 }, { width: 14 }] },
  ]).toBuffer();
}
