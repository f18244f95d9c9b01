// Case search: kana name, case number, birth date or disease; masked rows with their disease, newest
// first, keyset pages.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CaseList } from '../../domain/api/cases.ts';
import { api, query } from '../api.ts';
import { CaseTable, dateTime } from '../components/CaseTable.tsx';
import { ErrorMessage, Field, fieldError, SelectField } from '../components/Form.tsx';
import { CATEGORY_NAMES, DISEASE_CATEGORIES } from '../../domain/forms/definition.ts';
import { localized } from '../i18n.ts';
import { DISEASES, diseaseName } from './notify/forms.ts';
import { can } from '../../domain/permissions.ts';
import { useSession } from '../session.tsx';
import { ExportButton } from './exports/ExportDialog.tsx';

type Rows = z.infer<typeof CaseList>['cases'];

export function CasesScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const [rows, setRows] = useState<Rows | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function load(f: Record<string, string>, after?: string) {
    setError(null);
    try {
      const page = await api.get(`/api/cases${query({ ...f, after, limit: 50 })}`, CaseList);
      setRows((before) => (after && before ? [...before, ...page.cases] : page.cases));
      setNext(page.nextCursor);
    } catch (e) {
      setError(e);
    }
  }
  const search = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v).trim()]).filter(([, v]) => v));
    setFilters(f);
    void load(f);
  };

  return (
    <>
      <h1>{t('cases.title')}</h1>
      <form className="search" onSubmit={search} role="search">
        <Field label={t('cases.kana')} name="kana" error={fieldError(error, 'kana')} />
        <Field label={t('cases.caseNumber')} name="caseNumber" inputMode="numeric" error={fieldError(error, 'caseNumber')} />
        <Field label={t('cases.birthDate')} name="birthDate" type="date" error={fieldError(error, 'birthDate')} />
        <SelectField label={t('disease.label')} name="disease" defaultValue="" error={fieldError(error, 'disease')}>
          <option value="">{t('cases.allDiseases')}</option>
          {DISEASE_CATEGORIES.map((category) => {
            const diseases = DISEASES.filter((d) => d.category === category);
            return diseases.length ? (
              <optgroup key={category} label={localized(CATEGORY_NAMES[category])}>
                {diseases.map((d) => (
                  <option key={d.formId} value={d.formId}>
                    {localized(d.disease)}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </SelectField>
        <button type="submit">{t('cases.search')}</button>
      </form>
      {me && can(me.user.roles, 'export') && <ExportButton />}
      <ErrorMessage error={error} />
      {rows && (
        <CaseTable
          caption={t('cases.title')}
          rows={rows}
          columns={[
            { header: t('disease.label'), cell: (r) => localized(diseaseName(r.disease)) },
            { header: t('cases.institution'), cell: (r) => r.institutionNameJa ?? '—' },
            { header: t('cases.diagnosedOn'), cell: (r) => r.diagnosedOn ?? '—' },
            { header: t('cases.createdAt'), cell: (r) => dateTime(r.createdAt, i18n.language) },
          ]}
        />
      )}
      {next && (
        <button type="button" onClick={() => void load(filters, next)}>
          {t('common.more')}
        </button>
      )}
    </>
  );
}
