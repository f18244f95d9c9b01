// /cases/:id/notifications/new — a new 発生届 for a case: the first one straight after
// registration, or 追加登録 (Q&A 7) after one was submitted. The draft starts from what the case
// already says — a positive test makes a patient, diagnosed on the day the result came, the
// specimen date from the test — and, for the case's first notification, is created at once so the
// doctor lands in the form. A health centre keying in a fax or paper form names the institution
// and the doctor (carried over from registration).
// /cases/:id/notifications/current — the notification to work on now (the draft, else the latest).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate, useParams } from 'react-router';
import { CaseDetail } from '../../../domain/api/cases.ts';
import { Notification } from '../../../domain/api/notifications.ts';
import type { FormDefinition } from '../../../domain/forms/definition.ts';
import { MESSAGES } from '../../../domain/messages.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS, suggestedDiagnosis, type Classification } from '../../../domain/notification.ts';
import { api, ApiError } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { classificationsOf } from '../../components/NotificationForm.tsx';
import { FieldContext, RadioField, TextField } from '../../components/NotificationFields.tsx';
import { Loading } from '../../components/Loading.tsx';
import { localized } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { serverMessages, type CaseView } from './checks.ts';
import { ageAt, diseaseName, formInForce, today } from './forms.ts';
import { ProxyFields, useInstitutions, type Proxy } from './ProxyFields.tsx';

/** What registration hands over to the new notification. */
export interface NewNotificationState {
  proxy?: Proxy;
}

interface Start {
  classification: Classification | '';
  diagnosedOn: string;
}

/** The defaults a case's tests give: the latest positive test makes a patient, else nothing decided (suggestedDiagnosis). */
export function startFrom(kase: CaseView): Start & { specimenCollectedOn: string | null } {
  const { test, diagnosedOn, positive } = suggestedDiagnosis(kase.tests, today());
  return { classification: positive ? 'patient' : '', diagnosedOn, specimenCollectedOn: test?.collectedOn ?? null };
}

/** Answers the case already gives: under the four-groups form, a person 65 or over is in the first group. */
function answersFrom(kase: CaseView, form: FormDefinition, diagnosedOn: string): Record<string, unknown> {
  if (!form.requiresOneOfFourGroups) return {};
  const group = form.items.find((i) => i.id === 'four_groups');
  const age = ageAt(kase.person.birthDate, diagnosedOn);
  if (!group?.items || age === undefined || age < 65) return {};
  return { four_groups: Object.fromEntries(group.items.map((i) => [i.id, i.id === 'aged_65_or_over'])) };
}

