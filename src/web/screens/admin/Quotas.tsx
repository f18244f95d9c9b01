// ID quotas of the organisations one issues for: IDs in use against the quota, and a new quota per
// organisation (empty: no limit). One's own quota is set by the organisation above, so it is shown
// but not editable. A quota below the IDs in use is refused by the server, shown at the field.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, query } from '../../api.ts';
import { ErrorMessage, fieldError } from '../../components/Form.tsx';
import { useSession } from '../../session.tsx';
import { useAdmin, type Org } from './parts.tsx';
import { can } from '../../../domain/permissions.ts';

export function QuotasScreen() {
  const { t } = useTranslation();
  const { me } = useSession();
  const { scope, orgName } = useAdmin();
  const [done, setDone] = useState<string | null>(null);
  const manage = can(me!.user.roles, 'users.manage');
  return (
    <>
      <h1>{t('admin.quotas')}</h1>
      <p>{t('admin.quotasHelp')}</p>
      <p role="status" className={done ? 'admin-ok' : undefined}>
        {done ?? ''}
      </p>
      <table className="admin-quotas">
        <caption>{t('admin.quotas')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.org')}</th>
            <th scope="col">{t('admin.kindLabel')}</th>
            <th scope="col">{t('admin.inUse')}</th>
            <th scope="col">{t('admin.quota')}</th>
          </tr>
        </thead>
        <tbody>
          {scope.map((o) => (
            <tr key={o.id} className={o.idQuota !== null && (o.activeIds ?? 0) >= o.idQuota ? 'admin-full' : undefined}>
              <th scope="row">
                <Link to={`/admin${query({ orgId: o.id })}`}>{orgName(o.id)}</Link>
              </th>
              <td>{t(`admin.kind.${o.kind}`)}</td>
              <td>{o.activeIds ?? 0}</td>
              <td>
                {o.id === me!.organization.id || !manage ? (
                  <>
                    {o.idQuota ?? t('admin.noLimit')}
                    {o.id === me!.organization.id && <span className="help">（{t('admin.ownQuota')}）</span>}
                  </>
                ) : (
                  <QuotaForm org={o} onSaved={(q) => setDone(t('admin.quotaSaved', { org: orgName(o.id), quota: q ?? t('admin.noLimit') }))} />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** One organisation's quota: a labelled number field, its own error, Enter saves. */
function QuotaForm({ org, onSaved }: { org: Org; onSaved: (quota: number | null) => void }) {
  const { t } = useTranslation();
  const { orgName, reloadOrgs } = useAdmin();
  const id = useId();
  const [value, setValue] = useState(org.idQuota === null ? '' : String(org.idQuota));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const idQuota = value.trim() === '' ? null : Number(value);
    setBusy(true);
    setError(null);
    try {
      await api.put(`/api/orgs/${org.id}/quota`, { version: org.version, idQuota }, null);
      await reloadOrgs();
      onSaved(idQuota);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const message = fieldError(error, 'idQuota');
  return (
    <form className="admin-quota" onSubmit={submit}>
      <label htmlFor={id} className="visually-hidden">
        {t('admin.quotaOf', { org: orgName(org.id) })}
      </label>
      <input
        id={id}
        type="number"
        min={0}
        max={100000}
        inputMode="numeric"
        placeholder={t('admin.noLimit')}
        value={value}
        onChange={(e) => setValue(e.target.value)}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : `${id}-help`}
      />
      <button type="submit" disabled={busy}>
        {t('admin.save')}
      </button>
      {message ? (
        <p className="error" id={`${id}-error`} role="alert">
          {message}
        </p>
      ) : (
        <p className="help visually-hidden" id={`${id}-help`}>
          {t('admin.quotaHelp')}
        </p>
      )}
      {!message && <ErrorMessage error={error} />}
    </form>
  );
}
