// ID and password, then the one-time code; at first login the password change and the enrolment of
// an authenticator app (the QR code is drawn by our server, no outside service). The server says
// which step is next; this screen only follows it.
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { NextStep, TotpEnrolment } from '../../domain/api/auth.ts';
import { api, ApiError } from '../api.ts';
import { ErrorMessage, Field, fieldError } from '../components/Form.tsx';
import { setLang } from '../i18n.ts';
import { useSession } from '../session.tsx';

type Step = z.infer<typeof NextStep>['next'] | 'login';

export function LoginScreen() {
  const { t, i18n } = useTranslation();
  const { refresh, endedBecause } = useSession();
  const [step, setStep] = useState<Step>('login');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [password, setPassword] = useState('');

  const run = (work: (form: FormData) => Promise<z.infer<typeof NextStep> | void>) => async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    setBusy(true);
    setError(null);
    try {
      const next = await work(new FormData(form));
      if (!next) return;
      if (next.next === 'done') {
        api.forgetCsrf();
        await refresh();
      } else setStep(next.next);
    } catch (err) {
      setError(err);
      // A wrong code fails the login step (401 totp_invalid, said in the alert like a wrong
      // password): the code is selected for the next one from the app.
      if (err instanceof ApiError && err.problem.code === 'totp_invalid') form.querySelector<HTMLInputElement>('input[name="code"]')?.select();
    } finally {
      setBusy(false);
    }
  };
  const text = (f: FormData, k: string) => String(f.get(k) ?? '');
  const en = i18n.language === 'en';

  return (
    <main id="main" className="login">
      <button type="button" className="link lang" lang={en ? 'ja' : 'en'} onClick={() => void setLang(en ? 'ja' : 'en')}>
        {t('lang.switch')}
      </button>
      <h1>{t('app.name')}</h1>
      {endedBecause === 'session_expired' && step === 'login' && <p role="status">{t('login.expired')}</p>}
      {step === 'login' && (
        <form onSubmit={run(async (f) => {
          setPassword(text(f, 'password'));
          return api.post('/api/auth/login', { loginId: text(f, 'loginId'), password: text(f, 'password') }, NextStep);
        })}>
          <h2>{t('login.title')}</h2>
          <Field label={t('login.loginId')} name="loginId" autoComplete="username" required autoFocus />
          <Field label={t('login.password')} name="password" type="password" autoComplete="current-password" required />
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>{t('login.submit')}</button>
        </form>
      )}
      {/* 通報窓口 (issue 12) and the open data (issue 13): open to anyone, without an ID. */}
      {step === 'login' && (
        <p>
          <a href="/report-misuse/public">{t('rv.reportNav')}</a>　<a href="/open-data">{t('nav.openData')}</a>
        </p>
      )}
      {step === 'change_password' && (
        <form onSubmit={run((f) => api.post('/api/auth/password', { currentPassword: password, newPassword: text(f, 'newPassword') }, NextStep))}>
          <h2>{t('login.changeTitle')}</h2>
          <p>{t('login.changeHelp')}</p>
          <Field
            label={t('login.newPassword')}
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            autoFocus
            error={fieldError(error, 'newPassword')}
          />
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>{t('login.change')}</button>
        </form>
      )}
      {step === 'enrol_totp' && <Enrolment onSubmit={run((f) => api.post('/api/auth/totp/enrolment/confirm', { code: text(f, 'code') }, NextStep))} error={error} busy={busy} />}
      {step === 'totp' && (
        <form onSubmit={run((f) => api.post('/api/auth/totp', { code: text(f, 'code') }, NextStep))}>
          <h2>{t('login.title')}</h2>
          <CodeField error={error} />
          <ErrorMessage error={error} />
          <button type="submit" disabled={busy}>{t('login.verify')}</button>
        </form>
      )}
    </main>
  );
}

function CodeField({ error }: { error: unknown }) {
  const { t } = useTranslation();
  return (
    <Field
      label={t('login.code')}
      help={t('login.codeHelp')}
      name="code"
      inputMode="numeric"
      autoComplete="one-time-code"
      pattern="[0-9]{6}"
      maxLength={6}
      required
      autoFocus
      error={fieldError(error, 'code') /* not 6 digits; a wrong code is the step's failure, in the alert */}
    />
  );
}

function Enrolment({ onSubmit, error, busy }: { onSubmit: (e: FormEvent<HTMLFormElement>) => void; error: unknown; busy: boolean }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<z.infer<typeof TotpEnrolment> | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    api.post('/api/auth/totp/enrolment', {}, TotpEnrolment).then(setEnrolment, setLoadError);
  }, []);
  const secret = enrolment ? new URL(enrolment.otpauthUri).searchParams.get('secret') : null;
  return (
    <form onSubmit={onSubmit}>
      <h2>{t('login.enrolTitle')}</h2>
      <p>{t('login.enrolHelp')}</p>
      <ErrorMessage error={loadError} />
      {enrolment && (
        <>
          <img className="qr" alt={t('login.qrAlt')} src={`data:image/svg+xml;utf8,${encodeURIComponent(enrolment.qrSvg)}`} width={200} height={200} />
          <p>
            {t('login.secret')} <code data-testid="totp-secret">{secret}</code>
          </p>
        </>
      )}
      <CodeField error={error} />
      <ErrorMessage error={error} />
      <button type="submit" disabled={busy || !enrolment}>{t('login.verify')}</button>
    </form>
  );
}
