// Each role's starting point: a health centre's work (red-flag alerts, My HER-SYS patients who have
// not reported by the due time and self-reports that need a look, cases needing a status, stale
// cases, notifications awaiting confirmation); an administrator's IDs; a privacy officer's alert
// queue; for anyone an officer asked, the questions about their access; for others the cases
// they follow or reported.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { CaseList } from '../../domain/api/cases.ts';
import { UserList } from '../../domain/api/users.ts';
import { CampaignList } from '../../domain/api/permission-reviews.ts';
import { WorkList } from '../../domain/api/observations.ts';
import { CLASSIFICATION_LABELS } from '../../domain/notification.ts';
import { can } from '../../domain/permissions.ts';
import { SYMPTOMS } from '../../domain/red-flags.ts';
import { api } from '../api.ts';
import { CaseTable, dateTime } from '../components/CaseTable.tsx';
import { ErrorMessage } from '../components/Form.tsx';
import { localized } from '../i18n.ts';
import { useSession } from '../session.tsx';
import { formatDate } from './notify/forms.ts';
import { MyReviewQuestionsBox } from './review/MyQuestions.tsx';
import { ReviewQueue } from './review/Queue.tsx';
import { UnseenGrantsNotice } from './break-glass/UnseenNotice.tsx';
import { HelpdeskWaitingNotice } from './helpdesk/WaitingNotice.tsx';
import { SentinelLink } from './sentinel/SentinelHomeLink.tsx';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [work, setWork] = useState<z.infer<typeof WorkList> | null>(null);
  const [cases, setCases] = useState<z.infer<typeof CaseList> | null>(null);
  const [unconfirmed, setUnconfirmed] = useState<z.infer<typeof CaseList> | null>(null);
  const [ids, setIds] = useState<{ all: number; unused: number } | null>(null);
  const [reviews, setReviews] = useState<{ open: number; escalated: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const roles = me!.user.roles;
  const centre = can(roles, 'worklist.read') && me!.organization.kind === 'health_center';

  useEffect(() => {
    if (centre) {
      api.get('/api/worklist', WorkList).then(setWork, setError);
      api.get('/api/cases?confirmed=false&limit=50', CaseList).then(setUnconfirmed, setError);
    } else if (can(roles, 'cases.read')) {
      api.get('/api/cases?limit=50', CaseList).then(setCases, setError);
    }
    if (can(roles, 'users.read')) {
      // The server suspends IDs unused for 90 days by default (UNUSED_ID_DAYS): the same horizon.
      Promise.all([api.get('/api/users', UserList), api.get('/api/users?unusedForDays=90', UserList)]).then(
        ([all, unused]) => setIds({ all: all.users.filter((u) => u.status !== 'deleted').length, unused: unused.users.length }),
        setError,
      );
      // 権限の棚卸し: reviews to finish, and overdue ones escalated to this organisation (the in-app notice).
      api.get('/api/permission-reviews', CampaignList).then(
        (r) => setReviews({ open: r.campaigns.filter((c) => !c.completedAt && !c.escalatedToMe).length, escalated: r.campaigns.filter((c) => c.escalatedToMe).length }),
        setError,
      );
    }
  }, [centre, roles]);

  const lang = i18n.language;
  return (
    <>
      <h1>{t('home.title')}</h1>
      <p>{t('home.welcome', { name: me!.user.displayName, org: lang === 'en' ? me!.organization.nameEn : me!.organization.nameJa })}</p>
      <ErrorMessage error={error} />
      <MyReviewQuestionsBox />
      {centre && <UnseenGrantsNotice />}
      {centre && <HelpdeskWaitingNotice />}
      {can(roles, 'daily_reports.file') && me!.organization.kind === 'medical_institution' && (
        <p>
          <Link to="/daily-report">{t('home.dailyReport')}</Link>
        </p>
      )}
      {can(roles, 'daily_reports.monitor') && (
        <p>
          <Link to="/daily-reports/area">{t('home.dailyReports')}</Link>
        </p>
      )}
      {can(roles, 'sentinel.file') && me!.organization.kind === 'medical_institution' && <SentinelLink />}
      {can(roles, 'sentinel.designate') && (
        <p>
          <Link to="/sentinel/designations">{t('home.sentinelDesignations')}</Link>
        </p>
      )}
      {can(roles, 'sentinel.statistics') && (
        <p>
          <Link to="/sentinel/averages">{t('home.sentinelAverages')}</Link>
        </p>
      )}
      {can(roles, 'access_review.read') && <ReviewQueue />}
      {work && (
        <>
          <CaseTable
            caption={`${t('home.alerts')}（${t('common.total', { count: work.alerts.total })}）`}
            rows={work.alerts.rows}
            columns={[{ header: t('cases.rule'), cell: (r) => localized(r.message) }]}
          />
          <CaseTable
            caption={t('home.notReportedCaption', { time: work.reportDueTime, count: work.notReported.total })}
            rows={work.notReported.rows}
            columns={[
              { header: t('home.phone'), cell: (r) => (r.phone ? <a href={`tel:${r.phone.replace(/[^\d+]/g, '')}`}>{r.phone}</a> : t('home.noPhone')) },
              { header: t('home.lastReminded'), cell: (r) => formatDate(r.lastRemindedOn, lang) },
            ]}
          />
          <CaseTable
            caption={t('home.needsLookCaption', { count: work.needsLook.total })}
            rows={work.needsLook.rows}
            columns={[
              { header: t('home.reportedAt'), cell: (r) => dateTime(r.reportedAt, lang) },
              { header: t('case.observations.feeling'), cell: (r) => (r.feeling ? t(`feeling.${r.feeling}`) : '—') },
              { header: t('case.observations.symptoms'), cell: (r) => r.symptoms.map((s) => localized(SYMPTOMS[s])).join('、') || '—' },
            ]}
          />
          <CaseTable
            caption={t('home.deadlinesCaption', { count: work.deadlines.total })}
            rows={work.deadlines.rows}
            columns={[
              { header: t('home.deadline.disease'), cell: (r) => localized(r.diseaseName) },
              { header: t('home.deadline.dueOn'), cell: (r) => formatDate(r.dueOn, lang) },
              { header: t('home.deadline.state'), cell: (r) => <Link to={`/notifications/${r.notificationId}`}>{t(`home.deadline.${r.state}`)}</Link> },
            ]}
          />
          <CaseTable
            caption={`${t('home.statusMissing')}（${t('common.total', { count: work.statusMissing.total })}）`}
            rows={work.statusMissing.rows}
            columns={[{ header: t('cases.submittedAt'), cell: (r) => dateTime(r.submittedAt, lang) }]}
          />
          <CaseTable
            caption={`${t('home.stale', { days: work.staleAfterDays })}（${t('common.total', { count: work.stale.total })}）`}
            rows={work.stale.rows}
            columns={[{ header: t('cases.lastActivity'), cell: (r) => dateTime(r.lastActivityAt, lang) }]}
          />
        </>
      )}
      {unconfirmed && <CaseTable caption={t('home.unconfirmed')} rows={unconfirmed.cases} columns={[{ header: t('cases.institution'), cell: (r) => r.institutionNameJa ?? '—' }]} />}
      {cases && me!.organization.kind === 'medical_institution' && <InstitutionHome cases={cases.cases} />}
      {cases && me!.organization.kind !== 'medical_institution' && (
        <CaseTable
          caption={roles.includes('facility_staff') || roles.includes('followup_staff') ? t('home.assigned') : t('home.recentCases')}
          rows={cases.cases}
          columns={[
            { header: t('cases.classification'), cell: (r) => (r.classification ? localized(CLASSIFICATION_LABELS[r.classification]) : '—') },
            { header: t('cases.confirmed'), cell: (r) => (r.notificationStatus === 'submitted' ? t(r.confirmed ? 'yes' : 'no') : '—') },
          ]}
        />
      )}
      {ids && (
        <section aria-labelledby="home-ids">
          <h2 id="home-ids">{t('home.ids')}</h2>
          <p>
            <Link to="/admin">{t('home.idsInScope', { count: ids.all })}</Link>
            {' / '}
            <Link to="/admin/unused">{t('home.idsUnused', { count: ids.unused })}</Link>
          </p>
          {reviews && (reviews.open > 0 || reviews.escalated > 0) && (
            <p className={reviews.escalated ? 'error-box' : undefined}>
              <Link to="/admin/permission-reviews">{t('pr.home', { open: reviews.open, escalated: reviews.escalated })}</Link>
            </p>
          )}
        </section>
      )}
      {!centre && !can(roles, 'cases.read') && !ids && !can(roles, 'access_review.read') && <p>{t('home.noCaseAccess')}</p>}
    </>
  );
}

