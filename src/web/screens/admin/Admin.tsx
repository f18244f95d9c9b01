// ID administration (/admin/…): an organisation's administrator issues, suspends, reactivates and
// deletes the IDs of their own organisation and those it issues for, sets their quotas, reviews
// security flags, unused IDs and the audit trail, answers patients' questions about accesses, and
// registers the medical institutions' systems as FHIR clients.
// What is in scope the server decides (and RLS).
import { useTranslation } from 'react-i18next';
import { NavLink, Route, Routes } from 'react-router';
import { can } from '../../../domain/permissions.ts';
import { useSession } from '../../session.tsx';
import { AuditScreen } from './Audit.tsx';
import { PermissionReviewScreen } from './PermissionReview.tsx';
import { PermissionReviewsScreen } from './PermissionReviews.tsx';
import { FhirClientsScreen } from './FhirClients.tsx';
import { FlagsScreen } from './Flags.tsx';
import { IssueScreen } from './Issue.tsx';
import { AdminDataProvider } from './parts.tsx';
import { QuestionsScreen } from './Questions.tsx';
import { QuotasScreen } from './Quotas.tsx';
import { UnusedScreen } from './Unused.tsx';
import { UserScreen } from './User.tsx';
import { UsersScreen } from './Users.tsx';

export function AdminScreen() {
  const { t } = useTranslation();
  const { me } = useSession();
  if (!can(me!.user.roles, 'users.read')) {
    return (
      <>
        <h1>{t('admin.title')}</h1>
        <p className="error-box">{t('admin.noAccess')}</p>
      </>
    );
  }
  return (
    <AdminDataProvider ownOrgId={me!.organization.id}>
      <nav className="admin-subnav" aria-label={t('admin.menu')}>
        <NavLink to="/admin" end>
          {t('admin.users')}
        </NavLink>
        {can(me!.user.roles, 'users.manage') && <NavLink to="/admin/issue">{t('admin.issue')}</NavLink>}
        <NavLink to="/admin/unused">{t('admin.unused')}</NavLink>
        <NavLink to="/admin/orgs">{t('admin.quotas')}</NavLink>
        <NavLink to="/admin/flags">{t('admin.flags')}</NavLink>
        <NavLink to="/admin/permission-reviews">{t('pr.nav')}</NavLink>
        {can(me!.user.roles, 'audit.read') && <NavLink to="/admin/audit">{t('admin.audit')}</NavLink>}
        {can(me!.user.roles, 'access_questions.answer') && <NavLink to="/admin/questions">{t('admin.questions')}</NavLink>}
        {can(me!.user.roles, 'fhir_clients.manage') && <NavLink to="/admin/fhir-clients">{t('fc.nav')}</NavLink>}
      </nav>
      <Routes>
        <Route index element={<UsersScreen />} />
        <Route path="issue" element={<IssueScreen />} />
        <Route path="users/:id" element={<UserScreen />} />
        <Route path="unused" element={<UnusedScreen />} />
        <Route path="orgs" element={<QuotasScreen />} />
        <Route path="flags" element={<FlagsScreen />} />
        <Route path="permission-reviews" element={<PermissionReviewsScreen />} />
        <Route path="permission-reviews/:id" element={<PermissionReviewScreen />} />
        <Route path="audit" element={<AuditScreen />} />
        <Route path="questions" element={<QuestionsScreen />} />
        <Route path="fhir-clients" element={<FhirClientsScreen />} />
        <Route path="*" element={<h1>{t('notFound.title')}</h1>} />
      </Routes>
    </AdminDataProvider>
  );
}
