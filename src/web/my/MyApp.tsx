// The page's frame: signed in or not (GET /api/my tells), the language switch, the menu of the three
// screens, and the sign-out after idleMinutes without a touch or a key — a phone is often shared,
// and the page should not keep showing a patient's health to the next person who picks it up.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PatientHome } from '../../domain/api/my.ts';
import { api, ApiError, onSessionEnded } from '../api.ts';
import { Accesses } from './Accesses.tsx';
import { SESSION_GONE } from './errors.ts';
import { Alert } from './Field.tsx';
import { Home } from './Home.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Settings } from './Settings.tsx';
import { SignIn, type SignInNotice } from './SignIn.tsx';
import type { PatientHomeData } from './types.ts';
import { useView, VIEWS, type View } from './views.ts';

type State = { at: 'checking' } | { at: 'failed'; error: unknown } | { at: 'signedOut'; notice: SignInNotice } | { at: 'signedIn'; home: PatientHomeData };

export function MyApp() {
  const { t } = useTranslation();
  const [state, setState] = useState<State>({ at: 'checking' });
  const [view, go] = useView();

  const load = useCallback(async () => {
    try {
      setState({ at: 'signedIn', home: await api.get('/api/my', PatientHome) });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) return setState({ at: 'failed', error: e });
      setState({ at: 'signedOut', notice: e.problem.code === 'session_expired' ? 'idle' : null });
    }
  }, []);

  const signOut = useCallback(async (notice: SignInNotice) => {
    await api.post('/api/my/sign-out', {}, null).catch(() => undefined);
    api.forgetCsrf();
    setState({ at: 'signedOut', notice });
  }, []);

  useEffect(() => {
    void load();
    return onSessionEnded((code) => {
      if (SESSION_GONE.has(code)) setState({ at: 'signedOut', notice: code === 'session_expired' ? 'idle' : null });
    });
  }, [load]);

  const idleMinutes = state.at === 'signedIn' ? state.home.idleMinutes : null;
  useEffect(() => {
    if (!idleMinutes) return;
    let timer = 0;
    const touched = () => {
      clearTimeout(timer);
      timer = window.setTimeout(() => void signOut('idle'), idleMinutes * 60_000);
    };
    touched();
    const events = ['pointerdown', 'keydown', 'scroll'] as const;
    for (const e of events) addEventListener(e, touched, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const e of events) removeEventListener(e, touched);
    };
  }, [idleMinutes, signOut]);

  return (
    <>
      <header className="my-top">
        <p className="my-brand">{t('app.name')}</p>
        <LanguageSwitch />
        {state.at === 'signedIn' && <Menu view={view} go={go} />}
      </header>
      <main id="main">
        {state.at === 'checking' && <p role="status">{t('common.loading')}</p>}
        {state.at === 'failed' && (
          <>
            <Alert error={state.error} />
            <button type="button" className="my-primary" onClick={() => void load()}>
              {t('common.retry')}
            </button>
          </>
        )}
        {state.at === 'signedOut' && <SignIn notice={state.notice} onSignedIn={load} />}
        {state.at === 'signedIn' && view === 'home' && <Home home={state.home} reload={load} />}
        {state.at === 'signedIn' && view === 'accesses' && <Accesses />}
        {state.at === 'signedIn' && view === 'settings' && <Settings home={state.home} reload={load} signOut={() => signOut('signedOut')} />}
      </main>
    </>
  );
}

function Menu({ view, go }: { view: View; go: (v: View) => void }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('nav.main')}>
      <ul className="my-menu">
        {(Object.keys(VIEWS) as View[]).map((v) => (
          <li key={v}>
            <a
              href={VIEWS[v]}
              aria-current={v === view ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                go(v);
              }}
            >
              {t(`nav.${v}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
