// Pieces the administration screens share: the data every screen needs (organisations and the
// IDs in scope), a labelled select, the role checkboxes, a confirmation dialog and date helpers.
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { japanToday } from '../../../domain/calendar.ts';
import { formatDate, formatDateTime } from '../../dates.ts';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Organization, OrganizationList, User } from '../../../domain/api/users.ts';
import type { Role } from '../../../domain/organizations.ts';
import { api, ApiError } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { localized } from '../../i18n.ts';

export type Org = z.infer<typeof Organization>;
export type UserView = z.infer<typeof User>;

interface AdminData {
  /** Every organisation (the tree is public to staff); `issuedByMe` marks the issuing scope. */
  orgs: Org[];
  /** The organisations one issues IDs for, one's own first. */
  scope: Org[];
  orgName: (id: string | null) => string;
  reloadOrgs: () => Promise<void>;
  error: unknown;
}

const AdminContext = createContext<AdminData | null>(null);

export function AdminDataProvider({ ownOrgId, children }: { ownOrgId: string; children: ReactNode }) {
  const { i18n } = useTranslation();
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reloadOrgs = useCallback(async () => {
    try {
      setOrgs((await api.get('/api/orgs', OrganizationList)).organizations);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void reloadOrgs();
  }, [reloadOrgs]);
  if (!orgs) return error ? <ErrorMessage error={error} /> : <Loading />;
  const en = i18n.language === 'en';
  const scope = orgs.filter((o) => o.issuedByMe).sort((a, b) => Number(b.id === ownOrgId) - Number(a.id === ownOrgId));
  const orgName = (id: string | null) => {
    const o = id ? orgs.find((x) => x.id === id) : undefined;
    return o ? (en ? o.nameEn : o.nameJa) : '—';
  };
  return <AdminContext.Provider value={{ orgs, scope, orgName, reloadOrgs, error }}>{children}</AdminContext.Provider>;
}

export function useAdmin(): AdminData {
  const a = useContext(AdminContext);
  if (!a) throw new Error('useAdmin outside AdminDataProvider');
  return a;
}

export { SelectField } from '../../components/Form.tsx';

/** Check boxes for the roles an organisation of this kind allows (organizations.ts decides which). */
export function RolesField({ allowed, value, onChange, error }: { allowed: readonly Role[]; value: Role[]; onChange: (r: Role[]) => void; error?: string | null }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <fieldset className="field admin-roles" aria-describedby={error ? `${id}-help ${id}-error` : `${id}-help`}>
      <legend>{t('admin.roles')}</legend>
      {allowed.map((r) => (
        <label key={r} className="admin-check">
          <input
            type="checkbox"
            name="roles"
            value={r}
            checked={value.includes(r)}
            onChange={(e) => onChange(e.target.checked ? [...value, r] : value.filter((x) => x !== r))}
          />
          {t(`admin.role.${r}`)}
        </label>
      ))}
      <p className="help" id={`${id}-help`}>
        {t('admin.rolesHelp')}
      </p>
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </fieldset>
  );
}

/** The first error of a field or anything below it (e.g. 'roles' covers roles.1). */
export function errorUnder(error: unknown, path: string): string | null {
  if (!(error instanceof ApiError)) return null;
  const e = error.problem.errors?.find((x) => x.path.slice(1).join('.').startsWith(path));
  return e ? localized(e.message) : null;
}

/**
 * A modal confirmation: focus stays inside, Escape or the cancel button closes it; the confirm
 * button submits (Enter in a field does too). An error of the request stays in the dialog.
 */
export function ConfirmDialog({
  title,
  confirmLabel,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  onConfirm: (form: FormData) => Promise<void>;
  onClose: () => void;
  children: (error: unknown) => ReactNode;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current!;
    d.showModal();
    return () => d.close();
  }, []);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onConfirm(new FormData(e.currentTarget));
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="admin-confirm"
      aria-labelledby={`${id}-title`}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={submit}>
        <h2 id={`${id}-title`}>{title}</h2>
        {children(error)}
        <ErrorMessage error={error} />
        <div className="admin-actions">
          <button type="submit" className="danger" disabled={busy}>
            {confirmLabel}
          </button>
          <button type="button" className="secondary" onClick={onClose}>
            {t('admin.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}

/** An instant in Japan time as a Japanese reader expects it: 2022年10月3日 10:00 (or the day alone). */
export const when = (iso: string | null, lang: string, time = true) =>
  time ? formatDateTime(iso, lang) : formatDate(iso && japanToday(new Date(iso)), lang);

/** Whole days since an instant. */
export const daysSince = (iso: string) => Math.floor((Date.now() - Date.parse(iso)) / 86_400_000);

/** The status of an ID as words: 利用中, 利用停止中 (with the reason), ロック中. */
export function StatusText({ user }: { user: UserView }) {
  const { t } = useTranslation();
  const auto = user.statusReason?.match(/^unused_(\d+)_days$/);
  const reason = auto ? t('admin.autoSuspended', { days: auto[1] }) : user.statusReason;
  return (
    <>
      <span className={`admin-badge ${user.status}`}>{t(`admin.status.${user.status}`)}</span>
      {user.locked && <span className="admin-badge locked">{t('admin.locked')}</span>}
      {user.status === 'suspended' && reason && <span className="admin-reason">（{reason}）</span>}
    </>
  );
}
