// /register — a person, a case and up to four tests, then straight on to the 発生届. The likely
// duplicates among the people one may see are shown before anything is created, and the user
// chooses: a new person, a new case of that person, or the existing case (Q&A 7). A health centre
// keying in a faxed or paper form first names the institution and the doctor.
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { DuplicateCandidates, LabTestInput, PersonInput, Registered } from '../../../domain/api/cases.ts';
import { isKanaName } from '../../../domain/kana.ts';
import { MAX_TESTS_PER_ENTRY, specimenAllowed } from '../../../domain/lab-tests.ts';
import { suggestedDiagnosis } from '../../../domain/notification.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { ErrorMessage } from '../../components/Form.tsx';
import { FieldContext, FieldMessages, RadioField, TextField } from '../../components/NotificationFields.tsx';
import { newTestRow, TestRowEditor, testInput, type TestRow } from '../../components/NotificationTests.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PostalCodeField } from '../../components/PostalCodeField.tsx';
import { localized } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { UI } from '../../ui-text.ts';
import { fieldId, mergeMessages, serverMessages, type Messages } from './checks.ts';
import { DiseaseField, useNoFormMessage } from './DiseaseField.tsx';
import { ageAt, diseaseOf, formInForce, today } from './forms.ts';
import { issueMessages } from './issues.ts';
import type { NewNotificationState } from './NewNotification.tsx';
import { ProxyFields, useInstitutions, type Proxy } from './ProxyFields.tsx';
import { HouseholdCopy } from './HouseholdCopy.tsx';

interface PersonForm {
  nameKanji: string;
  nameKana: string;
  sex: '' | 'male' | 'female';
  birthDate: string;
  residenceAddress: string;
  registeredAddress: string;
  phone: string;
  email: string;
  guardianName: string;
  guardianPhone: string;
  guardianAddress: string;
}

const EMPTY: PersonForm = {
  nameKanji: '',
  nameKana: '',
  sex: '',
  birthDate: '',
  residenceAddress: '',
  registeredAddress: '',
  phone: '',
  email: '',
  guardianName: '',
  guardianPhone: '',
  guardianAddress: '',
};

const opt = (s: string) => (s.trim() ? s.trim() : undefined);

/** The person as the API takes it (PersonInput): empty optional fields left out. */
function personInput(p: PersonForm) {
  const guardian = p.guardianName.trim() || p.guardianPhone.trim() || p.guardianAddress.trim();
  return {
    nameKanji: p.nameKanji,
    nameKana: p.nameKana,
    sex: p.sex, // '' is "choose one"
    birthDate: p.birthDate || undefined,
    residenceAddress: opt(p.residenceAddress),
    registeredAddress: opt(p.registeredAddress),
    phone: opt(p.phone),
    email: opt(p.email),
    ...(guardian ? { guardian: { name: p.guardianName, phone: opt(p.guardianPhone), address: opt(p.guardianAddress) } } : {}),
  };
}

type Candidate = z.infer<typeof DuplicateCandidates>['candidates'][number];

