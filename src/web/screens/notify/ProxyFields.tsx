// A health centre keying in a notification that came by fax or on paper: which medical institution
// of its area reported it, how it came, and the doctor named on it (the server requires all three).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OrganizationList } from '../../../domain/api/users.ts';
import { api } from '../../api.ts';
import { RadioField, SelectField, TextField } from '../../components/NotificationFields.tsx';
import { useSession } from '../../session.tsx';

export interface Proxy {
  institutionId: string;
  source: 'fax' | 'paper';
  doctorName: string;
}

export interface Institution {
  id: string;
  nameJa: string;
  nameEn: string;
}

/** The medical institutions in the centre's area (those below it in the organisation tree). */
export function useInstitutions(enabled: boolean): Institution[] | null {
  const { me } = useSession();
  const [list, setList] = useState<Institution[] | null>(null);
  useEffect(() => {
    if (!enabled) return;
    api.get('/api/orgs', OrganizationList).then(
      (r) => setList(r.organizations.filter((o) => o.kind === 'medical_institution' && o.parentId === me!.organization.id)),
      () => setList([]),
    );
  }, [enabled, me]);
  return list;
}

export function ProxyFields({ value, onChange, institutions, autoFocus }: { value: Proxy; onChange: (p: Proxy) => void; institutions: Institution[] | null; autoFocus?: boolean }) {
  const { t, i18n } = useTranslation();
  const set = (patch: Partial<Proxy>) => onChange({ ...value, ...patch });
  // With one institution in the area it is chosen already: the doctor's name is the first thing to type.
  useEffect(() => {
    if (institutions?.length === 1 && !value.institutionId) set({ institutionId: institutions[0]!.id });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [institutions]);
  const single = institutions?.length === 1;
  return (
    <fieldset className="group proxy">
      <legend>{t('proxy.title')}</legend>
      <p className="help">{t('proxy.help')}</p>
      <div className="row">
        <SelectField
          fieldKey="institutionId"
          label={t('proxy.institution')}
          requirement="legal"
          value={value.institutionId}
          placeholder={t('test.choose')}
          options={(institutions ?? []).map((o) => ({ value: o.id, label: i18n.language === 'en' ? o.nameEn : o.nameJa }))}
          onValue={(v) => set({ institutionId: v })}
          autoFocus={autoFocus && !single}
          className="wide"
        />
        <TextField
          fieldKey="doctorName"
          label={t('proxy.doctorName')}
          requirement="legal"
          maxLength={100}
          autoComplete="off"
          value={value.doctorName}
          onValue={(v) => set({ doctorName: v })}
          autoFocus={autoFocus && single}
        />
      </div>
      <RadioField
        fieldKey="source"
        legend={t('proxy.source')}
        value={value.source}
        options={[
          { value: 'fax', label: t('ntf.source.fax') },
          { value: 'paper', label: t('ntf.source.paper') },
        ]}
        onValue={(v) => set({ source: v as Proxy['source'] })}
      />
    </fieldset>
  );
}
