// 基本情報「編集」: the person's identity corrected after registration (PATCH /api/persons/:id) —
// e.g. the 所在地 the notification's legal minimum needs (Q&A 5). Only the fields changed are sent,
// with the version read; the server validates them as registration does and answers at the field.
// Opened from the notification form's link, the field it names has the focus.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PersonDetail } from '../../../domain/api/cases.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { api } from '../../api.ts';
import { Field, fieldError } from '../../components/Form.tsx';
import { PostalCodeField } from '../../components/PostalCodeField.tsx';
import { ErrorBox, Group, SelectField, text, useAction, type CaseDetailView } from './shared.tsx';

type Person = CaseDetailView['person'];

/** The fields a link may name for the focus (?edit=…). */
export const EDITABLE_FIELDS = ['nameKanji', 'nameKana', 'sex', 'birthDate', 'residenceAddress', 'registeredAddress', 'phone', 'email', 'guardianName', 'guardianPhone', 'guardianAddress'] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** What changed, as PATCH /api/persons/:id takes it: a cleared optional field is null. */
export function personChanges(p: Person, f: FormData): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const required = (key: 'nameKanji' | 'nameKana' | 'sex' | 'birthDate') => {
    const v = text(f, key) ?? '';
    if (v !== p[key]) body[key] = v;
  };
  const optional = (key: 'residenceAddress' | 'registeredAddress' | 'phone' | 'email') => {
    const v = text(f, key) ?? null;
    if (v !== p[key]) body[key] = v;
  };
  required('nameKanji');
  required('nameKana');
  required('sex');
  required('birthDate');
  optional('residenceAddress');
  optional('registeredAddress');
  optional('phone');
  optional('email');
  const g = { name: text(f, 'guardianName'), phone: text(f, 'guardianPhone'), address: text(f, 'guardianAddress') };
  const had = p.guardian;
  if ((g.name ?? null) !== had.name || (g.phone ?? null) !== had.phone || (g.address ?? null) !== had.address) {
    // No name and nothing else: the guardian is removed; otherwise the guardian as a whole (a name is required).
    body.guardian = !g.name && !g.phone && !g.address ? null : { name: g.name ?? '', ...(g.phone ? { phone: g.phone } : {}), ...(g.address ? { address: g.address } : {}) };
  }
  return body;
}

export function PersonEdit({ person, focus, onSaved, onCancel }: { person: Person; focus: EditableField; onSaved: () => Promise<void>; onCancel: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const err = (path: string) => fieldError(action.error, path);
  const today = japanToday(new Date());
  const auto = (field: EditableField) => ({ autoFocus: focus === field });
  // Held here so that the postal code can fill it; sent from the form's data like the others.
  const [residenceAddress, setResidenceAddress] = useState(person.residenceAddress ?? '');
  return (
    <form
      className="panel person-edit"
      aria-labelledby="person-edit-title"
      onSubmit={action.run(
        async (f) => {
          await api.patch(`/api/persons/${person.id}`, { version: person.version, ...personChanges(person, f) }, PersonDetail);
          await onSaved();
        },
        { keep: true },
      )}
    >
      <h3 id="person-edit-title">{t('person.editTitle')}</h3>
      <p className="help">{t('person.editHelp')}</p>
      <div className="row">
        <Field label={t('reg.nameKanji')} name="nameKanji" required maxLength={100} autoComplete="off" defaultValue={person.nameKanji} error={err('nameKanji')} {...auto('nameKanji')} />
        <Field
          label={t('reg.nameKana')}
          name="nameKana"
          required
          maxLength={100}
          autoComplete="off"
          defaultValue={person.nameKana}
          help={t('reg.nameKanaHelp')}
          error={err('nameKana')}
          {...auto('nameKana')}
        />
        <SelectField
          label={t('cases.sex')}
          name="sex"
          required
          defaultValue={person.sex}
          options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
          error={err('sex')}
          {...auto('sex')}
        />
        <Field label={t('cases.birthDate')} name="birthDate" type="date" required max={today} defaultValue={person.birthDate} error={err('birthDate')} {...auto('birthDate')} />
      </div>
      <PostalCodeField addressLabel={t('reg.residenceAddress')} address={residenceAddress} onAddress={setResidenceAddress} />
      <Field
        label={t('reg.residenceAddress')}
        name="residenceAddress"
        maxLength={300}
        autoComplete="off"
        value={residenceAddress}
        onChange={(e) => setResidenceAddress(e.currentTarget.value)}
        error={err('residenceAddress')}
        {...auto('residenceAddress')}
      />
      <Field
        label={t('reg.registeredAddress')}
        name="registeredAddress"
        maxLength={300}
        autoComplete="off"
        defaultValue={person.registeredAddress ?? ''}
        error={err('registeredAddress')}
        {...auto('registeredAddress')}
      />
      <div className="row">
        <Field label={t('case.basic.phone')} name="phone" type="tel" autoComplete="off" defaultValue={person.phone ?? ''} error={err('phone')} {...auto('phone')} />
        <Field label={t('case.basic.email')} name="email" type="email" autoComplete="off" maxLength={254} defaultValue={person.email ?? ''} error={err('email')} {...auto('email')} />
      </div>
      <Group legend={t('case.basic.guardian')} className="row">
        <p className="help">{t('person.guardianHelp')}</p>
        <Field label={t('reg.guardianName')} name="guardianName" maxLength={100} autoComplete="off" defaultValue={person.guardian.name ?? ''} error={err('guardian.name')} {...auto('guardianName')} />
        <Field label={t('reg.guardianPhone')} name="guardianPhone" type="tel" autoComplete="off" defaultValue={person.guardian.phone ?? ''} error={err('guardian.phone')} {...auto('guardianPhone')} />
        <Field
          label={t('reg.guardianAddress')}
          name="guardianAddress"
          maxLength={300}
          autoComplete="off"
          defaultValue={person.guardian.address ?? ''}
          error={err('guardian.address')}
          {...auto('guardianAddress')}
        />
      </Group>
      <ErrorBox error={action.error} />
      <div className="actions">
        <button type="submit" disabled={action.busy}>
          {t('case.save')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('case.cancel')}
        </button>
      </div>
    </form>
  );
}