export function RegisterScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const navigate = useNavigate();
  const { me } = useSession();
  const centre = me!.organization.kind === 'health_center';
  const institutions = useInstitutions(centre);
  const [person, setPerson] = useState<PersonForm>(EMPTY);
  const [disease, setDisease] = useState('');
  const [tests, setTests] = useState<TestRow[]>([]);
  const [proxy, setProxy] = useState<Proxy>({ institutionId: '', source: 'fax', doctorName: '' });
  const [checked, setChecked] = useState<Messages>(new Map());
  const [candidates, setCandidates] = useState<Candidate[] | null>(null);
  const [choice, setChoice] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  /** 住所・連絡先 opened to show what was copied from a household member. */
  const [moreOpen, setMoreOpen] = useState(false);
  const duplicatesRef = useRef<HTMLHeadingElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const set = (patch: Partial<PersonForm>) => {
    setPerson((p) => ({ ...p, ...patch }));
    setCandidates(null); // the person changed: look again before creating
  };
  const age = ageAt(person.birthDate || null);
  const minor = age !== undefined && age < 18;
  const noForm = useNoFormMessage();

  // The disease decides the tests' methods: those of its form in force on the date the tests
  // suggest (its newest when none is, and the date field says so).
  const suggested = suggestedDiagnosis(tests, today());
  const inForce = disease ? formInForce(disease, suggested.diagnosedOn) : undefined;
  const methods = (inForce ?? diseaseOf(disease))?.diagnosis.methods;
  const chooseDisease = (code: string) => {
    setDisease(code);
    const offered = (formInForce(code, suggested.diagnosedOn) ?? diseaseOf(code))?.diagnosis.methods;
    if (!offered) return;
    // Rows keep their dates and results; a method or specimen the disease does not take gives way to its default.
    setTests((rows) =>
      rows.length === 0
        ? [newTestRow(offered)]
        : rows.map((r) => (specimenAllowed(r.method, r.specimen, offered) ? r : { ...newTestRow(offered), collectedOn: r.collectedOn, result: r.result, resultOn: r.resultOn })),
    );
  };

  // As the user types: the kana name is checked by the same rule as the server's.
  const live: Messages = new Map();
  if (person.nameKana.trim() && !isKanaName(person.nameKana)) live.set('person.nameKana', [{ severity: 'error', text: UI['reg.kanaOnly'] }]);
  if (person.birthDate && person.birthDate > today()) live.set('person.birthDate', [{ severity: 'error', text: UI['reg.futureBirth'] }]);
  // Before anything is created: no form of this disease on the date the tests suggest.
  if (disease && !inForce) {
    const test = suggested.test;
    const key = test === undefined ? 'disease' : `tests.${tests.indexOf(test)}.${suggested.positive && test.resultOn ? 'resultOn' : 'collectedOn'}`;
    live.set(key, [{ severity: 'error', text: noForm(disease) }]);
  }
  // The live kana message stands for the schema's, not beside it.
  const messages = mergeMessages(live, new Map([...checked].filter(([k]) => !live.has(k))), serverMessages(error));

  /** The schemas' verdict on the whole form; the first wrong field gets the focus. */
  const validate = (): { person: z.infer<typeof PersonInput>; tests: z.infer<typeof LabTestInput>[] } | null => {
    const m: Messages = new Map();
    const p = PersonInput.safeParse(personInput(person));
    if (!p.success) for (const [k, v] of issueMessages(p.error.issues, ['person'])) m.set(k, v);
    const parsed = tests.map((row, i) => {
      const r = LabTestInput.safeParse(testInput(row));
      if (!r.success) for (const [k, v] of issueMessages(r.error.issues, ['tests', i])) m.set(k, v);
      return r.success ? r.data : null;
    });
    if (!disease) m.set('disease', [{ severity: 'error', text: UI['reg.choose'] }]);
    if (centre) {
      if (!proxy.institutionId) m.set('institutionId', [{ severity: 'error', text: UI['reg.choose'] }]);
      if (!proxy.doctorName.trim()) m.set('doctorName', [{ severity: 'error', text: UI['reg.required'] }]);
    }
    setChecked(m);
    if (m.size || live.size || !p.success) {
      requestAnimationFrame(() => {
        const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset.invalid input');
        first?.focus();
      });
      return null;
    }
    return { person: p.data, tests: parsed as z.infer<typeof LabTestInput>[] };
  };

  const register = async (body: { person: z.infer<typeof PersonInput>; tests: z.infer<typeof LabTestInput>[] }, chosen: string) => {
    const [kind, ref] = chosen.split(':');
    const r = await api.post(
      '/api/registrations',
      {
        ...body,
        disease,
        choice: kind === 'new_case' ? { kind, personId: ref } : kind === 'existing_case' ? { kind, caseId: ref } : { kind: 'new_person' },
        ...(centre ? { institutionId: proxy.institutionId } : {}),
      },
      Registered,
    );
    const state: NewNotificationState = centre ? { proxy } : {};
    // On to the notification: a new case gets its first; the existing case opens its current one.
    navigate(kind === 'existing_case' ? `/cases/${r.caseId}/notifications/current` : `/cases/${r.caseId}/notifications/new`, { state });
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = validate();
    if (!body) return;
    setBusy(true);
    setError(null);
    try {
      if (candidates && choice) {
        await register(body, choice);
        return;
      }
      const found = await api.post(
        '/api/registrations/duplicates',
        { nameKana: body.person.nameKana, birthDate: body.person.birthDate, sex: body.person.sex, ...(body.person.phone ? { phone: body.person.phone } : {}) },
        DuplicateCandidates,
      );
      if (!found.candidates.length) {
        await register(body, 'new_person');
        return;
      }
      setCandidates(found.candidates);
      setChoice('');
      requestAnimationFrame(() => duplicatesRef.current?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (centre && !institutions) return <Loading />;

  return (
    <FieldContext.Provider value={{ messages }}>
      <h1>{centre ? t('reg.titleProxy') : t('reg.title')}</h1>
      <form ref={formRef} onSubmit={(e) => void submit(e)} noValidate className="register">
        <DiseaseField value={disease} onValue={chooseDisease} autoFocus />
        {centre && <ProxyFields value={proxy} onChange={setProxy} institutions={institutions} />}
        <fieldset className="group">
          <legend>{t('reg.person')}</legend>
          <div className="row">
            <TextField
              fieldKey="person.nameKanji"
              label={t('reg.nameKanji')}
              requirement="legal"
              autoComplete="off"
              maxLength={100}
              value={person.nameKanji}
              onValue={(v) => set({ nameKanji: v })}
            />
            <TextField
              fieldKey="person.nameKana"
              label={t('reg.nameKana')}
              requirement="legal"
              help={t('reg.nameKanaHelp')}
              autoComplete="off"
              maxLength={100}
              value={person.nameKana}
              onValue={(v) => set({ nameKana: v })}
            />
          </div>
          <div className="row">
            <RadioField
              fieldKey="person.sex"
              legend={t('cases.sex')}
              requirement="legal"
              value={person.sex}
              options={[
                { value: 'male', label: t('sex.male') },
                { value: 'female', label: t('sex.female') },
              ]}
              onValue={(v) => set({ sex: v as PersonForm['sex'] })}
            />
            <TextField
              fieldKey="person.birthDate"
              label={t('cases.birthDate')}
              requirement="legal"
              type="date"
              className="date"
              max={today()}
              value={person.birthDate}
              onValue={(v) => set({ birthDate: v })}
              after={age !== undefined && age >= 0 ? <p className="age" aria-live="polite">{t('reg.age', { age })}</p> : null}
            />
          </div>
          <HouseholdCopy
            onCopy={(c) => {
              set(c);
              if (c.registeredAddress || c.phone) setMoreOpen(true);
            }}
          />
          <PostalCodeField addressLabel={t('reg.residenceAddress')} address={person.residenceAddress} onAddress={(v) => set({ residenceAddress: v })} />
          <TextField
            fieldKey="person.residenceAddress"
            label={t('reg.residenceAddress')}
            requirement="legal"
            help={t('reg.residenceHelp')}
            autoComplete="off"
            maxLength={300}
            value={person.residenceAddress}
            onValue={(v) => set({ residenceAddress: v })}
          />
          <details className="more" open={minor || moreOpen || undefined}>
            <summary>{minor ? t('reg.moreMinor') : t('reg.more')}</summary>
            <TextField fieldKey="person.registeredAddress" label={t('reg.registeredAddress')} maxLength={300} autoComplete="off" value={person.registeredAddress} onValue={(v) => set({ registeredAddress: v })} />
            <div className="row">
              <TextField fieldKey="person.phone" label={t('reg.phone')} type="tel" autoComplete="off" value={person.phone} onValue={(v) => set({ phone: v })} />
              <TextField fieldKey="person.email" label={t('reg.email')} type="email" autoComplete="off" value={person.email} onValue={(v) => set({ email: v })} />
            </div>
            <div className="row">
              <TextField fieldKey="person.guardian.name" label={t('reg.guardianName')} autoComplete="off" value={person.guardianName} onValue={(v) => set({ guardianName: v })} />
              <TextField fieldKey="person.guardian.phone" label={t('reg.guardianPhone')} type="tel" autoComplete="off" value={person.guardianPhone} onValue={(v) => set({ guardianPhone: v })} />
            </div>
            <TextField fieldKey="person.guardian.address" label={t('reg.guardianAddress')} autoComplete="off" value={person.guardianAddress} onValue={(v) => set({ guardianAddress: v })} />
          </details>
        </fieldset>

        <fieldset className="group">
          <legend>{t('reg.tests')}</legend>
          <p className="help">{methods ? t('reg.testsHelp') : t('disease.chooseFirst')}</p>
          {methods &&
            tests.map((row, i) => (
              <TestRowEditor
                key={i}
                row={row}
                methods={methods}
                prefix={`tests.${i}`}
                n={i + 1}
                onChange={(r) => setTests((ts) => ts.map((x, j) => (j === i ? r : x)))}
                onRemove={() => setTests((ts) => ts.filter((_, j) => j !== i))}
              />
            ))}
          {methods && tests.length < MAX_TESTS_PER_ENTRY && (
            <button type="button" className="secondary" onClick={() => setTests((ts) => [...ts, { ...newTestRow(methods), collectedOn: ts.at(-1)?.collectedOn ?? today() }])}>
              {t('test.add')}
            </button>
          )}
          <FieldMessages fieldKey="tests" />
        </fieldset>

        {candidates && (
          <section className="duplicates" aria-labelledby="dup-title">
            <h2 id="dup-title" ref={duplicatesRef} tabIndex={-1}>
              {t('reg.duplicatesTitle', { count: candidates.length })}
            </h2>
            <p className="help">{t('reg.duplicatesHelp')}</p>
            <fieldset className="group choices" id={fieldId('choice')}>
              <legend>{t('reg.choice')}</legend>
              <label className="option">
                <input type="radio" name="choice" value="new_person" checked={choice === 'new_person'} onChange={() => setChoice('new_person')} /> {t('reg.choiceNewPerson')}
              </label>
              {candidates.map((c) => (
                <div className="candidate" key={c.personId}>
                  <p className="candidate-who">
                    {c.maskedName}・{t(`sex.${c.sex}`)}・{localized(c.ageBand)}（{c.matchedBy.map((m) => t(`reg.match.${m}`)).join('・')}）
                  </p>
                  <label className="option">
                    <input type="radio" name="choice" value={`new_case:${c.personId}`} checked={choice === `new_case:${c.personId}`} onChange={() => setChoice(`new_case:${c.personId}`)} />{' '}
                    {t('reg.choiceNewCase', { name: c.maskedName })}
                  </label>
                  {c.cases.map((k) => (
                    <label className="option" key={k.caseId}>
                      <input type="radio" name="choice" value={`existing_case:${k.caseId}`} checked={choice === `existing_case:${k.caseId}`} onChange={() => setChoice(`existing_case:${k.caseId}`)} />{' '}
                      {t('reg.choiceExisting', { number: k.caseNumber, date: dateTime(k.createdAt, lang), org: k.reportingOrgNameJa ?? '—' })}
                    </label>
                  ))}
                </div>
              ))}
            </fieldset>
          </section>
        )}

        <ErrorMessage error={error} />
        <div className="buttons">
          <button type="submit" disabled={busy || (!!candidates && !choice)}>
            {candidates ? t('reg.registerChosen') : t('reg.submit')}
          </button>
        </div>
      </form>
    </FieldContext.Provider>
  );
}

