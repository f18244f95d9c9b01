// The screens, by path. Until a user is fully logged in, every path shows the login steps.
import { useTranslation } from 'react-i18next';
import { Route, Routes } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { CasesScreen } from './screens/Cases.tsx';
import { HomeScreen } from './screens/Home.tsx';
import { LoginScreen } from './screens/Login.tsx';
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
        {/* routes: registration and notifications */}
        {/* routes: administration */}
        <Route path="*" element={<h1>{t('notFound.title')}</h1>} />
      </Routes>
    </Layout>
  );
}
