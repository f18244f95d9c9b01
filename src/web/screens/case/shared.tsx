// What the tabs of the case page share: the case they show and the purpose its reads carry, form
// fields beyond Form.tsx's text input (select, text area, checkbox), Japanese-style dates, a small
// loader hook and the organisation directory for the choices of centres, facilities and hospitals.
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { z } from 'zod';
import type { CaseDetail } from '../../../domain/api/cases.ts';
import { OrganizationList } from '../../../domain/api/users.ts';
import type { OrgKind } from '../../../domain/organizations.ts';
import { api, ApiError } from '../../api.ts';
import { fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import type { MeInfo } from '../../session.tsx';

export type CaseDetailView = z.infer<typeof CaseDetail>;

/** What every tab receives from the case page. */
export interface CaseTabProps {
  detail: CaseDetailView;
  me: MeInfo;
  /** GET with the purpose the case was opened for (every read of personal data is audited with it). */
  get: <T extends z.ZodType>(path: string, schema: T) => Promise<z.infer<T>>;
  /** Reads the case again (tests, notifications and versions change). */
  reloadCase: () => Promise<void>;
  /** The case was transferred: the page says so (and the case may no longer be readable). */
  onTransferred: (toName: string, keptAsRelated: boolean) => void;
}

export { formatDate } from '../../dates.ts';

/** The value of a form's field, trimmed; undefined when empty (optional fields are left out). */
export const text = (f: FormData, name: string): string | undefined => {
  const v = String(f.get(name) ?? '').trim();
  return v === '' ? undefined : v;
};

/** A number field: undefined when empty, NaN (refused by the server's schema, with its message) when not a number. */
export const num = (f: FormData, name: string): number | undefined => {
  const v = text(f, name);
  return v === undefined ? undefined : Number(v.replace(',', '.'));
};

interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => Promise<void>;
}

/** Loads once (and again on `reload`), keeping the last answer while reloading. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const loadRef = useRef(load);
  loadRef.current = load;
  const reload = useCallback(async () => {
    try {
      setData(await loadRef.current());
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload };
}

/**
 * A form whose submission calls the server: busy while it runs, the error kept for the fields and
 * the alert box, the form reset after success (unless `keep`), and a short confirmation announced.
 */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const run =
    (work: (form: FormData) => Promise<string | null | void>, options: { keep?: boolean } = {}) =>
    async (e: FormEvent<HTMLFormElement>) => {
      e.preventDefault();
      const form = e.currentTarget;
      setBusy(true);
      setError(null);
      setDone(null);
      try {
        const message = await work(new FormData(form));
        if (!options.keep) form.reset();
        setDone(message ?? null);
      } catch (err) {
        setError(err);
      } finally {
        setBusy(false);
      }
    };
  return { busy, error, done, run, setError, setDone };
}

/**
 * The server's answer to a failed request, announced: its message, and the problem of the whole
 * form when there is one (e.g. 「体温・SpO2・…のいずれかを入力してください」); field problems are shown
 * at their fields.
 */
export function ErrorBox({ error }: { error: unknown }) {
  if (!error) return null;
  const root = fieldError(error, '');
  const message = error instanceof ApiError ? localized(error.problem.message) : String(error);
  return (
    <p className="error-box" role="alert">
      {message}
      {root && root !== message ? ` ${root}` : ''}
    </p>
  );
}

/** A confirmation that a change was saved, read out by screen readers. */
export function Done({ message }: { message: string | null }) {
  return (
    <p role="status" className={message ? 'done' : 'visually-hidden'}>
      {message}
    </p>
  );
}

export { Checkbox, SelectField, TextAreaField } from '../../components/Form.tsx';

/** A labelled group of controls (checkboxes, a set of fields). */
export function Group({ legend, children, className }: { legend: string; children: ReactNode; className?: string }) {
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

export type Org = z.infer<typeof OrganizationList>['organizations'][number];

let directory: Promise<Org[]> | null = null;

/**
 * Organisations by kind, for choosing a centre, facility or hospital: GET /api/orgs (any logged-in
 * user reads the tree; organisations are not personal data), fetched once per page load.
 */
export function useOrgs(kind: OrgKind | OrgKind[]): Org[] {
  const kinds = Array.isArray(kind) ? kind : [kind];
  const [orgs, setOrgs] = useState<Org[]>([]);
  const key = kinds.join(',');
  useEffect(() => {
    directory ??= api.get('/api/orgs', OrganizationList).then(
      (l) => l.organizations,
      (e) => {
        directory = null;
        throw e;
      },
    );
    let live = true;
    directory.then((all) => live && setOrgs(all.filter((o) => key.split(',').includes(o.kind))), () => undefined);
    return () => {
      live = false;
    };
  }, [key]);
  return orgs;
}

/** An organisation's name in the language shown. */
export const orgName = (o: Pick<Org, 'nameJa' | 'nameEn'>, lang: string) => (lang === 'en' ? o.nameEn : o.nameJa);
