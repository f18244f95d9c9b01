// A draft is never lost: each change is saved a moment after typing stops (PATCH with the
// version), at once when asked (before 「報告」), when the screen is left and when the tab is hidden;
// closing the tab with unsaved changes asks first. Saves run one at a time; a version conflict
// reloads the notification and saves the user's changes on top of it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { Notification } from '../../../domain/api/notifications.ts';
import { api, ApiError } from '../../api.ts';
import { valuesOf, type DraftValues, type NotificationView } from './checks.ts';

export type SaveState = 'saved' | 'saving' | 'unsaved' | 'failed';

const DELAY_MS = 600;

/**
 * `prepare` turns the changed values into what may be sent now, or leaves a key out while it
 * cannot be saved (a diagnosis date no form version covers, answers with errors): it stays
 * unsaved and is tried again with the next change.
 */
export function useDraft(initial: NotificationView, opts: { editable: boolean; prepare: (changed: Partial<DraftValues>) => Partial<DraftValues> }) {
  const [server, setServer] = useState(initial);
  const [values, setValues] = useState<DraftValues>(() => valuesOf(initial));
  const [state, setState] = useState<SaveState>('saved');
  const [error, setError] = useState<unknown>(null);
  const latest = useRef({ values: valuesOf(initial), version: initial.version, id: initial.id });
  const dirty = useRef(new Set<keyof DraftValues>());
  const inFlight = useRef<Promise<unknown> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const prepare = useRef(opts.prepare);
  prepare.current = opts.prepare;

  /** The server's notification after a save or an action; unsaved local changes stay on top. */
  const accept = useCallback((n: NotificationView) => {
    latest.current.version = n.version;
    setServer(n);
    const fresh = valuesOf(n);
    const merged = { ...fresh } as Record<keyof DraftValues, unknown>;
    for (const k of dirty.current) merged[k] = latest.current.values[k];
    latest.current.values = merged as unknown as DraftValues;
    setValues(latest.current.values);
  }, []);

  const save = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    while (inFlight.current) await inFlight.current.catch(() => undefined);
    if (!dirty.current.size) return true;
    const keys = [...dirty.current];
    const changed = Object.fromEntries(keys.map((k) => [k, latest.current.values[k]])) as Partial<DraftValues>;
    const body = prepare.current(changed);
    const sent = Object.keys(body) as (keyof DraftValues)[];
    if (!sent.length) {
      setState('unsaved');
      return false;
    }
    for (const k of sent) dirty.current.delete(k);
    setState('saving');
    const attempt = async (retry: boolean): Promise<boolean> => {
      try {
        const n = await api.patch(`/api/notifications/${latest.current.id}`, { version: latest.current.version, ...body }, Notification);
        accept(n);
        setError(null);
        setState(dirty.current.size ? 'unsaved' : 'saved');
        return sent.length === keys.length;
      } catch (e) {
        if (retry && e instanceof ApiError && e.problem.code === 'version_conflict') {
          // Someone (or this user in another tab) saved first: take theirs, put ours on top.
          const n = await api.get(`/api/notifications/${latest.current.id}`, Notification);
          latest.current.version = n.version;
          setServer(n);
          return attempt(false);
        }
        for (const k of sent) dirty.current.add(k);
        setError(e);
        setState('failed');
        return false;
      }
    };
    const p = attempt(true);
    inFlight.current = p;
    try {
      return await p;
    } finally {
      inFlight.current = null;
    }
  }, [accept]);

  const change = useCallback(
    (patch: Partial<DraftValues>) => {
      if (!opts.editable) return;
      const next = { ...latest.current.values, ...patch };
      latest.current.values = next;
      for (const k of Object.keys(patch) as (keyof DraftValues)[]) dirty.current.add(k);
      setValues(next);
      setState('unsaved');
      clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), DELAY_MS);
    },
    [opts.editable, save],
  );

  // Leaving the screen, hiding the tab: save now. Closing the tab with changes unsaved: ask first.
  useEffect(() => {
    const hidden = () => {
      if (document.visibilityState === 'hidden') void save();
    };
    const leaving = (e: BeforeUnloadEvent) => {
      if (dirty.current.size || inFlight.current) {
        void save();
        e.preventDefault();
      }
    };
    document.addEventListener('visibilitychange', hidden);
    window.addEventListener('beforeunload', leaving);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      window.removeEventListener('beforeunload', leaving);
      void save();
    };
  }, [save]);

  /** The version saved last (state may lag behind within an event handler). */
  const version = () => latest.current.version;

  return { server, values, state, error, change, save, accept, version };
}
