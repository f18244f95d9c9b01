// /self-register: the public form of 陽性者登録, for a phone (one column at 360 px, touch targets of
// 44 px), without login. Three steps: the form, the code sent by e-mail or SMS, the reference.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  RegistrationPrefectures,
  SelfRegistrationStarted,
  SelfRegistrationSubmitted,
} from '../../../domain/api/self-registration.ts';
import { SYMPTOM_CODES } from '../../../domain/red-flags.ts';
import { RISK_FACTOR_CODES, SELF_TEST_SPECIMENS } from '../../../domain/self-registration.ts';
import { api } from '../../api.ts';
import { Checkbox, ErrorMessage, Field, fieldError, SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { setLang } from '../../i18n.ts';
import { loadSelfRegisterTexts } from './ui-text.ts';
import './self-register.css';

type Started = ReturnType<typeof SelfRegistrationStarted.parse>;

/** A file as base64 without the data-URL prefix. */
const base64Of = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

export function SelfRegisterScreen() {
  const [ready, setReady] = useState(false);
  useEffect(() => {
    void loadSelfRegisterTexts().then(() => setReady(true));
  }, []);
  const [started, setStarted] = useState<Started | null>(null);
  const [done, setDone] = useState<string | null>(null);
  if (!ready) return <Loading />;
  return (
    <div className="sr">
      <LangSwitch />
      <main id="main" tabIndex={-1}>
        {done ? <Done reference={done} /> : started ? <CodeStep started={started} onDone={setDone} /> : <FormStep onStarted={setStarted} />}
      </main>
    </div>
  );
}

function LangSwitch() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <header className="sr-top">
      <button type="button" className="secondary" lang={en ? 'ja' : 'en'} onClick={() => void setLang(en ? 'ja' : 'en')}>
        {t('sr.lang')}
      </button>
    </header>
  );
}

