// Who is logged in: GET /api/auth/me at start and after each login step; cleared when the server
// says the session is gone, with the reason kept for the login screen to show.
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { Me } from '../domain/api/auth.ts';
import { api, ApiError, onSessionEnded } from './api.ts';

export type MeInfo = z.infer<typeof Me>;

interface SessionState {
  me: MeInfo | null;
  loading: boolean;
  /** Why the last session ended, when the server said so (session_expired…). */
  endedBecause: string | null;
  refresh: () => Promise<void>;
  logout: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const refresh = useCallback(async () => {
    try {
      setMe(await api.get('/api/auth/me', Me));
      setEndedBecause(null);
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
      // A reload after the session timed out says so, as a request in the app would.
      if (e.problem.code === 'session_expired') setEndedBecause(e.problem.code);
      setMe(null);
    } finally {
      setLoading(false);
    }
  }, []);

  const logout = useCallback(async () => {
    await api.post('/api/auth/logout', {}, null).catch(() => undefined);
    api.forgetCsrf();
    setMe(null);
  }, []);

  useEffect(() => {
    void refresh();
    return onSessionEnded((code) => {
      setEndedBecause(code);
      setMe(null);
    });
  }, [refresh]);

  return <SessionContext.Provider value={{ me, loading, endedBecause, refresh, logout }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}
