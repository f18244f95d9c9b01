// 濃厚接触者 → 患者: a contact the user's centre follows tested positive. The centre either registers
// the case for the contact person on the behalf of the institution that found it (as it keys in a
// faxed notification: an institution of its area, up to 4 tests), or links the case a clinic already
// registered for the same person (POST /api/contacts/:id/case). The exposures stay linked, so the new
// case's source is known and the transmission chain goes on through it.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DuplicateCandidates } from '../../../domain/api/cases.ts';
import { ContactBecameCase, type CaseContacts } from '../../../domain/api/contacts.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { MAX_TESTS_PER_ENTRY, SPECIMEN_LABELS, TEST_METHOD_LABELS, TEST_RESULT_LABELS, TEST_RESULTS, type TestMethod } from '../../../domain/lab-tests.ts';
import { api } from '../../api.ts';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { useInstitutions } from '../notify/ProxyFields.tsx';
import { ErrorBox, formatDate, Group, SelectField, text, useAction } from './shared.tsx';
import { methodsOf } from '../notify/forms.ts';

type Contact = z.infer<typeof CaseContacts>['contacts'][number];
export type BecameCase = z.infer<typeof ContactBecameCase>;

interface FoundCase {
  caseId: string;
  caseNumber: string;
  createdAt: string;
  reportingOrgNameJa: string | null;
}

/**
 * The cases of the contact person that one may see: the duplicate check by kana, birth date and sex
 * (the server links only a case of the same person — the same record, or the same kana, birth date
 * and sex), without the case the contact came from.
 */
async function casesOfPerson(contact: Contact, sourceCaseId: string): Promise<FoundCase[]> {
  const full = contact.person.full;
  if (!full) return [];
  const found = await api.post('/api/registrations/duplicates', { nameKana: full.nameKana, birthDate: full.birthDate, sex: contact.person.sex }, DuplicateCandidates);
  return found.candidates
    .filter((c) => c.personId === contact.person.id || (c.matchedBy.includes('same_kana') && c.sex === contact.person.sex))
    .flatMap((c) => c.cases)
    .filter((c) => c.caseId !== sourceCaseId);
}

