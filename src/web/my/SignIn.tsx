// Signing in: スマホ入力ID and date of birth, then the 6-digit code sent by SMS or e-mail. A refusal
// says what to do next and never which of the ID or the date was wrong (sign_in_failed).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PatientCodeSent, SELF_REPORT_ID_PATTERN } from '../../domain/api/my.ts';
import { api } from '../api.ts';
import { Alert, clockTime, Field } from './Field.tsx';
import type { CodeSent } from './types.ts';

export type SignInNotice = 'idle' | 'signedOut' | null;

/** The ID as the invitation prints it may be typed with spaces, hyphens, lower case or full width. */
const normalisedId = (s: string) => s.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');

export function SignIn({ notice, onSignedIn }: { notice: SignInNotice; onSignedIn: () => Promise<void> }) {
  const { t } = useTranslation();
  const [selfReportId, setSelfReportId] = useState('');
  const [birthDate, setBirthDate] = useState('');
  const [sent, setSent] = useState<CodeSent | null>(null);
  const [code, setCode] = useState('');
  const [checked, setChecked] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const idValid = SELF_REPORT_ID_PATTERN.test(normalisedId(selfReportId));
  const codeValid = /^\d{6}$/.test(code.trim());

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const sendCode = () =>
    run(async () => {
      setSent(await api.post('/api/my/sign-in', { selfReportId: normalisedId(selfReportId), birthDate }, PatientCodeSent));
      setCode('');
      setChecked(false);
    });

  const askForCode = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (idValid && birthDate) void sendCode();
  };

  const verify = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (!codeValid) return;
    void run(async () => {
      await api.post('/api/my/sign-in/code', { code: code.trim() }, null);
      api.forgetCsrf(); // a new session comes with a new CSRF secret
      await onSignedIn();
    });
  };

  return (
    <section aria-labelledby="sign-in-title" className="my-card">
      <h1 id="sign-in-title">{t('signIn.title')}</h1>
      {notice && !sent && (
        <p role="status" className="my-notice">
          {t(notice === 'idle' ? 'signIn.idle' : 'signIn.signedOut')}
        </p>
      )}
      {!sent ? (
        <form onSubmit={askForCode} noValidate>
          <p>{t('signIn.help')}</p>
          <Field
            label={t('signIn.id')}
            help={t('signIn.idHelp')}
            error={checked && !idValid ? t('signIn.idInvalid') : null}
            value={selfReportId}
            onChange={(e) => setSelfReportId(e.target.value)}
            autoComplete="username"
            autoCapitalize="characters"
            spellCheck={false}
            maxLength={20}
          />
          <Field
            label={t('signIn.birthDate')}
            type="date"
            error={checked && !birthDate ? t('signIn.birthDateMissing') : null}
            value={birthDate}
            onChange={(e) => setBirthDate(e.target.value)}
            autoComplete="bday"
            min="1900-01-01"
          />
          <Alert error={error} />
          <button type="submit" className="my-primary" disabled={busy}>
            {busy ? t('common.sending') : t('signIn.send')}
          </button>
        </form>
      ) : (
        <form onSubmit={verify} noValidate>
          <p role="status">
            {t(`signIn.sent.${sent.channel}`, { to: sent.sentTo })} {t('signIn.expires', { time: clockTime(sent.expiresAt) })}
          </p>
          <Field
            label={t('signIn.code')}
            error={checked && !codeValid ? t('signIn.codeInvalid') : null}
            value={code}
            onChange={(e) => setCode(e.target.value.normalize('NFKC'))}
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={6}
            autoFocus
          />
          <Alert error={error} />
          <button type="submit" className="my-primary" disabled={busy}>
            {busy ? t('common.sending') : t('signIn.verify')}
          </button>
          <div className="my-actions">
            <button type="button" className="my-secondary" disabled={busy} onClick={() => void sendCode()}>
              {t('signIn.resend')}
            </button>
            <button
              type="button"
              className="my-secondary"
              onClick={() => {
                setSent(null);
                setError(null);
              }}
            >
              {t('signIn.back')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
