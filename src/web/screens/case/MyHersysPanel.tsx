// My HER-SYS on the 健康観察 tab (issue 11): whether the patient was invited to report themselves,
// by which channel, the last day asked (the isolation period is the server's: dated rules), the
// reminders and the sign-in lock; inviting or resending, pausing reminders, and the household.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { CasePatientAccess, type PATIENT_CHANNELS } from '../../../domain/api/my.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import { MyHersysHousehold } from './MyHersysHousehold.tsx';
import { Done, ErrorBox, formatDate, text, useAction, useLoad, type CaseTabProps } from './shared.tsx';

export type PatientAccessView = z.infer<typeof CasePatientAccess>;
type Channel = (typeof PATIENT_CHANNELS)[number];

export function MyHersysPanel({ detail, me, get }: Pick<CaseTabProps, 'detail' | 'me' | 'get'>) {
  const { t } = useTranslation();
  const loaded = useLoad(() => get(`/api/cases/${detail.id}/patient-access`, CasePatientAccess), [detail.id, get]);
  // Every change answers with the state after it: shown without reading again.
  const [changed, setChanged] = useState<PatientAccessView | null>(null);
  const access = changed ?? loaded.data;
  const roles = me.user.roles;
  return (
    <section aria-labelledby="my-hersys-heading" className="panel">
      <h3 id="my-hersys-heading">{t('case.my.title')}</h3>
      <ErrorBox error={loaded.error} />
      {access && (
        <>
          <AccessState access={access} />
          {can(roles, 'patients.invite') && <Invitation caseId={detail.id} access={access} onChange={setChanged} />}
          {access.invited && can(roles, 'patients.manage') && <Reminders caseId={detail.id} paused={access.remindersPaused} onChange={setChanged} />}
          <MyHersysHousehold caseId={detail.id} access={access} mayManage={can(roles, 'patients.manage')} get={get} onChange={setChanged} />
        </>
      )}
    </section>
  );
}

/** What the server holds for the case, as a list of terms. */
function AccessState({ access }: { access: PatientAccessView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const iso = access.isolation;
  const rows: [string, string][] = [
    [t('case.my.state'), access.invited && access.channel ? t('case.my.invitedVia', { channel: t(`case.my.channel.${access.channel}`), at: dateTime(access.invitedAt, lang) }) : t('case.my.notInvited')],
    [
      t('case.my.isolation'),
      iso
        ? t('case.my.isolationSpan', {
            from: formatDate(iso.startsOn, lang),
            to: formatDate(iso.lastDay, lang),
            basis: t(`case.my.basis.${iso.basis}`),
            kind: t(iso.legal ? 'case.my.legal' : 'case.my.recommended'),
          })
        : t('case.my.noIsolation'),
    ],
  ];
  if (access.invited) {
    rows.push(
      [t('case.my.observeUntil'), formatDate(access.observeUntil, lang)],
      [t('case.my.reminders'), access.remindersPaused ? t('case.my.remindersPaused') : t('case.my.remindersOn', { time: access.reminderTime ?? t('case.my.centreTime') })],
      [t('case.my.lastReminded'), formatDate(access.lastRemindedOn, lang)],
      [t('case.my.locked'), t(access.locked ? 'case.my.lockedYes' : 'case.my.lockedNo')],
    );
  }
  return (
    <dl className="facts">
      {rows.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * Invite (or resend) by SMS or e-mail, with an optional last day; a channel the person cannot be
 * reached by is disabled and says why. The button pressed names the channel.
 */
function Invitation({ caseId, access, onChange }: { caseId: string; access: PatientAccessView; onChange: (a: PatientAccessView) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const channel = useRef<Channel>('sms');
  const reasons: Record<Channel, string | null> = { sms: access.canSms ? null : t('case.my.noMobile'), email: access.canEmail ? null : t('case.my.noEmail') };
  const button = (c: Channel, label: string) => (
    <button type="submit" disabled={action.busy || !!reasons[c]} aria-describedby={reasons[c] ? `my-invite-${c}-reason` : undefined} onClick={() => (channel.current = c)}>
      {label}
    </button>
  );
  return (
    <form
      className="my-invitation"
      aria-labelledby="my-invite-heading"
      onSubmit={action.run(async (f) => {
        const sent = await api.post(`/api/cases/${caseId}/patient-invitation`, { channel: channel.current, observeUntil: text(f, 'observeUntil') }, CasePatientAccess);
        onChange(sent);
        return t('case.my.invited', { channel: t(`case.my.channel.${channel.current}`) });
      })}
    >
      <h4 id="my-invite-heading">{access.invited ? t('case.my.resend') : t('case.my.invite')}</h4>
      <p className="help">{t('case.my.inviteHelp')}</p>
      <div className="row">
        <Field label={t('case.my.observeUntilField')} name="observeUntil" type="date" error={fieldError(action.error, 'observeUntil')} />
      </div>
      <div className="row">
        {button('sms', t('case.my.bySms'))}
        {button('email', t('case.my.byEmail'))}
      </div>
      {(['sms', 'email'] as const).map(
        (c) =>
          reasons[c] && (
            <p key={c} id={`my-invite-${c}-reason`} className="help">
              {reasons[c]}
            </p>
          ),
      )}
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

/** Pausing the daily reminders (the patient is in hospital, or asked), and resuming them. */
function Reminders({ caseId, paused, onChange }: { caseId: string; paused: boolean; onChange: (a: PatientAccessView) => void }) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <form
      className="inline"
      onSubmit={action.run(async () => {
        onChange(await api.post(`/api/cases/${caseId}/patient-access/reminders`, { paused: !paused }, CasePatientAccess));
        return t(paused ? 'case.my.resumed' : 'case.my.paused');
      })}
    >
      <button type="submit" disabled={action.busy}>
        {t(paused ? 'case.my.resume' : 'case.my.pause')}
      </button>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}
