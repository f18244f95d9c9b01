// 発生届: the notifications of the case, oldest first (the first and each 追加登録), each opening the
// notification screen; a new draft is written there too.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CLASSIFICATION_LABELS } from '../../../domain/notification.ts';
import { can } from '../../../domain/permissions.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { localized } from '../../i18n.ts';
import { formatDate, type CaseTabProps } from './shared.tsx';

export function NotificationsTab({ detail, me }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <>
      <h2>{t('case.tab.notifications')}</h2>
      {can(me.user.roles, 'notifications.draft') && (
        <p>
          <Link className="button" to={`/cases/${detail.id}/notifications/new`}>
            {t('case.notifications.new')}
          </Link>
        </p>
      )}
      {detail.notifications.length ? (
        <table>
          <caption className="visually-hidden">{t('case.tab.notifications')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('cases.classification')}</th>
              <th scope="col">{t('case.notifications.status')}</th>
              <th scope="col">{t('cases.diagnosedOn')}</th>
              <th scope="col">{t('cases.submittedAt')}</th>
              <th scope="col">{t('cases.confirmed')}</th>
              <th scope="col">{t('case.notifications.doctor')}</th>
              <th scope="col">{t('case.notifications.open')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.notifications.map((n) => (
              <tr key={n.id} className={n.superseded ? 'superseded' : undefined}>
                <td>{localized(CLASSIFICATION_LABELS[n.classification])}</td>
                <td>
                  {t(`case.notificationStatus.${n.status}`)}
                  {n.superseded && <span className="tag">{t('case.notifications.superseded')}</span>}
                </td>
                <td>{formatDate(n.diagnosedOn, lang)}</td>
                <td>{dateTime(n.firstSubmittedAt, lang)}</td>
                <td>{n.status === 'submitted' ? t(n.confirmed ? 'yes' : 'no') : '—'}</td>
                <td>{n.doctorName ?? '—'}</td>
                <td>
                  <Link to={`/notifications/${n.id}`}>
                    {t('case.notifications.openOne', { classification: localized(CLASSIFICATION_LABELS[n.classification]), date: dateTime(n.createdAt, lang) })}
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('common.none')}</p>
      )}
    </>
  );
}
