// 居所: where the person stays, newest first. The centre records a new stay (the open one ends that
// day) and ends a stay; a stay at an accommodation facility or hospital gives its staff access.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Residence, Residences } from '../../../domain/api/followup.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { can } from '../../../domain/permissions.ts';
import { RESIDENCE_KIND_LABELS, RESIDENCE_KINDS, RESIDENCE_ORG_KIND, type ResidenceKind } from '../../../domain/residence.ts';
import { api } from '../../api.ts';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, Done, formatDate, orgName, SelectField, text, TextAreaField, useAction, useLoad, useOrgs, type CaseTabProps } from './shared.tsx';

export function ResidenceTab({ detail, me, get }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useLoad(() => get(`/api/cases/${detail.id}/residences`, Residences), [detail.id, get]);
  const mayWrite = can(me.user.roles, 'residences.write');
  const end = useAction();
  const today = japanToday(new Date());
  return (
    <>
      <h2>{t('case.tab.residence')}</h2>
      <ErrorBox error={list.error} />
      {list.data &&
        (list.data.residences.length ? (
          <table>
            <caption className="visually-hidden">{t('case.tab.residence')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('case.residence.kind')}</th>
                <th scope="col">{t('case.residence.place')}</th>
                <th scope="col">{t('case.residence.address')}</th>
                <th scope="col">{t('case.residence.startsOn')}</th>
                <th scope="col">{t('case.residence.endsOn')}</th>
                <th scope="col">{t('case.note')}</th>
                {mayWrite && <th scope="col">{t('case.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {list.data.residences.map((r) => (
                <tr key={r.id}>
                  <td>{localized(RESIDENCE_KIND_LABELS[r.kind])}</td>
                  <td>{r.orgNameJa ?? r.placeName ?? '—'}</td>
                  <td>{r.address ?? '—'}</td>
                  <td>{formatDate(r.startsOn, lang)}</td>
                  <td>{r.endsOn ? formatDate(r.endsOn, lang) : t('case.residence.ongoing')}</td>
                  <td>{r.note ?? '—'}</td>
                  {mayWrite && (
                    <td>
                      {!r.endsOn && (
                        <form
                          className="inline"
                          onSubmit={end.run(async (f) => {
                            await api.patch(`/api/residences/${r.id}`, { version: r.version, endsOn: text(f, 'endsOn') }, Residence);
                            await list.reload();
                            return t('case.residence.ended');
                          })}
                        >
                          <Field label={t('case.residence.endsOn')} name="endsOn" type="date" required defaultValue={today} max={today} error={fieldError(end.error, 'endsOn')} />
                          <button type="submit" disabled={end.busy}>
                            {t('case.residence.end')}
                          </button>
                        </form>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>{t('common.none')}</p>
        ))}
      <ErrorBox error={end.error} />
      <Done message={end.done} />
      {mayWrite && <AddResidence caseId={detail.id} lang={lang} onAdded={list.reload} />}
    </>
  );
}

function AddResidence({ caseId, lang, onAdded }: { caseId: string; lang: string; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<ResidenceKind>('home');
  const orgKind = RESIDENCE_ORG_KIND[kind];
  const orgs = useOrgs(['accommodation_facility', 'medical_institution']).filter((o) => o.kind === orgKind);
  const action = useAction();
  const today = japanToday(new Date());
  const named = kind === 'welfare_facility' || kind === 'other';
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        await api.post(
          `/api/cases/${caseId}/residences`,
          {
            kind,
            orgId: orgKind ? text(f, 'orgId') : undefined,
            placeName: named ? text(f, 'placeName') : undefined,
            address: text(f, 'address'),
            startsOn: text(f, 'startsOn'),
            endsOn: text(f, 'endsOn'),
            note: text(f, 'note'),
          },
          Residence,
        );
        await onAdded();
        setKind('home');
        return t('case.saved');
      })}
    >
      <h3>{t('case.residence.add')}</h3>
      <div className="row">
        <SelectField
          label={t('case.residence.kind')}
          name="kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as ResidenceKind)}
          options={RESIDENCE_KINDS.map((k) => ({ value: k, label: localized(RESIDENCE_KIND_LABELS[k]) }))}
          error={fieldError(action.error, 'kind')}
        />
        {orgKind && (
          <SelectField
            label={t(orgKind === 'accommodation_facility' ? 'case.residence.facility' : 'case.residence.hospital')}
            name="orgId"
            required
            empty={t('case.choose')}
            options={orgs.map((o) => ({ value: o.id, label: orgName(o, lang) }))}
            error={fieldError(action.error, 'orgId')}
          />
        )}
        {named && <Field label={t('case.residence.placeName')} name="placeName" required maxLength={200} error={fieldError(action.error, 'placeName')} />}
        <Field
          label={t('case.residence.address')}
          name="address"
          maxLength={300}
          help={kind === 'home' ? t('case.residence.addressHelp') : undefined}
          error={fieldError(action.error, 'address')}
        />
        <Field label={t('case.residence.startsOn')} name="startsOn" type="date" required defaultValue={today} error={fieldError(action.error, 'startsOn')} />
        <Field label={t('case.residence.endsOn')} name="endsOn" type="date" error={fieldError(action.error, 'endsOn')} />
      </div>
      <TextAreaField label={t('case.note')} name="note" maxLength={500} error={fieldError(action.error, 'note')} />
      <button type="submit" disabled={action.busy}>
        {t('case.residence.save')}
      </button>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}
