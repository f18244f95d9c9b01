// 健康観察: the red-flag alerts of the case (acknowledged by the health centre), a staff entry with
// the symptom checklist (a red flag raises an alert at once and says so here), and the entries.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Alert, Alerts, Observations, RecordedObservation, STAFF_METHODS, SymptomChecklist } from '../../../domain/api/observations.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { MyHersysPanel } from './MyHersysPanel.tsx';
import { ErrorBox, Checkbox, Done, formatDate, Group, num, SelectField, text, TextAreaField, useAction, useLoad, type CaseTabProps } from './shared.tsx';

/** How staff of each kind of organisation usually take the reading: the first choice offered. */
const DEFAULT_METHOD: Record<string, (typeof STAFF_METHODS)[number]> = {
  accommodation_facility: 'facility_round',
  medical_institution: 'ward',
};

export function ObservationsTab({ detail, me, get }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const observations = useLoad(() => get(`/api/cases/${detail.id}/observations`, Observations), [detail.id, get]);
  const alerts = useLoad(() => get(`/api/cases/${detail.id}/alerts`, Alerts), [detail.id, get]);
  const symptoms = useLoad(() => api.get('/api/observations/symptoms', SymptomChecklist), []);
  const symptomLabel = (code: string) => {
    const s = symptoms.data?.symptoms.find((x) => x.code === code);
    return s ? localized(s.label) : code;
  };
  const roles = me.user.roles;
  return (
    <>
      <h2>{t('case.tab.observations')}</h2>
      {(can(me.user.roles, 'patients.invite') || can(me.user.roles, 'patients.manage')) && <MyHersysPanel detail={detail} me={me} get={get} />}
      <section aria-labelledby="alerts-heading">
        <h3 id="alerts-heading">{t('case.observations.alerts')}</h3>
        <ErrorBox error={alerts.error} />
        {alerts.data && <AlertTable alerts={alerts.data.alerts} mayAcknowledge={can(roles, 'alerts.acknowledge')} onChange={alerts.reload} lang={lang} />}
      </section>
      {can(roles, 'observations.record') && symptoms.data && (
        <RecordObservation
          caseId={detail.id}
          method={DEFAULT_METHOD[me.organization.kind] ?? 'phone'}
          checklist={symptoms.data.symptoms}
          onRecorded={async () => {
            await Promise.all([observations.reload(), alerts.reload()]);
          }}
        />
      )}
      <ErrorBox error={symptoms.error} />
      <section aria-labelledby="observations-heading">
        <h3 id="observations-heading">{t('case.observations.entries')}</h3>
        <ErrorBox error={observations.error} />
        {observations.data &&
          (observations.data.observations.length ? (
            <table>
              <caption className="visually-hidden">{t('case.observations.entries')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.observations.observedOn')}</th>
                  <th scope="col">{t('case.observations.temperature')}</th>
                  <th scope="col">SpO2</th>
                  <th scope="col">{t('case.observations.pulse')}</th>
                  <th scope="col">{t('case.observations.symptoms')}</th>
                  <th scope="col">{t('case.observations.feeling')}</th>
                  <th scope="col">{t('case.note')}</th>
                  <th scope="col">{t('case.observations.method')}</th>
                  <th scope="col">{t('case.by')}</th>
                </tr>
              </thead>
              <tbody>
                {observations.data.observations.map((o) => (
                  <tr key={o.id}>
                    <td>{formatDate(o.observedOn, lang)}</td>
                    <td>{o.temperature !== null ? `${o.temperature.toFixed(1)} ℃` : '—'}</td>
                    <td>{o.spo2 !== null ? `${o.spo2} %` : '—'}</td>
                    <td>{o.pulse ?? '—'}</td>
                    <td>{o.symptoms.length ? o.symptoms.map(symptomLabel).join('、') : '—'}</td>
                    <td>{o.feeling ? t(`feeling.${o.feeling}`) : '—'}</td>
                    <td>{o.note ?? '—'}</td>
                    <td>{t(`case.method.${o.method}`)}</td>
                    <td>{o.source === 'self' ? t('case.observations.self') : [o.recordedByName, o.recordedByOrgName].filter(Boolean).join(' / ')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('common.none')}</p>
          ))}
      </section>
    </>
  );
}

function AlertTable({ alerts, mayAcknowledge, onChange, lang }: { alerts: z.infer<typeof Alert>[]; mayAcknowledge: boolean; onChange: () => Promise<void>; lang: string }) {
  const { t } = useTranslation();
  const ack = useAction();
  if (!alerts.length) return <p>{t('common.none')}</p>;
  return (
    <>
      <table>
        <caption className="visually-hidden">{t('case.observations.alerts')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('cases.rule')}</th>
            <th scope="col">{t('case.observations.observedOn')}</th>
            <th scope="col">{t('case.observations.raisedAt')}</th>
            <th scope="col">{t('case.observations.acknowledged')}</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map((a) => (
            <tr key={a.id} className={a.acknowledgedAt ? undefined : 'open-alert'}>
              <td>{localized(a.message)}</td>
              <td>{formatDate(a.observedOn, lang)}</td>
              <td>{dateTime(a.raisedAt, lang)}</td>
              <td>
                {a.acknowledgedAt ? (
                  <>
                    {dateTime(a.acknowledgedAt, lang)} {a.acknowledgedByName}
                    {a.acknowledgementNote && <div>{a.acknowledgementNote}</div>}
                  </>
                ) : mayAcknowledge ? (
                  <form
                    className="inline"
                    onSubmit={ack.run(async (f) => {
                      await api.post(`/api/alerts/${a.id}/acknowledge`, { note: text(f, 'note') }, Alert);
                      await onChange();
                      return t('case.observations.acknowledgedDone');
                    })}
                  >
                    <Field label={t('case.observations.ackNote')} name="note" maxLength={2000} />
                    <button type="submit" disabled={ack.busy}>
                      {t('case.observations.acknowledge')}
                    </button>
                  </form>
                ) : (
                  t('case.observations.open')
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorBox error={ack.error} />
      <Done message={ack.done} />
    </>
  );
}

function RecordObservation({
  caseId,
  method,
  checklist,
  onRecorded,
}: {
  caseId: string;
  method: string;
  checklist: z.infer<typeof SymptomChecklist>['symptoms'];
  onRecorded: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const action = useAction();
  const [raised, setRaised] = useState<string[]>([]);
  const today = japanToday(new Date());
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        setRaised([]);
        const saved = await api.post(
          `/api/cases/${caseId}/observations`,
          {
            observedOn: text(f, 'observedOn'),
            method: text(f, 'method'),
            temperature: num(f, 'temperature'),
            spo2: num(f, 'spo2'),
            pulse: num(f, 'pulse'),
            symptoms: f.getAll('symptoms').map(String),
            note: text(f, 'note'),
          },
          RecordedObservation,
        );
        setRaised(saved.alerts.map((a) => localized(a.message)));
        await onRecorded();
        return t('case.saved');
      })}
    >
      <h3>{t('case.observations.record')}</h3>
      <div className="row">
        <Field label={t('case.observations.observedOn')} name="observedOn" type="date" required defaultValue={today} max={today} error={fieldError(action.error, 'observedOn')} />
        <SelectField
          label={t('case.observations.method')}
          name="method"
          defaultValue={method}
          options={STAFF_METHODS.map((m) => ({ value: m, label: t(`case.method.${m}`) }))}
          error={fieldError(action.error, 'method')}
        />
        <Field
          label={t('case.observations.temperatureC')}
          name="temperature"
          inputMode="decimal"
          autoComplete="off"
          error={fieldError(action.error, 'temperature')}
        />
        <Field label={t('case.observations.spo2')} name="spo2" inputMode="numeric" autoComplete="off" error={fieldError(action.error, 'spo2')} />
        <Field label={t('case.observations.pulseBpm')} name="pulse" inputMode="numeric" autoComplete="off" error={fieldError(action.error, 'pulse')} />
      </div>
      <Group legend={t('case.observations.symptoms')} className="checks">
        {checklist.map((s) => (
          <Checkbox key={s.code} label={localized(s.label)} name="symptoms" value={s.code} />
        ))}
      </Group>
      <TextAreaField label={t('case.note')} name="note" maxLength={2000} error={fieldError(action.error, 'note')} />
      <button type="submit" disabled={action.busy}>
        {t('case.observations.save')}
      </button>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
      {raised.length > 0 && (
        <div className="error-box" role="alert">
          <p>{t('case.observations.raised')}</p>
          <ul>
            {raised.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
