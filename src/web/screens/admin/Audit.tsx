// The audit trail of the organisations one administers, newest first, as the API gives it (ids,
// never a patient's personal data): filtered by user, organisation, action and a period of days
// in Japan time; older entries page by page.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { AuditPage } from '../../../domain/api/audit.ts';
import { UserList } from '../../../domain/api/users.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { SelectField, useAdmin, when, type UserView } from './parts.tsx';

type Entry = z.infer<typeof AuditPage>['entries'][number];

/** Actions with a name on screen (others show their code); prefixes ending in a dot match a group. */
const ACTIONS = [
  'auth.',
  'auth.login',
  'auth.password_change',
  'auth.totp_enrolled',
  'auth.lock',
  'auth.flag',
  'users.',
  'users.issue',
  'users.roles_change',
  'users.suspend',
  'users.reactivate',
  'users.reset_credentials',
  'users.delete',
  'users.auto_suspend',
  'users.list',
  'orgs.quota',
  'security_flags.review',
  'audit.read',
  'cases.',
  'cases.read',
  'cases.search',
  'notifications.',
] as const;

const PAGE = 100;

export function AuditScreen() {
  const { t, i18n } = useTranslation();
  const { scope, orgName } = useAdmin();
  const [users, setUsers] = useState<UserView[]>([]);
  const [filter, setFilter] = useState<Record<string, string>>({});
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  // Deleted IDs too: their past acts stay in the trail.
  useEffect(() => {
    Promise.all([api.get('/api/users', UserList), api.get('/api/users?status=deleted', UserList)]).then(
      ([a, b]) => setUsers([...a.users, ...b.users].sort((x, y) => x.loginId.localeCompare(y.loginId))),
      setError,
    );
  }, []);
  const loginIdOf = useMemo(() => new Map(users.map((u) => [u.id, u.loginId])), [users]);

  async function load(f: Record<string, string>, beforeSeq?: number) {
    setError(null);
    if (!beforeSeq) setEntries(null); // a new search: never the old rows under the new filter
    try {
      const page = await api.get(`/api/audit${query({ ...f, beforeSeq, limit: PAGE })}`, AuditPage);
      setEntries((before) => (beforeSeq && before ? [...before, ...page.entries] : page.entries));
      setNext(page.nextBeforeSeq);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    void load({});
  }, []);

  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, x]) => [k, String(x).trim()]));
    // Whole days in Japan time, the first to the last day given.
    const f: Record<string, string> = {
      ...(v.userId ? { userId: v.userId } : {}),
      ...(v.orgId ? { orgId: v.orgId } : {}),
      ...(v.action ? { action: v.action } : {}),
      ...(v.from ? { from: `${v.from}T00:00:00+09:00` } : {}),
      ...(v.to ? { to: `${v.to}T23:59:59.999+09:00` } : {}),
    };
    setFilter(f);
    void load(f);
  };

  const lang = i18n.language;
  const actionName = (a: string) => (i18n.exists(`admin.action.${a}`) ? t(`admin.action.${a}`) : null);
  const who = (e: Entry) => (e.actorUserId ? (loginIdOf.get(e.actorUserId) ?? e.actorUserId.slice(0, 8)) : t('admin.system'));
  const records = (e: Entry) => {
    if (!e.recordIds.length) return '—';
    if (e.recordType === 'user') return e.recordIds.map((id) => loginIdOf.get(id) ?? id.slice(0, 8)).join('、');
    return `${e.recordType ?? ''}（${t('common.total', { count: e.recordIds.length })}）`;
  };

  return (
    <>
      <h1>{t('admin.audit')}</h1>
      <p>{t('admin.auditHelp')}</p>
      <form className="search admin-audit-form" role="search" aria-label={t('admin.audit')} onSubmit={search}>
        <SelectField label={t('admin.auditUser')} name="userId" defaultValue="" autoFocus>
          <option value="">{t('admin.everyone')}</option>
          {users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.loginId}（{u.displayName}）
            </option>
          ))}
        </SelectField>
        <SelectField label={t('admin.org')} name="orgId" defaultValue="">
          <option value="">{t('admin.allOrgs')}</option>
          {scope.map((o) => (
            <option key={o.id} value={o.id}>
              {orgName(o.id)}
            </option>
          ))}
        </SelectField>
        <Field label={t('admin.auditAction')} name="action" list="audit-actions" help={t('admin.auditActionHelp')} spellCheck={false} error={fieldError(error, 'action')} />
        <datalist id="audit-actions">
          {ACTIONS.map((a) => (
            <option key={a} value={a} label={actionName(a) ?? a} />
          ))}
        </datalist>
        <Field label={t('admin.from')} name="from" type="date" error={fieldError(error, 'from')} />
        <Field label={t('admin.to')} name="to" type="date" error={fieldError(error, 'to')} />
        <button type="submit">{t('cases.search')}</button>
      </form>
      <ErrorMessage error={error} />
      {entries && (
        <table className="admin-audit">
          <caption>
            {t('admin.audit')}（{t(next ? 'admin.shownSoFar' : 'common.total', { count: entries.length })}）
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.at')}</th>
              <th scope="col">{t('admin.auditUser')}</th>
              <th scope="col">{t('admin.org')}</th>
              <th scope="col">{t('admin.auditAction')}</th>
              <th scope="col">{t('admin.records')}</th>
              <th scope="col">{t('admin.outcome')}</th>
              <th scope="col">{t('admin.clientAddr')}</th>
              <th scope="col">{t('admin.details')}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.seq} className={e.outcome === 'ok' ? undefined : 'admin-not-ok'}>
                <td>{when(e.at, lang)}</td>
                <td>{who(e)}</td>
                <td>{orgName(e.actorOrgId)}</td>
                <td>
                  {actionName(e.action) && <div>{actionName(e.action)}</div>}
                  <code className="admin-action">{e.action}</code>
                </td>
                <td>{records(e)}</td>
                <td>{i18n.exists(`admin.outcome.${e.outcome}`) ? t(`admin.outcome.${e.outcome}`) : e.outcome}</td>
                <td>{e.clientAddr ?? '—'}</td>
                <td>
                  {e.purpose && (
                    <>
                      {t('admin.purpose')}：{e.purpose}
                      <br />
                    </>
                  )}
                  {Object.keys(e.details).length ? <code className="admin-details">{JSON.stringify(e.details)}</code> : '—'}
                </td>
              </tr>
            ))}
            {!entries.length && (
              <tr>
                <td colSpan={8}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
      {next && (
        <button type="button" onClick={() => void load(filter, next)}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}
