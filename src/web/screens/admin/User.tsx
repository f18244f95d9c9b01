// One ID: what it is, its name, e-mail and roles (with the version it was read at), and the acts
// on it, each confirmed in a dialog: suspend (with a reason; its sessions end at once), reactivate,
// a new initial password (shown once), delete (its history stays). Not one's own ID: the server
// refuses that, so the screen does not offer it.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { z } from 'zod';
import { User, UserList } from '../../../domain/api/users.ts';
import { rolesAllowedAt, type Role } from '../../../domain/organizations.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { useSession } from '../../session.tsx';
import { InitialPassword, type Handover } from './InitialPassword.tsx';
import { ConfirmDialog, errorUnder, RolesField, StatusText, useAdmin, when, type UserView } from './parts.tsx';

type Act = 'suspend' | 'reset' | 'delete';

export function UserScreen() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { me } = useSession();
  const { orgs, orgName, reloadOrgs } = useAdmin();
  const navigate = useNavigate();
  const [user, setUser] = useState<UserView | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [act, setAct] = useState<Act | null>(null);
  const [handover, setHandover] = useState<Handover | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.get('/api/users', UserList).then((r) => {
      const found = r.users.find((u) => u.id === id);
      if (found) setUser(found);
      else setLoadError('not_found');
    }, setLoadError);
  }, [id]);

  if (loadError === 'not_found') return <p className="error-box">{t('admin.userNotFound')}</p>;
  if (!user) return loadError ? <ErrorMessage error={loadError} /> : <Loading />;
  const org = orgs.find((o) => o.id === user.orgId);
  const own = user.id === me!.user.id;
  const manage = can(me!.user.roles, 'users.manage') && !own && user.status !== 'deleted';
  const lang = i18n.language;
  const changed = (u: UserView, message: string) => {
    setUser(u);
    setDone(message);
    setAct(null);
  };

  const reactivate = async () => {
    setError(null);
    setDone(null);
    try {
      changed(await api.post(`/api/users/${user.id}/reactivate`, {}, User), t('admin.reactivated', { loginId: user.loginId }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <>
      <h1>
        {user.loginId}（{user.displayName}）
      </h1>
      {done && (
        <p role="status" className="admin-ok">
          {done}
        </p>
      )}
      <ErrorMessage error={error} />
      {handover && <InitialPassword handover={handover} onClose={() => setHandover(null)} />}
      <dl className="admin-facts">
        <dt>{t('admin.org')}</dt>
        <dd>
          {org ? t('admin.orgWithKind', { org: orgName(org.id), kind: t(`admin.kind.${org.kind}`) }) : orgName(user.orgId)}
        </dd>
        <dt>{t('admin.roles')}</dt>
        <dd>{user.roles.map((r) => t(`admin.role.${r}`)).join('・')}</dd>
        <dt>{t('admin.statusLabel')}</dt>
        <dd>
          <StatusText user={user} />
        </dd>
        <dt>{t('admin.lastLogin')}</dt>
        <dd>{user.lastLoginAt ? when(user.lastLoginAt, lang) : t('admin.neverLoggedIn')}</dd>
        <dt>{t('admin.issuedAt')}</dt>
        <dd>{when(user.createdAt, lang)}</dd>
        <dt>{t('admin.email')}</dt>
        <dd>{user.email ?? '—'}</dd>
        <dt>{t('ct.column')}</dt>
        <dd>{user.contractorName ?? '—'}</dd>
      </dl>
      {own && <p>{t('admin.ownId')}</p>}
      {manage && (
        <>
          <h2>{t('admin.acts')}</h2>
          <div className="admin-actions">
            {user.status === 'active' && (
              <button type="button" className="danger" onClick={() => setAct('suspend')}>
                {t('admin.suspend')}
              </button>
            )}
            {(user.status === 'suspended' || user.locked) && (
              <button type="button" onClick={() => void reactivate()}>
                {t('admin.reactivate')}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setAct('reset')}>
              {t('admin.reset')}
            </button>
            <button type="button" className="danger" onClick={() => setAct('delete')}>
              {t('admin.delete')}
            </button>
          </div>
          {org && <EditForm key={user.version} user={user} allowed={rolesAllowedAt(org.kind)} onSaved={(u) => changed(u, t('admin.saved'))} />}
        </>
      )}
      {act === 'suspend' && (
        <ConfirmDialog
          title={t('admin.suspendTitle', { loginId: user.loginId })}
          confirmLabel={t('admin.suspendConfirm')}
          onClose={() => setAct(null)}
          onConfirm={async (f) => {
            const u = await api.post(`/api/users/${user.id}/suspend`, { reason: String(f.get('reason') ?? '').trim() }, User);
            changed(u, t('admin.suspended', { loginId: user.loginId }));
          }}
        >
          {(e) => (
            <>
              <p>{t('admin.suspendHelp')}</p>
              <Field label={t('admin.reason')} name="reason" required maxLength={200} help={t('admin.reasonHelp')} error={fieldError(e, 'reason')} />
            </>
          )}
        </ConfirmDialog>
      )}
      {act === 'reset' && (
        <ConfirmDialog
          title={t('admin.resetTitle', { loginId: user.loginId })}
          confirmLabel={t('admin.resetConfirm')}
          onClose={() => setAct(null)}
          onConfirm={async () => {
            const r = await api.post(`/api/users/${user.id}/reset-credentials`, {}, z.object({ initialPassword: z.string() }));
            setAct(null);
            setDone(null);
            setUser({ ...user, locked: false });
            setHandover({ loginId: user.loginId, displayName: user.displayName, orgName: orgName(user.orgId), password: r.initialPassword });
          }}
        >
          {() => <p>{t('admin.resetHelp')}</p>}
        </ConfirmDialog>
      )}
      {act === 'delete' && (
        <ConfirmDialog
          title={t('admin.deleteTitle', { loginId: user.loginId })}
          confirmLabel={t('admin.deleteConfirm')}
          onClose={() => setAct(null)}
          onConfirm={async () => {
            await api.delete(`/api/users/${user.id}`, null);
            await reloadOrgs();
            navigate('/admin', { state: { flash: t('admin.deleted', { loginId: user.loginId }) } });
          }}
        >
          {() => <p>{t('admin.deleteHelp')}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}

/** Name, e-mail and roles; saved with the version read, so a concurrent change is not overwritten. */
function EditForm({ user, allowed, onSaved }: { user: UserView; allowed: readonly Role[]; onSaved: (u: UserView) => void }) {
  const { t } = useTranslation();
  const [roles, setRoles] = useState<Role[]>(user.roles);
  const [error, setError] = useState<unknown>(null);
  const [unchanged, setUnchanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const displayName = String(f.get('displayName') ?? '').trim();
    const email = String(f.get('email') ?? '').trim() || null;
    const contractorName = String(f.get('contractorName') ?? '').trim() || null;
    // Only what changed: a role change is audited as a permission change, so send roles only then.
    const sameRoles = roles.length === user.roles.length && roles.every((r) => user.roles.includes(r));
    const changes = {
      ...(displayName !== user.displayName ? { displayName } : {}),
      ...(email !== user.email ? { email } : {}),
      ...(contractorName !== user.contractorName ? { contractorName } : {}),
      ...(sameRoles ? {} : { roles }),
    };
    setUnchanged(!Object.keys(changes).length);
    if (!Object.keys(changes).length) return;
    setBusy(true);
    setError(null);
    try {
      onSaved(await api.patch(`/api/users/${user.id}`, { version: user.version, ...changes }, User));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-labelledby="edit-user-title" className="admin-edit-user">
      <h2 id="edit-user-title">{t('admin.edit')}</h2>
      <Field label={t('admin.displayName')} name="displayName" defaultValue={user.displayName} required error={fieldError(error, 'displayName')} />
      <Field label={t('admin.email')} name="email" type="email" defaultValue={user.email ?? ''} help={t('admin.optional')} error={fieldError(error, 'email')} />
      <Field label={t('ct.field')} name="contractorName" defaultValue={user.contractorName ?? ''} maxLength={100} help={t('ct.fieldHelp')} error={fieldError(error, 'contractorName')} />
      <RolesField allowed={allowed} value={roles} onChange={setRoles} error={errorUnder(error, 'roles')} />
      <ErrorMessage error={error} />
      <p role="status">{unchanged ? t('admin.nothingChanged') : ''}</p>
      <button type="submit" disabled={busy || roles.length === 0}>
        {t('admin.save')}
      </button>
    </form>
  );
}
