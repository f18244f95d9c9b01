// IDs not used for a long time (last login, or issue for an ID never used). The 2023 MHLW notice
// asks administrators to delete login IDs no longer needed: each row can be deleted after a
// confirmation, or opened to suspend it instead.
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserList } from '../../../domain/api/users.ts';
import { can } from '../../../domain/permissions.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { useSession } from '../../session.tsx';
import { ConfirmDialog, daysSince, StatusText, useAdmin, when, type UserView } from './parts.tsx';

/** The server suspends IDs unused this long (UNUSED_ID_DAYS' default): the list starts there. */
const DEFAULT_DAYS = 90;

export function UnusedScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const { orgName, reloadOrgs } = useAdmin();
  const [days, setDays] = useState(DEFAULT_DAYS);
  const [users, setUsers] = useState<UserView[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [deleting, setDeleting] = useState<UserView | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async (d: number) => {
    setError(null);
    try {
      setUsers((await api.get(`/api/users${query({ unusedForDays: d })}`, UserList)).users);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load(DEFAULT_DAYS);
  }, [load]);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = Number(new FormData(e.currentTarget).get('days'));
    setDays(d);
    setDone(null);
    void load(d);
  };
  const manage = can(me!.user.roles, 'users.manage');
  const lang = i18n.language;

  return (
    <>
      <h1>{t('admin.unused')}</h1>
      <p>{t('admin.unusedHelp')}</p>
      <form className="search" role="search" aria-label={t('admin.unused')} onSubmit={search}>
        <Field label={t('admin.unusedDays')} name="days" type="number" min={1} max={3650} defaultValue={DEFAULT_DAYS} required error={fieldError(error, 'unusedForDays')} />
        <button type="submit">{t('admin.show')}</button>
      </form>
      {done && (
        <p role="status" className="admin-ok">
          {done}
        </p>
      )}
      <ErrorMessage error={error} />
      {users && (
        <table>
          <caption>
            {t('admin.unusedCaption', { days })}（{t('common.total', { count: users.length })}）
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.loginId')}</th>
              <th scope="col">{t('admin.displayName')}</th>
              <th scope="col">{t('admin.org')}</th>
              <th scope="col">{t('admin.statusLabel')}</th>
              <th scope="col">{t('admin.lastLogin')}</th>
              <th scope="col">{t('admin.daysUnused')}</th>
              {manage && <th scope="col">{t('admin.acts')}</th>}
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>
                  <Link to={`/admin/users/${u.id}`}>{u.loginId}</Link>
                </td>
                <td>{u.displayName}</td>
                <td>{orgName(u.orgId)}</td>
                <td>
                  <StatusText user={u} />
                </td>
                <td>{u.lastLoginAt ? when(u.lastLoginAt, lang) : `${t('admin.neverLoggedIn')}（${t('admin.issuedOn', { date: when(u.createdAt, lang, false) })}）`}</td>
                <td>{t('admin.days', { count: daysSince(u.lastLoginAt ?? u.createdAt) })}</td>
                {manage && (
                  <td>
                    {u.id !== me!.user.id && (
                      <button type="button" className="danger admin-small" onClick={() => setDeleting(u)} aria-label={t('admin.deleteNamed', { loginId: u.loginId })}>
                        {t('admin.delete')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
            {!users.length && (
              <tr>
                <td colSpan={manage ? 7 : 6}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {deleting && (
        <ConfirmDialog
          title={t('admin.deleteTitle', { loginId: deleting.loginId })}
          confirmLabel={t('admin.deleteConfirm')}
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            await api.delete(`/api/users/${deleting.id}`, null);
            setUsers((us) => us?.filter((u) => u.id !== deleting.id) ?? null);
            setDone(t('admin.deleted', { loginId: deleting.loginId }));
            setDeleting(null);
            await reloadOrgs();
          }}
        >
          {() => <p>{t('admin.deleteHelp')}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
