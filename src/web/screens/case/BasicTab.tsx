// 基本情報: the person (identity, addresses, contact, guardian), the case (numbers, centres,
// reporter) and its IDs in other systems (NESID, the municipality's own; Q&A 10).
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ExternalId, ExternalIdList } from '../../../domain/api/external-ids.ts';
import { EXTERNAL_SYSTEMS } from '../../../domain/api/external-ids.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import type { CaseOpenState } from './open-state.ts';
import { EDITABLE_FIELDS, PersonEdit, type EditableField } from './PersonEdit.tsx';
import { SensitiveMark } from './SensitiveMark.tsx';
import { ErrorBox, Done, formatDate, orgName, SelectField, text, useAction, useLoad, useOrgs, type CaseTabProps } from './shared.tsx';

export function BasicTab({ detail, me, get, reloadCase }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  // 「編集」: for those who register cases or follow contacts (the server checks the scope). A link
  // may open the form with a field focused (?edit=residenceAddress, from the notification form).
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const mayEdit = can(me.user.roles, 'cases.register') || can(me.user.roles, 'contacts.manage');
  const asked = params.get('edit');
  const [editing, setEditing] = useState<EditableField | null>(() =>
    mayEdit && asked !== null ? ((EDITABLE_FIELDS as readonly string[]).includes(asked) ? (asked as EditableField) : 'nameKanji') : null,
  );
  const [saved, setSaved] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnTo = (location.state as CaseOpenState | null)?.returnTo;
  const closeEditor = () => {
    setEditing(null);
    if (asked !== null) {
      setParams((q) => {
        const next = new URLSearchParams(q);
        next.delete('edit');
        return next;
      }, { replace: true, state: location.state });
    }
    requestAnimationFrame(() => editButton.current?.focus());
  };
  const orgs = useOrgs(['health_center', 'medical_institution']);
  const nameOf = (id: string | null) => {
    const o = id ? orgs.find((x) => x.id === id) : undefined;
    return o ? orgName(o, lang) : '—';
  };
  const p = detail.person;
  const rows: [string, string | null][] = [
    [t('case.basic.nameKanji'), p.nameKanji],
    [t('case.basic.nameKana'), p.nameKana],
    [t('cases.sex'), t(`sex.${p.sex}`)],
    [t('cases.birthDate'), formatDate(p.birthDate, lang)],
    [t('case.basic.residenceAddress'), p.residenceAddress],
    [t('case.basic.registeredAddress'), p.registeredAddress],
    [t('case.basic.phone'), p.phone],
    [t('case.basic.email'), p.email],
  ];
  if (p.guardian.name) {
    rows.push([t('case.basic.guardian'), [p.guardian.name, p.guardian.phone, p.guardian.address].filter(Boolean).join(' / ')]);
  }
  const caseRows: [string, string | null][] = [
    [t('cases.caseNumber'), detail.caseNumber],
    [t('case.basic.selfReportId'), detail.selfReportId],
    [t('case.basic.responsibleHc'), nameOf(detail.responsibleHcId)],
    [t('cases.institution'), nameOf(detail.reportingOrgId)],
    [t('cases.createdAt'), dateTime(detail.createdAt, lang)],
  ];
  return (
    <>
      {returnTo && (
        <p>
          <Link to={returnTo}>{t('person.backToNotification')}</Link>
        </p>
      )}
      <div className="heading-row">
        <h2>{t('case.basic.person')}</h2>
        {mayEdit && !editing && (
          <button
            ref={editButton}
            type="button"
            className="secondary"
            onClick={() => {
              setSaved(null);
              setEditing('nameKanji');
            }}
          >
            {t('person.edit')}
          </button>
        )}
      </div>
      <Done message={saved} />
      {editing ? (
        <PersonEdit
          person={p}
          focus={editing}
          onSaved={async () => {
            await reloadCase();
            setSaved(t('person.saved'));
            closeEditor();
          }}
          onCancel={closeEditor}
        />
      ) : (
        <Facts rows={rows} />
      )}
      <h2>{t('case.basic.case')}</h2>
      <Facts rows={caseRows} />
      <ExternalIds caseId={detail.id} get={get} canManage={can(me.user.roles, 'external_ids.manage')} />
      {can(me.user.roles, 'persons.mark_sensitive') && <SensitiveMark caseId={detail.id} get={get} />}
    </>
  );
}

export function Facts({ rows }: { rows: [string, string | null][] }) {
  return (
    <dl className="facts">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v || '—'}</dd>
        </div>
      ))}
    </dl>
  );
}

function ExternalIds({ caseId, get, canManage }: { caseId: string; get: CaseTabProps['get']; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => get(`/api/cases/${caseId}/external-ids`, ExternalIdList), [caseId, get]);
  const add = useAction();
  const remove = useAction();
  return (
    <section aria-labelledby="external-ids">
      <h2 id="external-ids">{t('case.basic.externalIds')}</h2>
      <ErrorBox error={list.error} />
      {list.data &&
        (list.data.externalIds.length ? (
          <table>
            <caption className="visually-hidden">{t('case.basic.externalIds')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.basic.system')}</th>
                <th scope="col">{t('case.basic.externalId')}</th>
                <th scope="col">{t('case.addedAt')}</th>
                {canManage && <th scope="col">{t('case.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.externalIds.map((x) => (
                <tr key={x.id}>
                  <td>{t(`case.system.${x.system}`)}</td>
                  <td>{x.value}</td>
                  <td>{dateTime(x.createdAt, i18n.language)}</td>
                  {canManage && (
                    <td>
                      <form
                        onSubmit={remove.run(async () => {
                          await api.delete(`/api/external-ids/${x.id}`, null);
                          await list.reload();
                          return t('case.basic.externalIdRemoved');
                        })}
                      >
                        <button type="submit" className="secondary" aria-label={t('case.basic.removeExternalId', { value: x.value })}>
                          {t('case.remove')}
                        </button>
                      </form>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        ))}
      <ErrorBox error={remove.error} />
      <Done message={remove.done} />
      {canManage && (
        <form
          className="inline"
          onSubmit={add.run(async (f) => {
            await api.post(`/api/cases/${caseId}/external-ids`, { system: text(f, 'system'), value: text(f, 'value') ?? '' }, ExternalId);
            await list.reload();
            return t('case.saved');
          })}
        >
          <SelectField
            label={t('case.basic.system')}
            name="system"
            options={EXTERNAL_SYSTEMS.map((s) => ({ value: s, label: t(`case.system.${s}`) }))}
            error={fieldError(add.error, 'system')}
          />
          <Field label={t('case.basic.externalId')} name="value" required maxLength={64} error={fieldError(add.error, 'value')} />
          <button type="submit" disabled={add.busy}>
            {t('case.basic.addExternalId')}
          </button>
          <ErrorBox error={add.error} />
          <Done message={add.done} />
        </form>
      )}
    </section>
  );
}
