// One 陽性者登録 opened (audited): what the person entered, the likely duplicates among the persons
// the reviewer may see, and the decision — accept (a doctor of the centre: the case and its 発生届)
// or reject with a reason the person is told.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import {
  HealthCentreChoices,
  SelfRegistrationAccepted,
  SelfRegistrationDetail,
  SelfRegistrationRejected,
} from '../../../domain/api/self-registration.ts';
import { acceptsRegistrations, REJECT_REASON_CODES } from '../../../domain/self-registration.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError, SelectField, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { loadSelfRegisterTexts } from '../self-register/ui-text.ts';

type Detail = z.infer<typeof SelfRegistrationDetail>;

export function RegistrationDetailScreen() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const [r, setR] = useState<Detail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [photo, setPhoto] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    Promise.all([loadSelfRegisterTexts(), api.get(`/api/self-registrations/${id}`, SelfRegistrationDetail)]).then(([, d]) => setR(d), setError);
  }, [id]);
  if (error && !r) return <ErrorMessage error={error} />;
  if (!r) return <Loading />;
  const lang = i18n.language;
  const rows: [string, string][] = [
    [t('sr.nameKanji'), r.nameKanji],
    [t('sr.nameKana'), r.nameKana],
    [t('sr.sex'), t(`sr.sex.${r.sex}`)],
    [t('sr.birthDate'), formatDate(r.birthDate, lang)],
    [t('sr.address'), r.address],
    [t('sr.phone'), r.phone],
    [t('sr.email'), r.email ?? '—'],
    [t('sr.channel'), t(`sr.channel.${r.channel}`)],
    [t('rg.kit'), r.testKitName],
    [t('sr.specimen'), t(`sr.specimen.${r.specimen}`)],
    [t('sr.testDate'), formatDate(r.testDate, lang)],
    [t('sr.symptoms'), r.symptoms.map((s) => t(`symptom.${s}`)).join('、') || t('rg.no')],
    [t('sr.onsetDate'), r.onsetDate ? formatDate(r.onsetDate, lang) : '—'],
    [t('sr.risks'), r.riskFactors.map((f) => t(`risk.${f}`)).join('、') || t('rg.no')],
    [t('rg.status'), t(`srstatus.${r.status}`)],
  ];
  return (
    <>
      <p>
        <Link to="/registrations">{t('rg.back')}</Link>
      </p>
      <h1>{t('rg.detail.title', { reference: r.reference })}</h1>
      <dl className="sr-detail">
        {rows.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      {r.photo && (
        <section>
          <h2>{t('rg.photo')}</h2>
          {photo ? (
            <img src={`/api/self-registrations/${r.id}/photo`} alt={t('rg.photo')} style={{ maxWidth: '100%' }} />
          ) : (
            <button type="button" className="secondary" onClick={() => setPhoto(true)}>
              {t('rg.photo.show')}
            </button>
          )}
        </section>
      )}
      {notice && <p role="status">{notice}</p>}
      {r.status === 'submitted' && (
        <Decision
          r={r}
          onDecided={(d, message) => {
            setR(d);
            setNotice(message);
          }}
        />
      )}
      {r.acceptedCaseId && (
        <p>
          <Link to={`/cases/${r.acceptedCaseId}`}>{t('rg.openCase')}</Link>
        </p>
      )}
    </>
  );
}

function Decision({ r, onDecided }: { r: Detail; onDecided: (d: Detail, message: string) => void }) {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const doctor = me ? acceptsRegistrations({ orgKind: me.organization.kind, roles: me.user.roles }) : false;
  const [centres, setCentres] = useState<{ id: string; nameJa: string; nameEn: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (doctor) api.get('/api/self-registrations/health-centres', HealthCentreChoices).then((c) => setCentres(c.healthCentres), setError);
  }, [doctor]);
  const en = i18n.language === 'en';
  const submittedOn = r.submittedAt ? r.submittedAt.slice(0, 10) : r.testDate;

  async function decide(e: FormEvent<HTMLFormElement>, kind: 'accept' | 'reject') {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      if (kind === 'accept') {
        const person = text('person');
        const a = await api.post(
          `/api/self-registrations/${r.id}/accept`,
          {
            version: r.version,
            healthCentreId: text('healthCentreId'),
            diagnosedOn: text('diagnosedOn'),
            ...(text('observeUntil') ? { observeUntil: text('observeUntil') } : {}),
            person: person === 'new' ? { kind: 'new_person' } : { kind: 'existing_person', personId: person },
          },
          SelfRegistrationAccepted,
        );
        onDecided({ ...r, status: 'accepted', acceptedCaseId: a.caseId, version: a.version }, t('rg.accepted'));
      } else {
        const j = await api.post(`/api/self-registrations/${r.id}/reject`, { version: r.version, reason: text('reason'), ...(text('note') ? { note: text('note') } : {}) }, SelfRegistrationRejected);
        onDecided({ ...r, status: 'rejected', rejectReason: j.reason, version: j.version }, t('rg.rejected'));
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <ErrorMessage error={error} />
      <section>
        <h2>{t('rg.duplicates')}</h2>
        {r.duplicates.length === 0 ? (
          <p>{t('rg.duplicates.none')}</p>
        ) : (
          <ul>
            {r.duplicates.map((d) => (
              <li key={d.personId}>
                {d.maskedName} / {t(`sr.sex.${d.sex}`)} / {localized(d.ageBand)} / {d.cases.map((c) => c.caseNumber).join(', ')}
              </li>
            ))}
          </ul>
        )}
      </section>
      {doctor && (
        <form onSubmit={(e) => void decide(e, 'accept')} noValidate>
          <h2>{t('rg.accept')}</h2>
          <p>{t('rg.accept.help')}</p>
          <SelectField
            label={t('rg.healthCentre')}
            name="healthCentreId"
            required
            empty={t('sr.choose')}
            error={fieldError(error, 'healthCentreId')}
            options={centres.map((c) => ({ value: c.id, label: en ? c.nameEn : c.nameJa }))}
          />
          <Field label={t('rg.diagnosedOn')} name="diagnosedOn" type="date" defaultValue={submittedOn} error={fieldError(error, 'diagnosedOn')} />
          <Field label={t('rg.observeUntil')} name="observeUntil" type="date" help={t('rg.observeUntil.help')} error={fieldError(error, 'observeUntil')} />
          <SelectField
            label={t('rg.person')}
            name="person"
            defaultValue="new"
            options={[
              { value: 'new', label: t('rg.person.new') },
              ...r.duplicates.map((d) => ({ value: d.personId, label: t('rg.person.existing', { name: d.maskedName }) })),
            ]}
          />
          <button type="submit" disabled={busy}>
            {t('rg.accept')}
          </button>
        </form>
      )}
      <form onSubmit={(e) => void decide(e, 'reject')} noValidate>
        <h2>{t('rg.reject')}</h2>
        <SelectField
          label={t('rg.reason')}
          name="reason"
          required
          empty={t('sr.choose')}
          error={fieldError(error, 'reason')}
          options={REJECT_REASON_CODES.map((c) => ({ value: c, label: t(`reason.${c}`) }))}
        />
        <TextAreaField label={t('rg.note')} name="note" error={fieldError(error, 'note')} />
        <button type="submit" className="danger" disabled={busy}>
          {t('rg.reject')}
        </button>
      </form>
    </>
  );
}
