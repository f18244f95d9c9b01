// FHIR clients (/admin/fhir-clients, issue 15): the administrator of a medical institution's IDs (its
// own org_admin, or its health centre's) lists the systems registered to call the FHIR API for the
// institutions in scope, registers one with its public key (a pasted JWK) and scopes, is shown the
// client_id and token URL the system must use, and revokes one after confirming. The server decides
// what is in scope (RLS) and whether the key is acceptable.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { FhirClient, FhirClientList, RegisteredFhirClient } from '../../../domain/api/fhir-clients.ts';
import { FHIR_SCOPES, type FhirScope } from '../../../domain/fhir/scopes.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError, TextAreaField } from '../../components/Form.tsx';
import { ConfirmDialog, errorUnder, SelectField, useAdmin, when } from './parts.tsx';

type Client = z.infer<typeof FhirClient>;
type Registered = z.infer<typeof RegisteredFhirClient>;

const READ_SCOPES = FHIR_SCOPES.filter((s) => s.endsWith('.read'));

export function FhirClientsScreen() {
  const { t, i18n } = useTranslation();
  const { scope, orgName } = useAdmin();
  const institutions = scope.filter((o) => o.kind === 'medical_institution');
  const [clients, setClients] = useState<Client[] | null>(null);
  const [listError, setListError] = useState<unknown>(null);
  const [orgId, setOrgId] = useState(institutions.length === 1 ? institutions[0].id : '');
  const [alg, setAlg] = useState<'ES384' | 'RS384'>('ES384');
  const [scopes, setScopes] = useState<FhirScope[]>([...READ_SCOPES]);
  const [error, setError] = useState<unknown>(null);
  /** A key that is not a JSON object, found here: kept untranslated so the language switch follows. */
  const [jwkError, setJwkError] = useState<{ key: 'fc.jwkNotJson' | 'fc.jwkNotObject'; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [registered, setRegistered] = useState<Registered | null>(null);
  const [revoking, setRevoking] = useState<Client | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const lang = i18n.language;

  useEffect(() => {
    api.get('/api/fhir-clients', FhirClientList).then((r) => setClients(r.clients), setListError);
  }, []);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const f = new FormData(form);
    setError(null);
    setJwkError(null);
    setRegistered(null);
    setDone(null);
    let jwk: unknown;
    try {
      jwk = JSON.parse(String(f.get('jwk') ?? ''));
    } catch (err) {
      setJwkError({ key: 'fc.jwkNotJson', detail: err instanceof Error ? err.message : String(err) });
      (form.elements.namedItem('jwk') as HTMLTextAreaElement).focus();
      return;
    }
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
      setJwkError({ key: 'fc.jwkNotObject' });
      (form.elements.namedItem('jwk') as HTMLTextAreaElement).focus();
      return;
    }
    setBusy(true);
    try {
      const body = { orgId, name: String(f.get('name') ?? '').trim(), alg, jwk, scopes };
      const r = await api.post('/api/fhir-clients', body, RegisteredFhirClient);
      setRegistered(r);
      setClients((cs) => [r, ...(cs ?? [])]);
      for (const name of ['name', 'jwk']) (form.elements.namedItem(name) as HTMLInputElement).value = '';
      setScopes([...READ_SCOPES]);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const scopesError = errorUnder(error, 'scopes');
  const jwkShown = jwkError ? t(jwkError.key, { detail: jwkError.detail }) : errorUnder(error, 'jwk');
  return (
    <>
      <h1>{t('fc.title')}</h1>
      <p>{t('fc.intro')}</p>
      {done && (
        <p role="status" className="admin-ok">
          {done}
        </p>
      )}
      <ErrorMessage error={listError} />
      {clients && (
        <table className="admin-users fhir-clients">
          <caption>
            {t('fc.listCaption')}（{t('common.total', { count: clients.length })}）
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('fc.name')}</th>
              <th scope="col">{t('fc.org')}</th>
              <th scope="col">{t('fc.scopes')}</th>
              <th scope="col">{t('fc.createdAt')}</th>
              <th scope="col">{t('fc.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('fc.revoke')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {clients.map((c) => (
              <tr key={c.id}>
                <td>{c.name}</td>
                <td>{orgName(c.orgId)}</td>
                <td>{c.scopes.map((s) => s.replace(/^system\//, '')).join(', ')}</td>
                <td>{when(c.createdAt, lang)}</td>
                <td>
                  {c.revokedAt ? (
                    <span className="admin-badge suspended">{t('fc.revokedAt', { when: when(c.revokedAt, lang) })}</span>
                  ) : (
                    <span className="admin-badge active">{t('fc.active')}</span>
                  )}
                </td>
                <td>
                  {!c.revokedAt && (
                    <button type="button" className="danger" onClick={() => setRevoking(c)} aria-label={`${t('fc.revoke')}: ${c.name}`}>
                      {t('fc.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
            {!clients.length && (
              <tr>
                <td colSpan={6}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}

      <h2>{t('fc.register')}</h2>
      {registered && (
        <div role="status" className="admin-ok fhir-registered">
          <p>{t('fc.registered', { name: registered.name })}</p>
          <dl>
            <dt>{t('fc.clientId')}</dt>
            <dd>
              <code data-testid="fhir-client-id">{registered.id}</code>
            </dd>
            <dt>{t('fc.tokenUrl')}</dt>
            <dd>
              <code data-testid="fhir-token-url">{registered.tokenUrl}</code>
            </dd>
          </dl>
        </div>
      )}
      {institutions.length === 0 ? (
        <p className="help">{t('fc.noInstitution')}</p>
      ) : (
        <form className="admin-issue fhir-register" onSubmit={submit} aria-label={t('fc.register')} noValidate>
          <SelectField label={t('fc.org')} name="orgId" value={orgId} onChange={(e) => setOrgId(e.target.value)} required help={t('fc.orgHelp')} error={fieldError(error, 'orgId')}>
            <option value="">{t('admin.choose')}</option>
            {institutions.map((o) => (
              <option key={o.id} value={o.id}>
                {orgName(o.id)}
              </option>
            ))}
          </SelectField>
          <Field label={t('fc.name')} name="name" help={t('fc.nameHelp')} required maxLength={100} autoComplete="off" error={fieldError(error, 'name')} />
          <SelectField label={t('fc.alg')} name="alg" value={alg} onChange={(e) => setAlg(e.target.value as 'ES384' | 'RS384')} error={fieldError(error, 'alg')}>
            <option value="ES384">ES384 (EC P-384)</option>
            <option value="RS384">RS384 (RSA)</option>
          </SelectField>
          <TextAreaField label={t('fc.jwk')} name="jwk" rows={6} required spellCheck={false} autoComplete="off" help={t('fc.jwkHelp')} error={jwkShown} className="fhir-jwk" />
          <fieldset className="field admin-roles fhir-scopes" aria-describedby={scopesError ? 'fc-scopes-help fc-scopes-error' : 'fc-scopes-help'}>
            <legend>{t('fc.scopes')}</legend>
            {FHIR_SCOPES.map((s) => (
              <label key={s} className="admin-check">
                <input
                  type="checkbox"
                  name="scopes"
                  value={s}
                  checked={scopes.includes(s)}
                  onChange={(e) => setScopes(e.target.checked ? FHIR_SCOPES.filter((x) => x === s || scopes.includes(x)) : scopes.filter((x) => x !== s))}
                />
                {t(`fc.scope.${s}`)}
              </label>
            ))}
            <p className="help" id="fc-scopes-help">
              {t('fc.scopesHelp')}
            </p>
            {scopesError && (
              <p className="error" id="fc-scopes-error">
                {scopesError}
              </p>
            )}
          </fieldset>
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy || !orgId || scopes.length === 0}>
            {t('fc.registerSubmit')}
          </button>
        </form>
      )}

      {revoking && (
        <ConfirmDialog
          title={t('fc.revokeTitle', { name: revoking.name })}
          confirmLabel={t('fc.revokeConfirm')}
          onClose={() => setRevoking(null)}
          onConfirm={async () => {
            const r = await api.post(`/api/fhir-clients/${revoking.id}/revoke`, {}, FhirClient);
            setClients((cs) => cs?.map((c) => (c.id === r.id ? r : c)) ?? null);
            setDone(t('fc.revokedDone', { name: r.name }));
            setRegistered(null);
            setRevoking(null);
          }}
        >
          {() => <p>{t('fc.revokeHelp')}</p>}
        </ConfirmDialog>
      )}
    </>
  );
}
