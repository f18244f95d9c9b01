// The IDs in one's issuing scope: organisation, roles, status and last login; filtered by
// organisation and status (kept in the address, so reload and back keep them) and by typing.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { UserList } from '../../../domain/api/users.ts';
import { can } from '../../../domain/permissions.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field } from '../../components/Form.tsx';
import { useSession } from '../../session.tsx';
import { SelectField, StatusText, useAdmin, when, type UserView } from './parts.tsx';

export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const { scope, orgName } = useAdmin();
  const [params, setParams] = useSearchParams();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const orgId = params.get('orgId') ?? '';
  const status = params.get('status') ?? '';
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    setError(null);
    api.get(`/api/users${query({ orgId, status })}`, UserList).then((r) => setUsers(r.users), setError);
  }, [orgId, status]);

  const setFilter = (key: string, value: string) =>
    setParams((p) => {
      if (value) p.set(key, value);
      else p.delete(key);
      return p;
    });
  const needle = text.trim().toLowerCase();
  const shown = users?.filter((u) => !needle || u.loginId.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)) ?? [];
  const lang = i18n.language;

  return (
    <>
      <h1>{t('admin.users')}</h1>
      {flash && <p role="status" className="admin-ok">{flash}</p>}
      {can(me!.user.roles, 'users.manage') && (
        <p>
          <Link className="button" to={`/admin/issue${query({ orgId })}`}>
            {t('admin.issue')}
          </Link>
        </p>
      )}
      <form className="search" role="search" aria-label={t('admin.filter')} onSubmit={(e) => e.preventDefault()}>
        <SelectField label={t('admin.org')} value={orgId} onChange={(e) => setFilter('orgId', e.target.value)}>
          <option value="">{t('admin.allOrgs')}</option>
          {scope.map((o) => (
            <option key={o.id} value={o.id}>
              {orgName(o.id)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('admin.statusLabel')} value={status} onChange={(e) => setFilter('status', e.target.value)}>
          <option value="">{t('admin.notDeleted')}</option>
          <option value="active">{t('admin.status.active')}</option>
          <option value="suspended">{t('admin.status.suspended')}</option>
          <option value="deleted">{t('admin.status.deleted')}</option>
        </SelectField>
        <Field label={t('admin.textFilter')} type="search" value={text} onChange={(e) => setText(e.target.value)} autoFocus />
      </form>
      <ErrorMessage error={error} />
      {users && (
        <table className="admin-users">
          <caption>
            {t('admin.users')}（{t('common.total', { count: shown.length })}）
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.loginId')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.org')}</th>
              <th scope="col">{t('admin.roles')}</th>
              <th scope="col">{t('ct.column')}</th>
              <th scope="col">{t('admin.statusLabel')}</th>
              <th scope="col">{t('admin.lastLogin')}</th>
              <th scope="col">{t('admin.issuedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((u) => (
              <tr key={u.id}>
                <td>
                  {u.status === 'deleted' ? u.loginId : <Link to={`/admin/users/${u.id}`}>{u.loginId}</Link>}
                </td>
                <td>{u.displayName}</td>
                <td>{orgName(u.orgId)}</td>
                <td>{u.roles.map((r) => t(`admin.role.${r}`)).join('・')}</td>
                <td>{u.contractorName ?? ''}</td>
                <td>
                  <StatusText user={u} />
                </td>
                <td>{u.lastLoginAt ? when(u.lastLoginAt, lang) : t('admin.neverLoggedIn')}</td>
                <td>{when(u.createdAt, lang, false)}</td>
              </tr>
            ))}
            {!shown.length && (
              <tr>
                <td colSpan={8}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
