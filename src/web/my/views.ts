// The three screens after sign-in, each at its own address under /my so that the phone's back
// button and a reload work; a few paths do not need a router.
import { useCallback, useEffect, useState } from 'react';

export const VIEWS = { home: '/my', accesses: '/my/accesses', settings: '/my/settings' } as const;
export type View = keyof typeof VIEWS;

const viewAt = (path: string): View => (Object.entries(VIEWS).find(([, p]) => p === path.replace(/\/$/, ''))?.[0] as View | undefined) ?? 'home';

export function useView(): [View, (v: View) => void] {
  const [view, setView] = useState<View>(() => viewAt(location.pathname));
  useEffect(() => {
    const back = () => setView(viewAt(location.pathname));
    addEventListener('popstate', back);
    return () => removeEventListener('popstate', back);
  }, []);
  const go = useCallback((v: View) => {
    if (location.pathname !== VIEWS[v]) history.pushState(null, '', VIEWS[v]);
    setView(v);
    scrollTo(0, 0);
  }, []);
  return [view, go];
}