export function ContactCase({ contact, name, sourceCaseId, disease, onDone, onCancel }: { contact: Contact; name: string; sourceCaseId: string; disease: string; onDone: (r: BecameCase) => Promise<void>; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [mode, setMode] = useState<'register' | 'link'>('register');
  const institutions = useInstitutions(true);
  const [count, setCount] = useState(1);
  const offered = methodsOf(disease);
  const first = offered.find((m) => m.method === 'naat')?.method ?? offered[0]?.method ?? 'naat';
  const [methods, setMethods] = useState<TestMethod[]>([first]);
  const [found, setFound] = useState<FoundCase[] | null>(null);
  const [searchError, setSearchError] = useState<unknown>(null);
  const action = useAction();
  const today = japanToday(new Date());
  const err = (path: string) => fieldError(action.error, path);

  useEffect(() => {
    if (mode !== 'link' || found) return;
    casesOfPerson(contact, sourceCaseId).then(setFound, setSearchError);
  }, [mode, found, contact, sourceCaseId]);

  const submit = action.run(
    async (f) => {
      const body =
        mode === 'link'
          ? { version: contact.version, caseId: text(f, 'caseId') }
          : {
              version: contact.version,
              institutionId: text(f, 'institutionId'),
              tests: Array.from({ length: count }, (_, i) => ({
                method: text(f, `method${i}`),
                specimen: text(f, `specimen${i}`),
                collectedOn: text(f, `collectedOn${i}`),
                result: text(f, `result${i}`),
                resultOn: text(f, `resultOn${i}`),
              })),
            };
      await onDone(await api.post(`/api/contacts/${contact.contactId}/case`, body, ContactBecameCase));
    },
    { keep: true },
  );

  return (
    <form className="panel contact-case" aria-labelledby="contact-case-title" onSubmit={submit}>
      <h3 id="contact-case-title">{t('contactCase.title', { name })}</h3>
      <fieldset className="choice">
        <legend>{t('contactCase.how')}</legend>
        {(['register', 'link'] as const).map((m) => (
          <label key={m} className="radio">
            <input type="radio" name="mode" value={m} checked={mode === m} onChange={() => setMode(m)} autoFocus={m === 'register'} /> {t(`contactCase.${m}`)}
          </label>
        ))}
      </fieldset>
      {mode === 'register' ? (
        <>
          <p className="help">{t('contactCase.registerHelp')}</p>
          {institutions && (
            <SelectField
              key={institutions.length}
              label={t('proxy.institution')}
              name="institutionId"
              required
              defaultValue={institutions.length === 1 ? institutions[0]!.id : ''}
              empty={institutions.length === 1 ? undefined : t('case.choose')}
              options={institutions.map((o) => ({ value: o.id, label: lang === 'en' ? o.nameEn : o.nameJa }))}
              error={err('institutionId')}
            />
          )}
          {Array.from({ length: count }, (_, i) => {
            const method = methods[i] ?? first;
        const specimens = offered.find((m) => m.method === method)?.specimens ?? [];
            return (
              <Group key={i} legend={t('case.tests.entry', { n: i + 1 })} className="row">
                <SelectField
                  label={t('case.tests.method')}
                  name={`method${i}`}
                  value={method}
                  onChange={(e) => setMethods((ms) => Object.assign([...ms], { [i]: e.target.value as TestMethod }))}
                  options={offered.map((m) => ({ value: m.method, label: localized(TEST_METHOD_LABELS[m.method]) }))}
                  error={err(`tests.${i}.method`)}
                />
                <SelectField
                  key={method}
                  label={t('case.tests.specimen')}
                  name={`specimen${i}`}
                  defaultValue={specimens.includes('nasopharyngeal_swab') ? 'nasopharyngeal_swab' : undefined}
                  options={specimens.map((s) => ({ value: s, label: localized(SPECIMEN_LABELS[s]) }))}
                  error={err(`tests.${i}.specimen`)}
                />
                <Field label={t('case.tests.collectedOn')} name={`collectedOn${i}`} type="date" max={today} defaultValue={today} error={err(`tests.${i}.collectedOn`)} />
                <SelectField
                  label={t('case.tests.result')}
                  name={`result${i}`}
                  defaultValue="positive"
                  options={TEST_RESULTS.map((r) => ({ value: r, label: localized(TEST_RESULT_LABELS[r]) }))}
                  error={err(`tests.${i}.result`)}
                />
                <Field label={t('case.tests.resultOn')} name={`resultOn${i}`} type="date" max={today} defaultValue={today} error={err(`tests.${i}.resultOn`)} />
              </Group>
            );
          })}
          <div className="actions">
            {count < MAX_TESTS_PER_ENTRY && (
              <button type="button" className="secondary" onClick={() => setCount(count + 1)}>
                {t('case.tests.another')}
              </button>
            )}
            {count > 0 && (
              <button type="button" className="secondary" onClick={() => setCount(count - 1)}>
                {count === 1 ? t('contactCase.noTests') : t('contactCase.removeTest')}
              </button>
            )}
          </div>
        </>
      ) : (
        <>
          <ErrorBox error={searchError} />
          {!found && !searchError && <p role="status">{t('contactCase.searching')}</p>}
          {found &&
            (found.length ? (
              <SelectField
                label={t('contactCase.case')}
                name="caseId"
                required
                options={found.map((c) => ({
                  value: c.caseId,
                  label: t('contactCase.caseOption', { number: c.caseNumber, org: c.reportingOrgNameJa ?? '—', date: formatDate(japanToday(new Date(c.createdAt)), lang) }),
                }))}
                error={err('caseId')}
              />
            ) : (
              <p role="status">{t('contactCase.noCases')}</p>
            ))}
        </>
      )}
      <ErrorBox error={action.error} />
      <div className="actions">
        <button type="submit" disabled={action.busy || (mode === 'link' && !found?.length)}>
          {mode === 'link' ? t('contactCase.submitLink') : t('contactCase.submitRegister')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('case.cancel')}
        </button>
      </div>
    </form>
  );
}
