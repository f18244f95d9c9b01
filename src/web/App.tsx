// The screens, by path. Until a user is fully logged in, every path shows the login steps.
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { AdminScreen } from './screens/admin/Admin.tsx';
import { CasesScreen } from './screens/Cases.tsx';
import { CasePage } from './screens/case/CasePage.tsx';
import { HomeScreen } from './screens/Home.tsx';
import { LoginScreen } from './screens/Login.tsx';
import { CurrentNotificationScreen, NewNotificationScreen } from './screens/notify/NewNotification.tsx';
import { NotificationScreen } from './screens/notify/NotificationScreen.tsx';
import { RegisterScreen } from './screens/notify/Register.tsx';
import { useSession } from './session.tsx';

export function App() {
  const { me, loading } = useSession();
  const { t } = useTranslation();
  if (loading) return <p role="status">{t('common.loading')}</p>;
  if (!me) return <LoginScreen />;
  return (
    <Layout>
      <Routes>
        <Route path="/" element={<HomeScreen />} />
        <Route path="/cases" element={<CasesScreen />} />
        {/* routes: case page and follow-up */}
        <Route path="/cases/:id" element={<CasePage />} />
        {/* routes: registration and notifications */}
        <Route path="/register" element={<RegisterScreen />} />
        <Route path="/cases/:id/notifications/new" element={<NewNotificationScreen />} />
        <Route path="/cases/:id/notifications/current" element={<CurrentNotificationScreen />} />
        <Route path="/notifications/:id" element={<NotificationScreen />} />
        {/* routes: administration */}
        <Route path="/admin/*" element={<AdminScreen />} />
        <Route path="*" element={<h1>{t('notFound.title')}</h1>} />
      </Routes>
    </Layout>
  );
}
