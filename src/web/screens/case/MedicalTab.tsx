// 医療: admissions and discharges, and the clinical course (severity; 重症 = ICU, ventilator or ECMO,
// Q&A 15). A hospital records its own inpatients; a health centre any hospital's, with the same
// effect on the status. Which admission a user may discharge is shown from that rule; everything
// else the server decides and says.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { Admission, ADMISSION_OUTCOMES, AdmissionResult, ClinicalCourseEntry, HospitalCourse, STATUSES_AFTER_DISCHARGE } from '../../../domain/api/hospital.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { can } from '../../../domain/permissions.ts';
import { SEVERITY_LABELS, STATED_SEVERITIES } from '../../../domain/severity.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { Checkbox, Done, ErrorBox, formatDate, Group, orgName, SelectField, text, TextAreaField, useAction, useLoad, useOrgs, type CaseTabProps } from './shared.tsx';

type AdmissionView = z.infer<typeof Admission>;

export function MedicalTab({ detail, me, get }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const course = useLoad(() => get(`/api/cases/${detail.id}/hospital-course`, HospitalCourse), [detail.id, get]);
  const [discharging, setDischarging] = useState<string | null>(null);
  const hospital = me.organization.kind === 'medical_institution';
  const mayWrite = can(me.user.roles, 'hospital_course.write') && (hospital || me.organization.kind === 'health_center');
  // A hospital changes only its own admissions; a centre any (the server checks the same).
  const mayDischarge = (a: AdmissionView) => mayWrite && !a.dischargedOn && (!hospital || a.hospital.id === me.organization.id);
  const data = course.data;
  return (
    <>
      <h2>{t('case.tab.medical')}</h2>
      <ErrorBox error={course.error} />
      {data && (
        <>
          <p>
            {t('case.medical.currentSeverity')}: <strong>{data.currentSeverity ? localized(SEVERITY_LABELS[data.currentSeverity]) : t('case.medical.noSeverity')}</strong>
          </p>
          <h3>{t('case.medical.admissions')}</h3>
          {data.admissions.length ? (
            <table>
              <caption className="visually-hidden">{t('case.medical.admissions')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.medical.hospital')}</th>
                  <th scope="col">{t('case.medical.admittedOn')}</th>
                  <th scope="col">{t('case.medical.dischargedOn')}</th>
                  <th scope="col">{t('case.medical.outcome')}</th>
                  <th scope="col">{t('case.medical.ward')}</th>
                  <th scope="col">{t('case.medical.attendingDoctor')}</th>
                  <th scope="col">{t('case.note')}</th>
                  {mayWrite && <th scope="col">{t('case.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {data.admissions.map((a) => (
                  <tr key={a.id}>
                    <td>{a.hospital.nameJa}</td>
                    <td>{formatDate(a.admittedOn, lang)}</td>
                    <td>{a.dischargedOn ? formatDate(a.dischargedOn, lang) : t('case.medical.inHospital')}</td>
                    <td>{a.outcome ? t(`case.outcome.${a.outcome}`) : '—'}</td>
                    <td>{a.ward ?? '—'}</td>
                    <td>{a.attendingDoctor ?? '—'}</td>
                    <td>{a.note ?? '—'}</td>
                    {mayWrite && (
                      <td>
                        {mayDischarge(a) && (
                          <button type="button" className="secondary" aria-expanded={discharging === a.id} onClick={() => setDischarging(discharging === a.id ? null : a.id)}>
                            {t('case.medical.discharge')}
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('common.none')}</p>
          )}
          {discharging && data.admissions.some((a) => a.id === discharging) && (
            <Discharge
              key={discharging}
              admission={data.admissions.find((a) => a.id === discharging)!}
              lastOpen={!data.admissions.some((a) => a.id !== discharging && !a.dischargedOn)}
              onDone={async () => {
                setDischarging(null);
                await course.reload();
              }}
            />
          )}
          {mayWrite && <Admit caseId={detail.id} byHospital={hospital} onAdmitted={course.reload} />}
          <h3>{t('case.medical.course')}</h3>
          {data.clinicalCourse.length ? (
            <table>
              <caption className="visually-hidden">{t('case.medical.course')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('case.medical.observedOn')}</th>
                  <th scope="col">{t('case.medical.severity')}</th>
                  <th scope="col">{t('case.medical.interventions')}</th>
                  <th scope="col">{t('case.note')}</th>
                  <th scope="col">{t('case.by')}</th>
                </tr>
              </thead>
              <tbody>
                {data.clinicalCourse.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDate(c.observedOn, lang)}</td>
                    <td>{localized(SEVERITY_LABELS[c.severity])}</td>
                    <td>
                      {(['oxygen', 'icu', 'ventilator', 'ecmo'] as const)
                        .filter((k) => c[k])
                        .map((k) => t(`case.medical.${k}`))
                        .join('、') || '—'}
                    </td>
                    <td>{c.note ?? '—'}</td>
                    <td>
                      {c.changedByName} / {c.changedByOrgName}（{dateTime(c.changedAt, lang)}）
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('common.none')}</p>
          )}
          {mayWrite && <RecordCourse caseId={detail.id} admissions={data.admissions.filter((a) => !hospital || a.hospital.id === me.organization.id)} onRecorded={course.reload} />}
        </>
      )}
    </>
  );
}

function Discharge({ admission, lastOpen, onDone }: { admission: AdmissionView; lastOpen: boolean; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const [outcome, setOutcome] = useState<string>('recovered');
  const today = japanToday(new Date());
  // Whoever keys it in says where a recovered patient goes when this stay was the last one: a case
  // still 入院中 moves there (the server asks for it at the field when it does).
  const askStatus = lastOpen && (outcome === 'recovered' || outcome === 'other');
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        await api.patch(
          `/api/admissions/${admission.id}`,
          { version: admission.version, dischargedOn: text(f, 'dischargedOn'), outcome, statusAfter: askStatus ? text(f, 'statusAfter') : undefined },
          AdmissionResult,
        );
        await onDone();
      })}
    >
      <h4>{t('case.medical.dischargeFrom', { hospital: admission.hospital.nameJa })}</h4>
      <div className="row">
        <Field label={t('case.medical.dischargedOn')} name="dischargedOn" type="date" required autoFocus defaultValue={today} max={today} error={fieldError(action.error, 'dischargedOn')} />
        <SelectField
          label={t('case.medical.outcome')}
          name="outcome"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          options={ADMISSION_OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome.${o}`) }))}
          error={fieldError(action.error, 'outcome')}
        />
        {askStatus && (
          <SelectField
            label={t('case.medical.statusAfter')}
            name="statusAfter"
            help={t('case.medical.statusAfterHelp')}
            empty={t('case.choose')}
            options={STATUSES_AFTER_DISCHARGE.map((s) => ({ value: s, label: t(`status.${s}`) }))}
            error={fieldError(action.error, 'statusAfter')}
          />
        )}
      </div>
      <button type="submit" disabled={action.busy}>
        {t('case.medical.saveDischarge')}
      </button>
      <ErrorBox error={action.error} />
    </form>
  );
}

function Admit({ caseId, byHospital, onAdmitted }: { caseId: string; byHospital: boolean; onAdmitted: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const hospitals = useOrgs('medical_institution');
  const action = useAction();
  const today = japanToday(new Date());
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        await api.post(
          `/api/cases/${caseId}/admissions`,
          {
            hospitalId: byHospital ? undefined : text(f, 'hospitalId'),
            admittedOn: text(f, 'admittedOn'),
            ward: text(f, 'ward'),
            attendingDoctor: text(f, 'attendingDoctor'),
            note: text(f, 'note'),
            dischargedOn: text(f, 'dischargedOn'),
            outcome: text(f, 'outcome'),
          },
          AdmissionResult,
        );
        await onAdmitted();
        return t('case.saved');
      })}
    >
      <h4>{t('case.medical.admit')}</h4>
      <div className="row">
        {!byHospital && (
          <SelectField
            label={t('case.medical.hospital')}
            name="hospitalId"
            required
            empty={t('case.choose')}
            options={hospitals.map((h) => ({ value: h.id, label: orgName(h, i18n.language) }))}
            error={fieldError(action.error, 'hospitalId')}
          />
        )}
        <Field label={t('case.medical.admittedOn')} name="admittedOn" type="date" required defaultValue={today} max={today} error={fieldError(action.error, 'admittedOn')} />
        <Field label={t('case.medical.ward')} name="ward" maxLength={100} error={fieldError(action.error, 'ward')} />
        <Field label={t('case.medical.attendingDoctor')} name="attendingDoctor" maxLength={100} error={fieldError(action.error, 'attendingDoctor')} />
      </div>
      {/* A stay that has already ended, keyed in afterwards: it leaves the current status as it is. */}
      <div className="row">
        <Field label={t('case.medical.pastDischargedOn')} name="dischargedOn" type="date" max={today} help={t('case.medical.pastStayHelp')} error={fieldError(action.error, 'dischargedOn')} />
        <SelectField
          label={t('case.medical.pastOutcome')}
          name="outcome"
          empty={t('case.choose')}
          options={ADMISSION_OUTCOMES.map((o) => ({ value: o, label: t(`case.outcome.${o}`) }))}
          error={fieldError(action.error, 'outcome')}
        />
      </div>
      <TextAreaField label={t('case.note')} name="note" maxLength={2000} error={fieldError(action.error, 'note')} />
      <button type="submit" disabled={action.busy}>
        {t('case.medical.saveAdmission')}
      </button>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}

function RecordCourse({ caseId, admissions, onRecorded }: { caseId: string; admissions: AdmissionView[]; onRecorded: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const action = useAction();
  const today = japanToday(new Date());
  const open = admissions.find((a) => !a.dischargedOn);
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        await api.post(
          `/api/cases/${caseId}/clinical-course`,
          {
            observedOn: text(f, 'observedOn'),
            severity: text(f, 'severity'),
            oxygen: f.has('oxygen'),
            icu: f.has('icu'),
            ventilator: f.has('ventilator'),
            ecmo: f.has('ecmo'),
            note: text(f, 'note'),
            admissionId: text(f, 'admissionId'),
          },
          ClinicalCourseEntry,
        );
        await onRecorded();
        return t('case.saved');
      })}
    >
      <h4>{t('case.medical.recordCourse')}</h4>
      <div className="row">
        <Field label={t('case.medical.observedOn')} name="observedOn" type="date" required defaultValue={today} max={today} error={fieldError(action.error, 'observedOn')} />
        <SelectField
          label={t('case.medical.severity')}
          name="severity"
          help={t('case.medical.severityHelp')}
          options={STATED_SEVERITIES.map((s) => ({ value: s, label: localized(SEVERITY_LABELS[s]) }))}
          error={fieldError(action.error, 'severity')}
        />
        {admissions.length > 0 && (
          <SelectField
            label={t('case.medical.admission')}
            name="admissionId"
            defaultValue={open?.id ?? ''}
            empty={t('case.medical.noAdmission')}
            options={admissions.map((a) => ({ value: a.id, label: `${a.hospital.nameJa} ${formatDate(a.admittedOn, i18n.language)}` }))}
            error={fieldError(action.error, 'admissionId')}
          />
        )}
      </div>
      <Group legend={t('case.medical.interventions')} className="checks">
        {(['oxygen', 'icu', 'ventilator', 'ecmo'] as const).map((k) => (
          <Checkbox key={k} label={t(`case.medical.${k}`)} name={k} value="1" />
        ))}
      </Group>
      <TextAreaField label={t('case.note')} name="note" maxLength={2000} error={fieldError(action.error, 'note')} />
      <button type="submit" disabled={action.busy}>
        {t('case.medical.saveCourse')}
      </button>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}
