// 変更履歴: what changed on the case, newest first — status changes, transfers between centres and
// each notification's corrections (item, old and new value, reason) — with who and when.
import { useTranslation } from 'react-i18next';
import { CaseStatusView, Responsibility } from '../../../domain/api/followup.ts';
import { NotificationHistory } from '../../../domain/api/notifications.ts';
import { CLASSIFICATION_LABELS } from '../../../domain/notification.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, formatDate, useLoad, type CaseTabProps } from './shared.tsx';

interface Row {
  id: string;
  at: string;
  kind: string;
  what: string;
  by: string;
}

const value = (v: unknown): string => (v === null || v === undefined || v === '' ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v));

export function HistoryTab({ detail, get }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const history = useLoad(async () => {
    const [status, resp, notifications] = await Promise.all([
      get(`/api/cases/${detail.id}/status`, CaseStatusView),
      get(`/api/cases/${detail.id}/responsibility`, Responsibility),
      Promise.all(detail.notifications.map(async (n) => ({ n, h: await get(`/api/notifications/${n.id}/history`, NotificationHistory) }))),
    ]);
    return { status, resp, notifications };
  }, [detail, get]);

  const rows: Row[] = [];
  if (history.data) {
    for (const s of history.data.status.history) {
      rows.push({
        id: s.id,
        at: s.changedAt,
        kind: t('cases.status'),
        what: [
          `${s.fromStatus ? t(`status.${s.fromStatus}`) : t('case.record.noStatus')} → ${t(`status.${s.status}`)}`,
          t('case.record.effectiveFrom', { date: formatDate(s.effectiveOn, lang) }),
          s.reason ? `${t('case.record.reason')}: ${s.reason}` : null,
          s.note,
        ]
          .filter(Boolean)
          .join(' / '),
        by: `${s.changedByName} / ${s.changedByOrgName}`,
      });
    }
    for (const x of history.data.resp.transfers) {
      rows.push({
        id: x.id,
        at: x.changedAt,
        kind: t('case.history.transfer'),
        what: `${x.fromHc.nameJa} → ${x.toHc.nameJa} / ${t('case.record.transferReason')}: ${x.reason}${x.keptAsRelated ? ` / ${t('case.record.keepAsRelated')}` : ''}`,
        by: `${x.changedByName} / ${x.changedByOrgName}`,
      });
    }
    for (const { n, h } of history.data.notifications) {
      for (const c of h.changes) {
        rows.push({
          id: c.id,
          at: c.changedAt,
          kind: t('case.history.notification', { classification: localized(CLASSIFICATION_LABELS[n.classification]) }),
          what: [...c.changes.map((i) => `${i.path.join('.')}: ${value(i.old)} → ${value(i.new)}`), c.reason ? `${t('case.record.reason')}: ${c.reason}` : null]
            .filter(Boolean)
            .join(' / '),
          by: [c.changedByName, c.changedByOrgName].filter(Boolean).join(' / '),
        });
      }
    }
    rows.sort((a, b) => b.at.localeCompare(a.at));
  }

  return (
    <>
      <h2>{t('case.tab.history')}</h2>
      <ErrorBox error={history.error} />
      {history.data &&
        (rows.length ? (
          <table>
            <caption className="visually-hidden">{t('case.tab.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.history.at')}</th>
                <th scope="col">{t('case.history.kind')}</th>
                <th scope="col">{t('case.history.what')}</th>
                <th scope="col">{t('case.by')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{dateTime(r.at, lang)}</td>
                  <td>{r.kind}</td>
                  <td>{r.what}</td>
                  <td>{r.by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        ))}
    </>
  );
}
