// Settings: the time of the daily reminder for each case (the patient's own, or back to the
// centre's), and signing out.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CLOCK_TIME } from '../../domain/api/my.ts';
import { api } from '../api.ts';
import { Alert, Field } from './Field.tsx';
import type { PatientCaseData, PatientHomeData } from './types.ts';

export function Settings({ home, reload, signOut }: { home: PatientHomeData; reload: () => Promise<void>; signOut: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('settings.title')}</h1>
      {home.cases.map((c) => (
        <ReminderTime key={c.caseId} patientCase={c} named={home.cases.length > 1} reload={reload} />
      ))}
      <section className="my-card" aria-labelledby="sign-out-title">
        <h2 id="sign-out-title">{t('settings.signOutTitle')}</h2>
        <p>{t('settings.signOutHelp')}</p>
        <button type="button" className="my-primary" onClick={signOut}>
          {t('settings.signOut')}
        </button>
      </section>
    </>
  );
}

function ReminderTime({ patientCase: c, named, reload }: { patientCase: PatientCaseData; named: boolean; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const id = useId();
  const [time, setTime] = useState(c.reminderTime);
  const [checked, setChecked] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const timeValid = CLOCK_TIME.test(time);
  useEffect(() => setTime(c.reminderTime), [c.reminderTime]);

  const save = async (reminderTime: string | null) => {
    setBusy(true);
    setSaved(false);
    setError(null);
    try {
      await api.put('/api/my/reminder-time', { caseId: c.caseId, reminderTime }, null);
      await reload();
      setSaved(true);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const own = (e: FormEvent) => {
    e.preventDefault();
    setChecked(true);
    if (timeValid) void save(time);
  };

  return (
    <section className="my-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('settings.reminder')}</h2>
      {named && <p className="my-tag">{c.displayName}</p>}
      <p>{t('settings.reminderHelp')}</p>
      {c.remindersPaused && <p className="my-notice">{t('settings.paused')}</p>}
      <form onSubmit={own} noValidate>
        <Field
          label={t('settings.time')}
          type="time"
          value={time}
          onChange={(e) => setTime(e.target.value)}
          error={checked && !timeValid ? t('settings.timeInvalid') : null}
          className="my-number"
        />
        <Alert error={error} />
        <div className="my-actions">
          <button type="submit" className="my-primary" disabled={busy}>
            {t('settings.saveOwn')}
          </button>
          <button
            type="button"
            className="my-secondary"
            disabled={busy}
            onClick={() => {
              void save(null);
            }}
          >
            {t('settings.useCentre')}
          </button>
        </div>
      </form>
      <div role="status">{saved && <p>{t('settings.saved', { time: c.reminderTime })}</p>}</div>
    </section>
  );
}
