// 濃厚接触者: the contacts the centre registered for this case, their monitoring and outcome; a new
// contact after the duplicate check (an existing person is chosen, or a new one registered); and
// the transmission chain around the case, drawn.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { DuplicateCandidates } from '../../../domain/api/cases.ts';
import { AddedContact, CaseContacts, Chain, ContactDetail } from '../../../domain/api/contacts.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { CONTACT_OUTCOME_LABELS, CONTACT_SETTING_LABELS, CONTACT_SETTINGS, SETTABLE_OUTCOMES } from '../../../domain/contacts.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { ChainGraph } from '../../components/ChainGraph.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ContactCase, type BecameCase } from './ContactCase.tsx';
import { CASE_FROM_CHAIN } from './open-state.ts';
import { Done, ErrorBox, formatDate, SelectField, text, TextAreaField, useAction, useLoad, type CaseTabProps } from './shared.tsx';

type Contact = z.infer<typeof CaseContacts>['contacts'][number];
type Candidate = z.infer<typeof DuplicateCandidates>['candidates'][number];

export function ContactsTab({ detail, me, get }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const contacts = useLoad(() => get(`/api/cases/${detail.id}/contacts`, CaseContacts), [detail.id, get]);
  // How far the chain is walked each way (1–6 generations; the server's default is 3).
  const [generations, setGenerations] = useState(3);
  const chain = useLoad(() => get(`/api/cases/${detail.id}/chain?generations=${generations}`, Chain), [detail.id, get, generations]);
  const manage = can(me.user.roles, 'contacts.manage');
  const reload = async () => {
    await Promise.all([contacts.reload(), chain.reload()]);
  };
  return (
    <>
      <h2>{t('case.tab.contacts')}</h2>
      <ErrorBox error={contacts.error} />
      {contacts.data &&
        (contacts.data.contacts.length ? (
          <ContactTable contacts={contacts.data.contacts} manage={manage} centreId={me.organization.id} sourceCaseId={detail.id} disease={detail.disease} lang={lang} onChanged={reload} />
        ) : (
          <p>{t('case.contacts.none')}</p>
        ))}
      {manage && <AddContact caseId={detail.id} onAdded={reload} />}
      <section aria-labelledby="chain-heading">
        <h3 id="chain-heading">{t('chain.title')}</h3>
        <div className="chain-depth">
          <SelectField
            label={t('chain.depth')}
            value={String(generations)}
            onChange={(e) => setGenerations(Number(e.currentTarget.value))}
            options={[1, 2, 3, 4, 5, 6].map((n) => ({ value: String(n), label: t('chain.depthOption', { n }) }))}
          />
        </div>
        <ErrorBox error={chain.error} />
        {chain.data && (
          <ChainGraph
            chain={chain.data}
            caseLink={(caseId, label) => (
              <Link to={`/cases/${caseId}`} state={CASE_FROM_CHAIN}>
                {label}
              </Link>
            )}
          />
        )}
      </section>
    </>
  );
}