type CaseRow = z.infer<typeof CaseList>['cases'][number];

/**
 * A clinic's doctor or clerk: the notifications being drafted, those submitted with the health
 * centre's confirmation, and registered cases still without one — each opening its notification.
 */
function InstitutionHome({ cases }: { cases: CaseRow[] }) {
  const { t, i18n } = useTranslation();
  const open = { header: t('home.notification'), cell: (r: CaseRow) => <Link to={`/cases/${r.caseId}/notifications/current`}>{t('ntf.open')}</Link> };
  const classification = { header: t('cases.classification'), cell: (r: CaseRow) => (r.classification ? localized(CLASSIFICATION_LABELS[r.classification]) : '—') };
  const registered = { header: t('cases.createdAt'), cell: (r: CaseRow) => dateTime(r.createdAt, i18n.language) };
  return (
    <>
      <CaseTable caption={t('home.drafts')} rows={cases.filter((r) => r.notificationStatus === 'draft')} columns={[classification, registered, open]} />
      <CaseTable
        caption={t('home.submitted')}
        rows={cases.filter((r) => r.notificationStatus === 'submitted')}
        columns={[
          classification,
          { header: t('cases.diagnosedOn'), cell: (r) => formatDate(r.diagnosedOn, i18n.language) },
          { header: t('cases.confirmed'), cell: (r) => t(r.confirmed ? 'yes' : 'no') },
          open,
        ]}
      />
      <CaseTable
        caption={t('home.noNotification')}
        rows={cases.filter((r) => r.notificationStatus === null)}
        columns={[registered, { ...open, cell: (r) => <Link to={`/cases/${r.caseId}/notifications/current`}>{t('home.createNotification')}</Link> }]}
      />
    </>
  );
}
