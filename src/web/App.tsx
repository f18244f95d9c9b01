// The screens, by path. Until a user is fully logged in, every path shows the login steps.
// The login is in the first download; each group of screens after it is a chunk of its own,
// fetched when first opened together with the screens' labels (docs/BENCHMARKS.md, "The web app's
// size").
import { lazy, Suspense, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { Loading, ScreenBoundary } from './components/Loading.tsx';
import { loadScreenTexts } from './i18n.ts';
import { LoginScreen } from './screens/Login.tsx';
import { useSession } from './session.tsx';

/** A screen fetched on first use; it shows once its labels are there too. */
function screen<M>(load: () => Promise<M>, pick: (m: M) => ComponentType) {
  return lazy(async () => {
    const [m] = await Promise.all([load(), loadScreenTexts()]);
    return { default: pick(m) };
  });
}

const HomeScreen = screen(() => import('./screens/Home.tsx'), (m) => m.HomeScreen);
const CasesScreen = screen(() => import('./screens/Cases.tsx'), (m) => m.CasesScreen);
const CasePage = screen(() => import('./screens/case/CasePage.tsx'), (m) => m.CasePage);
const RegisterScreen = screen(() => import('./screens/notify/Register.tsx'), (m) => m.RegisterScreen);
const NewNotificationScreen = screen(() => import('./screens/notify/NewNotification.tsx'), (m) => m.NewNotificationScreen);
const CurrentNotificationScreen = screen(() => import('./screens/notify/NewNotification.tsx'), (m) => m.CurrentNotificationScreen);
const NotificationScreen = screen(() => import('./screens/notify/NotificationScreen.tsx'), (m) => m.NotificationScreen);
const SelfRegisterScreen = lazy(async () => ({ default: (await import('./screens/self-register/SelfRegister.tsx')).SelfRegisterScreen }));
const RegistrationsScreen = screen(() => import('./screens/registrations/Registrations.tsx'), (m) => m.RegistrationsScreen);
const RegistrationDetailScreen = screen(() => import('./screens/registrations/RegistrationDetail.tsx'), (m) => m.RegistrationDetailScreen);
const IncidentsScreen = screen(() => import('./screens/incidents/Incidents.tsx'), (m) => m.IncidentsScreen);
const IncidentScreen = screen(() => import('./screens/incidents/IncidentForm.tsx'), (m) => m.IncidentScreen);
const InstitutionDailyReportScreen = screen(() => import('./screens/daily-reports/InstitutionDailyReport.tsx'), (m) => m.InstitutionDailyReportScreen);
const AreaDailyReportsScreen = screen(() => import('./screens/daily-reports/AreaDailyReports.tsx'), (m) => m.AreaDailyReportsScreen);
const SentinelReportScreen = screen(() => import('./screens/sentinel/SentinelReport.tsx'), (m) => m.SentinelReportScreen);
const SentinelDesignationsScreen = screen(() => import('./screens/sentinel/SentinelDesignations.tsx'), (m) => m.SentinelDesignationsScreen);
const SentinelReportDetailScreen = screen(() => import('./screens/sentinel/SentinelReportDetail.tsx'), (m) => m.SentinelReportDetailScreen);
const SentinelAveragesScreen = screen(() => import('./screens/sentinel/SentinelAverages.tsx'), (m) => m.SentinelAveragesScreen);
const DailyReportDetailScreen = screen(() => import('./screens/daily-reports/DailyReportDetail.tsx'), (m) => m.DailyReportDetailScreen);
const ComplianceScreen = screen(() => import('./screens/compliance/Compliance.tsx'), (m) => m.ComplianceScreen);
const DashboardScreen = screen(() => import('./screens/statistics/Dashboard.tsx'), (m) => m.DashboardScreen);
const WeeklyReportScreen = screen(() => import('./screens/weekly-report/WeeklyReport.tsx'), (m) => m.WeeklyReportScreen);
const AdminScreen = screen(() => import('./screens/admin/Admin.tsx'), (m) => m.AdminScreen);
const ReviewScreen = screen(() => import('./screens/review/Queue.tsx'), (m) => m.ReviewScreen);
const AlertPage = screen(() => import('./screens/review/AlertPage.tsx'), (m) => m.AlertPage);
const ReportMisuseScreen = screen(() => import('./screens/review/ReportMisuse.tsx'), (m) => m.ReportMisuseScreen);
const BreakGlassScreen = screen(() => import('./screens/break-glass/BreakGlass.tsx'), (m) => m.BreakGlassScreen);
const CentreGrantsScreen = screen(() => import('./screens/break-glass/CentreGrants.tsx'), (m) => m.CentreGrantsScreen);
const ExtractFormScreen = screen(() => import('./screens/extracts/ExtractForm.tsx'), (m) => m.ExtractFormScreen);
const ExtractLogScreen = screen(() => import('./screens/extracts/ExtractLog.tsx'), (m) => m.ExtractLogScreen);
const RetentionScreen = screen(() => import('./screens/retention/Retention.tsx'), (m) => m.RetentionScreen);
const HelpdeskRequestScreen = screen(() => import('./screens/helpdesk/HelpdeskRequest.tsx'), (m) => m.HelpdeskRequestScreen);
const CentreHelpdeskScreen = screen(() => import('./screens/helpdesk/CentreHelpdesk.tsx'), (m) => m.CentreHelpdeskScreen);
const InspectionScreen = screen(() => import('./screens/compliance/Inspection.tsx'), (m) => m.InspectionScreen);
const MyExportsScreen = screen(() => import('./screens/exports/MyExports.tsx'), (m) => m.MyExportsScreen);
const ExportApprovalsScreen = screen(() => import('./screens/exports/Approvals.tsx'), (m) => m.ApprovalsScreen);
const OpenDataScreen = screen(() => import('./screens/open-data/OpenData.tsx'), (m) => m.OpenDataScreen);
const BulkUploadScreen = screen(() => import('./screens/bulk-upload/BulkUpload.tsx'), (m) => m.BulkUploadScreen);
const BulkUploadDetailScreen = screen(() => import('./screens/bulk-upload/BulkUploadDetail.tsx'), (m) => m.BulkUploadDetailScreen);
const PublicReportScreen = lazy(async () => ({ default: (await import('./screens/review/ReportMisuse.tsx')).PublicReportScreen }));

export function App() {
  const { me, loading } = useSession();
  const { t } = useTranslation();
  const { pathname } = useLocation();
  // 陽性者登録's public form: no login, whoever is or is not logged in.
  if (pathname === '/self-register')
    return (
      <Suspense fallback={<Loading />}>
        <SelfRegisterScreen />
      </Suspense>
    );
  // Open data: public, no login (issue 13).
  if (pathname === '/open-data')
    return (
      <Suspense fallback={<Loading />}>
        <OpenDataScreen />
      </Suspense>
    );
  // 通報窓口's public form: no login either.
  if (pathname === '/report-misuse/public')
    return (
      <Suspense fallback={<Loading />}>
        <PublicReportScreen />
      </Suspense>
    );
  if (loading) return <Loading />;
  if (!me) return <LoginScreen />;
  return (
    <Layout>
      <ScreenBoundary path={pathname}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<HomeScreen />} />
            {/* /login is where a bookmark of the login page points: once logged in, home. */}
            <Route path="/login" element={<Navigate to="/" replace />} />
            <Route path="/cases" element={<CasesScreen />} />
            {/* routes: case page and follow-up */}
            <Route path="/cases/:id" element={<CasePage />} />
            {/* routes: registration and notifications */}
            <Route path="/register" element={<RegisterScreen />} />
            <Route path="/cases/:id/notifications/new" element={<NewNotificationScreen />} />
            <Route path="/cases/:id/notifications/current" element={<CurrentNotificationScreen />} />
            <Route path="/notifications/:id" element={<NotificationScreen />} />
            {/* routes: 陽性者登録 review */}
            <Route path="/registrations" element={<RegistrationsScreen />} />
            <Route path="/registrations/:id" element={<RegistrationDetailScreen />} />
            {/* routes: leak incidents and the compliance report */}
            <Route path="/incidents" element={<IncidentsScreen />} />
            <Route path="/incidents/new" element={<IncidentScreen />} />
            <Route path="/incidents/:id" element={<IncidentScreen />} />
            <Route path="/compliance" element={<ComplianceScreen />} />
            {/* routes: counting */}
            <Route path="/statistics" element={<DashboardScreen />} />
            <Route path="/weekly-report" element={<WeeklyReportScreen />} />
            {/* routes: the daily aggregate report (日次報告) */}
            <Route path="/daily-report" element={<InstitutionDailyReportScreen />} />
            <Route path="/daily-reports/area" element={<AreaDailyReportsScreen />} />
            <Route path="/daily-reports/:id" element={<DailyReportDetailScreen />} />
            {/* routes: sentinel surveillance (定点把握) */}
            <Route path="/sentinel/report" element={<SentinelReportScreen />} />
            <Route path="/sentinel/reports/:id" element={<SentinelReportDetailScreen />} />
            <Route path="/sentinel/designations" element={<SentinelDesignationsScreen />} />
            <Route path="/sentinel/averages" element={<SentinelAveragesScreen />} />
            {/* routes: administration */}
            <Route path="/admin/*" element={<AdminScreen />} />
            {/* routes: access review and 通報窓口 */}
            <Route path="/review" element={<ReviewScreen />} />
            <Route path="/review/alerts/:id" element={<AlertPage />} />
            <Route path="/report-misuse" element={<ReportMisuseScreen />} />
            {/* routes: break-the-glass */}
            <Route path="/break-glass" element={<BreakGlassScreen />} />
            <Route path="/break-glass/centre" element={<CentreGrantsScreen />} />
            {/* routes: pseudonymised extracts */}
            <Route path="/extracts" element={<ExtractFormScreen />} />
            <Route path="/extracts/log" element={<ExtractLogScreen />} />
            <Route path="/retention" element={<RetentionScreen />} />
            {/* routes: helpdesk access and the contractor inspection */}
            <Route path="/helpdesk" element={<HelpdeskRequestScreen />} />
            <Route path="/helpdesk/centre" element={<CentreHelpdeskScreen />} />
            <Route path="/compliance/inspection" element={<InspectionScreen />} />
            {/* routes: exports */}
            <Route path="/exports" element={<MyExportsScreen />} />
            <Route path="/exports/approvals" element={<ExportApprovalsScreen />} />
            {/* routes: bulk upload */}
            <Route path="/bulk-uploads" element={<BulkUploadScreen />} />
            <Route path="/bulk-uploads/:id" element={<BulkUploadDetailScreen />} />
            <Route path="*" element={<h1>{t('notFound.title')}</h1>} />
          </Routes>
        </Suspense>
      </ScreenBoundary>
    </Layout>
  );
}