function ContactTable({
  contacts,
  manage,
  centreId,
  sourceCaseId,
  disease,
  lang,
  onChanged,
}: {
  contacts: Contact[];
  manage: boolean;
  centreId: string;
  sourceCaseId: string;
  /** The source case's disease: a contact who becomes a case has it too. */
  disease: string;
  lang: string;
  onChanged: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const outcome = useAction();
  // The contact whose positive result is being recorded, and what came of the last one.
  const [becoming, setBecoming] = useState<string | null>(null);
  const [became, setBecame] = useState<BecameCase | null>(null);
  /** The centre following the contact records its outcome and its becoming a case. */
  const follows = (c: Contact) => manage && c.responsibleHcId === centreId && !c.becameCase && c.outcome !== 'became_case';
  const nameOf = (c: Contact) => (c.person.full ? `${c.person.full.nameKanji}（${c.person.full.nameKana}）` : c.person.maskedName);
  const current = contacts.find((c) => c.contactId === becoming);
  const actions = contacts.some(follows);
  return (
    <>
      <table>
        <caption>{t('case.contacts.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.name')}</th>
            <th scope="col">{t('cases.sex')}</th>
            <th scope="col">{t('cases.age')}</th>
            <th scope="col">{t('case.contacts.setting')}</th>
            <th scope="col">{t('case.contacts.relation')}</th>
            <th scope="col">{t('case.contacts.lastContactOn')}</th>
            <th scope="col">{t('case.contacts.monitoringEndsOn')}</th>
            <th scope="col">{t('case.contacts.outcome')}</th>
            {actions && <th scope="col">{t('case.actions')}</th>}
          </tr>
        </thead>
        <tbody>
          {contacts.map((c) => {
            const name = nameOf(c);
            return (
              <tr key={c.exposureId}>
                <td>{name}</td>
                <td>{t(`sex.${c.person.sex}`)}</td>
                <td>{localized(c.person.ageBand)}</td>
                <td>{localized(CONTACT_SETTING_LABELS[c.setting])}</td>
                <td>{c.relation ?? '—'}</td>
                <td>{formatDate(c.lastContactOn, lang)}</td>
                <td>{formatDate(c.monitoringEndsOn, lang)}</td>
                <td>
                  {c.becameCase ? (
                    <Link to={`/cases/${c.becameCase.caseId}`} state={CASE_FROM_CHAIN}>
                      {t('case.contacts.becameCase', { number: c.becameCase.caseNumber })}
                    </Link>
                  ) : follows(c) ? (
                    <form
                      className="inline"
                      onSubmit={outcome.run(
                        async (f) => {
                          await api.patch(`/api/contacts/${c.contactId}`, { version: c.version, outcome: text(f, 'outcome') }, ContactDetail);
                          await onChanged();
                          return t('case.saved');
                        },
                        { keep: true },
                      )}
                    >
                      <SelectField
                        label={t('case.contacts.outcomeOf', { name })}
                        hideLabel
                        name="outcome"
                        defaultValue={c.outcome}
                        options={SETTABLE_OUTCOMES.map((o) => ({ value: o, label: localized(CONTACT_OUTCOME_LABELS[o]) }))}
                      />
                      <button type="submit" className="secondary" disabled={outcome.busy}>
                        {t('case.save')}
                      </button>
                    </form>
                  ) : (
                    localized(CONTACT_OUTCOME_LABELS[c.outcome])
                  )}
                </td>
                {actions && (
                  <td>
                    {follows(c) && (
                      <button
                        type="button"
                        className="secondary"
                        aria-expanded={becoming === c.contactId}
                        aria-label={t('contactCase.positiveOf', { name })}
                        onClick={() => {
                          setBecame(null);
                          setBecoming(becoming === c.contactId ? null : c.contactId);
                        }}
                      >
                        {t('contactCase.positive')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorBox error={outcome.error} />
      <Done message={outcome.done} />
      {current && (
        <ContactCase
          key={current.contactId}
          contact={current}
          name={nameOf(current)}
          sourceCaseId={sourceCaseId}
          disease={disease}
          onCancel={() => setBecoming(null)}
          onDone={async (r) => {
            setBecoming(null);
            setBecame(r);
            await onChanged();
          }}
        />
      )}
      <p role="status" className={became ? 'done' : 'visually-hidden'}>
        {became && (
          <>
            {t(became.created ? 'contactCase.registered' : 'contactCase.linked', { number: became.caseNumber })}{' '}
            <Link to={`/cases/${became.caseId}`} state={CASE_FROM_CHAIN}>
              {t('contactCase.openCase', { number: became.caseNumber })}
            </Link>
          </>
        )}
      </p>
    </>
  );
}

interface Draft {
  person: { nameKanji?: string; nameKana?: string; sex?: string; birthDate?: string; phone?: string; residenceAddress?: string };
  exposure: { setting?: string; relation?: string; lastContactOn?: string; note?: string };
}

/**
 * Step 1: who and how they met. Step 2 (only when the duplicate check finds someone): choose the
 * person found, or register a new one anyway.
 */
function AddContact({ caseId, onAdded }: { caseId: string; onAdded: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [candidates, setCandidates] = useState<Candidate[]>([]);
  const [formKey, setFormKey] = useState(0);
  const action = useAction();
  const today = japanToday(new Date());
  const err = (path: string) => fieldError(action.error, `person.${path}`) ?? fieldError(action.error, path);

  const save = async (d: Draft, personId?: string) => {
    await api.post(`/api/cases/${caseId}/contacts`, { ...(personId ? { personId } : { person: d.person }), ...d.exposure }, AddedContact);
    setDraft(null);
    setCandidates([]);
    setFormKey((k) => k + 1);
    await onAdded();
    return t('case.contacts.added');
  };

  return (
    <section className="panel" aria-labelledby="add-contact">
      <h3 id="add-contact">{t('case.contacts.add')}</h3>
      {/* Kept while the candidates are shown, so that 「戻る」 finds what was typed. */}
      <form
          key={formKey}
          hidden={draft !== null}
          onSubmit={action.run(
            async (f) => {
              const d: Draft = {
                person: {
                  nameKanji: text(f, 'nameKanji'),
                  nameKana: text(f, 'nameKana'),
                  sex: text(f, 'sex'),
                  birthDate: text(f, 'birthDate'),
                  phone: text(f, 'phone'),
                  residenceAddress: text(f, 'residenceAddress'),
                },
                exposure: { setting: text(f, 'setting'), relation: text(f, 'relation'), lastContactOn: text(f, 'lastContactOn'), note: text(f, 'note') },
              };
              // Likely duplicates first, among the persons one may see (masked).
              const found = await api.post(
                '/api/registrations/duplicates',
                { nameKana: d.person.nameKana ?? '', birthDate: d.person.birthDate ?? '', sex: d.person.sex, phone: d.person.phone },
                DuplicateCandidates,
              );
              if (!found.candidates.length) return save(d);
              setDraft(d);
              setCandidates(found.candidates);
              return null;
            },
            { keep: true },
          )}
        >
          <div className="row">
            <Field label={t('case.basic.nameKanji')} name="nameKanji" required maxLength={100} autoComplete="off" error={err('nameKanji')} />
            <Field label={t('case.basic.nameKana')} name="nameKana" required maxLength={100} autoComplete="off" help={t('case.contacts.kanaHelp')} error={err('nameKana')} />
            <SelectField
              label={t('cases.sex')}
              name="sex"
              required
              empty={t('case.choose')}
              options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
              error={err('sex')}
            />
            <Field label={t('cases.birthDate')} name="birthDate" type="date" required max={today} error={err('birthDate')} />
            <Field label={t('case.basic.phone')} name="phone" type="tel" autoComplete="off" error={err('phone')} />
          </div>
          <Field label={t('case.basic.residenceAddress')} name="residenceAddress" maxLength={300} autoComplete="off" error={err('residenceAddress')} />
          <div className="row">
            <SelectField
              label={t('case.contacts.setting')}
              name="setting"
              defaultValue="household"
              options={CONTACT_SETTINGS.map((s) => ({ value: s, label: localized(CONTACT_SETTING_LABELS[s]) }))}
              error={err('setting')}
            />
            <Field label={t('case.contacts.relation')} name="relation" maxLength={100} help={t('case.contacts.relationHelp')} error={err('relation')} />
            <Field label={t('case.contacts.lastContactOn')} name="lastContactOn" type="date" required defaultValue={today} max={today} error={err('lastContactOn')} />
          </div>
          <TextAreaField label={t('case.note')} name="note" maxLength={2000} error={err('note')} />
          <button type="submit" disabled={action.busy}>
            {t('case.contacts.check')}
          </button>
      </form>
      {draft && (
        <div>
          <p role="alert">{t('case.contacts.candidatesFound', { count: candidates.length })}</p>
          <table>
            <caption>{t('case.contacts.candidates')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('cases.name')}</th>
                <th scope="col">{t('cases.sex')}</th>
                <th scope="col">{t('cases.age')}</th>
                <th scope="col">{t('case.contacts.matchedBy')}</th>
                <th scope="col">{t('case.contacts.cases')}</th>
                <th scope="col">{t('case.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {candidates.map((c) => (
                <tr key={c.personId}>
                  <td>{c.maskedName}</td>
                  <td>{t(`sex.${c.sex}`)}</td>
                  <td>{localized(c.ageBand)}</td>
                  <td>{c.matchedBy.map((m) => t(`case.match.${m}`)).join('、')}</td>
                  <td>{c.cases.map((x) => `${x.caseNumber}（${formatDate(x.createdAt.slice(0, 10), i18n.language)}）`).join('、') || '—'}</td>
                  <td>
                    <form onSubmit={action.run(() => save(draft, c.personId), { keep: true })}>
                      <button type="submit" disabled={action.busy} aria-label={t('case.contacts.choosePersonOf', { name: c.maskedName })}>
                        {t('case.contacts.choosePerson')}
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="actions">
            <form onSubmit={action.run(() => save(draft), { keep: true })}>
              <button type="submit" disabled={action.busy}>
                {t('case.contacts.newPerson')}
              </button>
            </form>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setDraft(null);
                setCandidates([]);
              }}
            >
              {t('case.contacts.back')}
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </section>
  );
}