function FormStep({ onStarted }: { onStarted: (s: Started) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [prefectures, setPrefectures] = useState<{ id: string; nameJa: string; nameEn: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [symptoms, setSymptoms] = useState<string[]>([]);
  useEffect(() => {
    api.get('/api/self-registrations/prefectures', RegistrationPrefectures).then((r) => setPrefectures(r.prefectures), setError);
  }, []);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const text = (k: string) => String(data.get(k) ?? '').trim();
    const file = data.get('photo');
    setBusy(true);
    setError(null);
    try {
      const photo = file instanceof File && file.size > 0 ? { contentType: file.type, data: await base64Of(file) } : undefined;
      const body = {
        prefectureId: text('prefectureId'),
        nameKanji: text('nameKanji'),
        nameKana: text('nameKana'),
        sex: text('sex'),
        birthDate: text('birthDate'),
        address: text('address'),
        phone: text('phone'),
        ...(text('email') ? { email: text('email') } : {}),
        channel: text('channel'),
        testKitName: text('testKitName'),
        specimen: text('specimen'),
        testDate: text('testDate'),
        ...(photo ? { photo } : {}),
        symptoms: data.getAll('symptoms').map(String),
        ...(text('onsetDate') ? { onsetDate: text('onsetDate') } : {}),
        riskFactors: data.getAll('riskFactors').map(String),
      };
      onStarted(await api.post('/api/self-registrations', body, SelfRegistrationStarted));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => fieldError(error, path);
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('sr.title')}</h1>
      <p>{t('sr.intro')}</p>
      <ErrorMessage error={error} />
      <SelectField
        label={t('sr.prefecture')}
        name="prefectureId"
        required
        empty={t('sr.choose')}
        error={err('prefectureId')}
        options={prefectures.map((p) => ({ value: p.id, label: en ? p.nameEn : p.nameJa }))}
      />
      <fieldset>
        <legend>{t('sr.section.identity')}</legend>
        <Field label={t('sr.nameKanji')} name="nameKanji" autoComplete="name" required error={err('nameKanji')} />
        <Field label={t('sr.nameKana')} name="nameKana" required error={err('nameKana')} />
        <SelectField
          label={t('sr.sex')}
          name="sex"
          required
          empty={t('sr.choose')}
          error={err('sex')}
          options={(['male', 'female'] as const).map((s) => ({ value: s, label: t(`sr.sex.${s}`) }))}
        />
        <Field label={t('sr.birthDate')} name="birthDate" type="date" required error={err('birthDate')} />
        <Field label={t('sr.address')} name="address" autoComplete="street-address" required error={err('address')} />
      </fieldset>
      <fieldset>
        <legend>{t('sr.section.contact')}</legend>
        <Field label={t('sr.phone')} name="phone" type="tel" autoComplete="tel" required error={err('phone')} />
        <Field label={t('sr.email')} name="email" type="email" autoComplete="email" error={err('email')} />
        <SelectField
          label={t('sr.channel')}
          name="channel"
          required
          defaultValue="email"
          error={err('channel')}
          options={(['email', 'sms'] as const).map((c) => ({ value: c, label: t(`sr.channel.${c}`) }))}
        />
      </fieldset>
      <fieldset>
        <legend>{t('sr.section.test')}</legend>
        <Field label={t('sr.kit')} name="testKitName" required error={err('testKitName')} />
        <SelectField
          label={t('sr.specimen')}
          name="specimen"
          required
          defaultValue="nasal_swab"
          error={err('specimen')}
          options={SELF_TEST_SPECIMENS.map((s) => ({ value: s, label: t(`sr.specimen.${s}`) }))}
        />
        <Field label={t('sr.testDate')} name="testDate" type="date" required help={t('sr.testDate.help')} error={err('testDate')} />
        <Field label={t('sr.photo')} name="photo" type="file" accept="image/jpeg,image/png" error={err('photo.data') ?? err('photo.contentType')} />
      </fieldset>
      <fieldset>
        <legend>{t('sr.section.health')}</legend>
        <fieldset className="sr-choices">
          <legend>{t('sr.symptoms')}</legend>
          {SYMPTOM_CODES.map((s) => (
            <Checkbox
              key={s}
              name="symptoms"
              value={s}
              label={t(`symptom.${s}`)}
              onChange={(e) => {
                const on = e.currentTarget.checked;
                setSymptoms((list) => (on ? [...list, s] : list.filter((x) => x !== s)));
              }}
            />
          ))}
        </fieldset>
        {symptoms.length > 0 && <Field label={t('sr.onsetDate')} name="onsetDate" type="date" error={err('onsetDate')} />}
        <fieldset className="sr-choices">
          <legend>{t('sr.risks')}</legend>
          {RISK_FACTOR_CODES.map((r) => (
            <Checkbox key={r} name="riskFactors" value={r} label={t(`risk.${r}`)} />
          ))}
        </fieldset>
      </fieldset>
      <button type="submit" disabled={busy}>
        {busy ? t('sr.sending') : t('sr.submit')}
      </button>
    </form>
  );
}

function CodeStep({ started, onDone }: { started: Started; onDone: (reference: string) => void }) {
  const { t } = useTranslation();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const code = String(new FormData(e.currentTarget).get('code') ?? '').trim();
    setBusy(true);
    setError(null);
    try {
      onDone((await api.post(`/api/self-registrations/${started.id}/verify`, { code }, SelfRegistrationSubmitted)).reference);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form onSubmit={(e) => void submit(e)} noValidate>
      <h1>{t('sr.code.title')}</h1>
      <p>{t('sr.code.sent', { to: started.sentTo })}</p>
      <p>
        {t('sr.reference')}: <strong>{started.reference}</strong>
      </p>
      <ErrorMessage error={error} />
      <Field label={t('sr.code')} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} required error={fieldError(error, 'code')} />
      <button type="submit" disabled={busy}>
        {t('sr.code.submit')}
      </button>
    </form>
  );
}

function Done({ reference }: { reference: string }) {
  const { t } = useTranslation();
  return (
    <section>
      <h1>{t('sr.done.title')}</h1>
      <p>
        {t('sr.reference')}: <strong className="sr-reference">{reference}</strong>
      </p>
      <p>{t('sr.done.text')}</p>
    </section>
  );
}
