// Issue an ID: an organisation within one's issuing scope, the roles its kind allows (the domain's
// rolesAllowedAt; a kind with one work role has it ticked), a login ID and a name. The initial
// password is shown once, below the form, which stays ready for the next ID.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { IssuedUser } from '../../../domain/api/users.ts';
import { rolesAllowedAt, type OrgKind, type Role } from '../../../domain/organizations.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { InitialPassword, type Handover } from './InitialPassword.tsx';
import { errorUnder, RolesField, SelectField, useAdmin } from './parts.tsx';

/** The usual roles for a new ID: the organisation's only work role, if it has just one. */
const defaultRoles = (kind: OrgKind | undefined): Role[] => {
  const work = kind ? rolesAllowedAt(kind).filter((r) => r !== 'org_admin' && r !== 'privacy_officer') : [];
  return work.length === 1 ? [...work] : [];
};

export function IssueScreen() {
  const { t } = useTranslation();
  const { scope, orgName, reloadOrgs } = useAdmin();
  const [params] = useSearchParams();
  const initial = scope.find((o) => o.id === params.get('orgId'))?.id ?? (scope.length === 1 ? scope[0].id : '');
  const [orgId, setOrgId] = useState(initial);
  const org = scope.find((o) => o.id === orgId);
  const [roles, setRoles] = useState<Role[]>(defaultRoles(org?.kind));
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [handover, setHandover] = useState<Handover | null>(null);

  const chooseOrg = (id: string) => {
    setOrgId(id);
    setRoles(defaultRoles(scope.find((o) => o.id === id)?.kind));
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      const body = { orgId, loginId: text('loginId'), displayName: text('displayName'), email: text('email') || undefined, roles };
      const issued = await api.post('/api/users', body, IssuedUser);
      setHandover({ loginId: issued.user.loginId, displayName: issued.user.displayName, orgName: orgName(issued.user.orgId), password: issued.initialPassword });
      for (const name of ['loginId', 'displayName', 'email']) (form.elements.namedItem(name) as HTMLInputElement).value = '';
      setRoles(defaultRoles(org?.kind));
      await reloadOrgs(); // the count of IDs in use changed
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const quota = org ? (org.idQuota === null ? t('admin.inUseNoLimit', { inUse: org.activeIds ?? 0 }) : t('admin.inUseOf', { inUse: org.activeIds ?? 0, quota: org.idQuota })) : undefined;
  return (
    <>
      <h1>{t('admin.issue')}</h1>
      {handover && <InitialPassword handover={handover} onClose={() => setHandover(null)} />}
      <form className="admin-issue" onSubmit={submit} aria-label={t('admin.issue')}>
        <SelectField
          label={t('admin.org')}
          name="orgId"
          value={orgId}
          onChange={(e) => chooseOrg(e.target.value)}
          required
          autoFocus={!orgId && !handover}
          help={quota}
          error={fieldError(error, 'orgId')}
        >
          <option value="">{t('admin.choose')}</option>
          {scope.map((o) => (
            <option key={o.id} value={o.id}>
              {t('admin.orgWithKind', { org: orgName(o.id), kind: t(`admin.kind.${o.kind}`) })}
            </option>
          ))}
        </SelectField>
        <Field
          label={t('admin.loginId')}
          name="loginId"
          help={t('admin.loginIdHelp')}
          autoComplete="off"
          spellCheck={false}
          required
          autoFocus={!!orgId && !handover}
          error={fieldError(error, 'loginId')}
        />
        <Field label={t('admin.displayName')} name="displayName" help={t('admin.displayNameHelp')} required error={fieldError(error, 'displayName')} />
        <Field label={t('admin.email')} name="email" type="email" help={t('admin.optional')} error={fieldError(error, 'email')} />
        {org ? <RolesField allowed={rolesAllowedAt(org.kind)} value={roles} onChange={setRoles} error={errorUnder(error, 'roles')} /> : <p className="help">{t('admin.chooseOrgFirst')}</p>}
        <ErrorMessage error={error} />
        <button type="submit" disabled={busy || !org || roles.length === 0}>
          {t('admin.issueSubmit')}
        </button>
      </form>
    </>
  );
}