export function NewNotificationScreen() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const { me } = useSession();
  const centre = me!.organization.kind === 'health_center';
  const handed = (location.state as NewNotificationState | null)?.proxy;
  const institutions = useInstitutions(centre);
  const [kase, setKase] = useState<CaseView | null>(null);
  const [start, setStart] = useState<Start>({ classification: '', diagnosedOn: '' });
  const [proxy, setProxy] = useState<Proxy>(handed ?? { institutionId: '', source: 'fax', doctorName: '' });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const tried = useRef(false);

  const create = async (kase: CaseView, s: Start, p: Proxy) => {
    setBusy(true);
    setError(null);
    try {
      const form = formInForce(kase.disease, s.diagnosedOn);
      const defaults = startFrom(kase);
      const collected = form && form.core.specimenCollectedDate !== 'not_collected' ? defaults.specimenCollectedOn : null;
      const n = await api.post(
        `/api/cases/${kase.id}/notifications`,
        {
          classification: s.classification,
          diagnosedOn: s.diagnosedOn || null,
          ...(collected && collected <= (s.diagnosedOn || today()) ? { specimenCollectedOn: collected } : {}),
          ...(form ? { answers: answersFrom(kase, form, s.diagnosedOn || today()) } : {}),
          ...(centre ? { source: p.source, institutionId: p.institutionId, doctorName: p.doctorName.trim() || null } : {}),
        },
        Notification,
      );
      navigate(`/notifications/${n.id}`, { replace: true });
    } catch (e) {
      // A draft is already being written for the case: that one is the one to finish.
      const draftId = e instanceof ApiError && e.problem.code === 'case_has_draft' ? (e.problem.details?.notificationId as string | undefined) : undefined;
      if (draftId) navigate(`/notifications/${draftId}`, { replace: true });
      else setError(e);
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    let live = true;
    api.get(`/api/cases/${id}`, CaseDetail).then((k) => {
      if (!live) return;
      const draft = k.notifications.find((x) => x.status === 'draft' && !x.superseded);
      if (draft) return navigate(`/notifications/${draft.id}`, { replace: true });
      const s = startFrom(k);
      const p = handed ?? { institutionId: k.reportingOrgId ?? '', source: 'fax' as const, doctorName: '' };
      setKase(k);
      setStart(s);
      setProxy(p);
      // The case's first notification with everything decided: straight into the form.
      const first = k.notifications.length === 0;
      const ready = s.classification !== '' && !!formInForce(k.disease, s.diagnosedOn) && (!centre || (p.institutionId && p.doctorName.trim()));
      if (first && ready && !tried.current) {
        tried.current = true;
        void create(k, s, p);
      }
    }, setError);
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [id]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (kase) void create(kase, start, proxy);
  };

  const messages = serverMessages(error);
  const form = kase ? formInForce(kase.disease, start.diagnosedOn) : undefined;
  if (kase && start.diagnosedOn && !form) {
    messages.set('diagnosedOn', [{ severity: 'error', text: MESSAGES.no_form_in_force }]);
  }
  const adding = !!kase?.notifications.length;

  return (
    <>
      <h1>{adding ? t('ntf.newAdditional') : t('ntf.new')}</h1>
      {kase && (
        <p className="case-line">
          {t('ntf.caseNumber')} {kase.caseNumber}・{localized(diseaseName(kase.disease))}
        </p>
      )}
      {(!kase || (centre && !institutions)) && !error && <Loading />}
      {busy && <p role="status">{t('ntf.creating')}</p>}
      {kase && !busy && (!centre || institutions) && (
        <FieldContext.Provider value={{ messages }}>
          <form onSubmit={submit} noValidate className="start">
            {adding && <p className="help">{t('ntf.additionalHelp')}</p>}
            {centre && <ProxyFields value={proxy} onChange={setProxy} institutions={institutions} autoFocus />}
            <RadioField
              fieldKey="classification"
              legend={t('cases.classification')}
              requirement="legal"
              value={start.classification}
              options={(form ? classificationsOf(form, start.classification) : CLASSIFICATIONS).map((c) => ({ value: c, label: localized(CLASSIFICATION_LABELS[c]) }))}
              onValue={(v) => setStart((s) => ({ ...s, classification: v as Classification }))}
            />
            <TextField
              fieldKey="diagnosedOn"
              label={t('ntf.field.diagnosedOn')}
              type="date"
              className="date"
              max={today()}
              value={start.diagnosedOn}
              onValue={(v) => setStart((s) => ({ ...s, diagnosedOn: v }))}
            />
            <ErrorMessage error={error} />
            <button type="submit" disabled={busy || !start.classification}>
              {t('ntf.create')}
            </button>
          </form>
        </FieldContext.Provider>
      )}
      {!kase && <ErrorMessage error={error} />}
    </>
  );
}

/** /cases/:id/notifications/current: the draft being written, else the case's current notification, else a new one. */
export function CurrentNotificationScreen() {
  const { id } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get(`/api/cases/${id}`, CaseDetail).then((k) => {
      const current = k.notifications.find((x) => x.status === 'draft' && !x.superseded) ?? [...k.notifications].reverse().find((x) => !x.superseded);
      navigate(current ? `/notifications/${current.id}` : `/cases/${id}/notifications/new`, { replace: true });
    }, setError);
  }, [id, navigate]);
  return error ? (
    <>
      <h1>{t('ntf.title')}</h1>
      <ErrorMessage error={error} />
    </>
  ) : (
    <Loading />
  );
}
