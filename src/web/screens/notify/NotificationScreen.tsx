// /notifications/:id — one 発生届: the draft saved as it is typed, the checks at each field as the
// user types, 「報告」 (the doctor, or a centre for a fax or paper one), 保健所確認済 and 取下げ (the
// centre), 訂正 and reclassification with a reason, 追加登録, and the history of corrections.
// Which buttons appear follows the permissions (src/domain/permissions.ts); the server decides.
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { AddedTests, CaseDetail, LabTest, LabTestInput } from '../../../domain/api/cases.ts';
import { ConfirmedNotification, Notification, NotificationHistory } from '../../../domain/api/notifications.ts';
import { validateAnswers } from '../../../domain/forms/answers.ts';
import type { FormDefinition, FormItem } from '../../../domain/forms/definition.ts';
import { TEST_RESULT_LABELS, type DiagnosisMethod, type TestResult } from '../../../domain/lab-tests.ts';
import { MESSAGES } from '../../../domain/messages.ts';
import { CLASSIFICATION_LABELS } from '../../../domain/notification.ts';
import { can } from '../../../domain/permissions.ts';
import { api, ApiError } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { ErrorMessage } from '../../components/Form.tsx';
import { FieldContext, TextAreaField } from '../../components/NotificationFields.tsx';
import { NotificationForm } from '../../components/NotificationForm.tsx';
import { CaseTests, newTestRow, TestRowEditor, testInput, type TestRow } from '../../components/NotificationTests.tsx';
import { Loading } from '../../components/Loading.tsx';
import { localized } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { caseFromNotification } from '../case/open-state.ts';
import { adaptToForm } from './adapt.ts';
import {
  checkLocally,
  DRAFT_KEYS,
  fieldId,
  mergeMessages,
  sameValue,
  serverMessages,
  valuesOf,
  type CaseView,
  type DraftValues,
  type Messages,
  type NotificationView,
} from './checks.ts';
import { formatDate, formInForce, formVersion, today } from './forms.ts';
import { issueMessages } from './issues.ts';
import { useDraft, type SaveState } from './useDraft.ts';

export function NotificationScreen() {
  const { id } = useParams();
  const { t } = useTranslation();
  const [loaded, setLoaded] = useState<{ n: NotificationView; kase: CaseView } | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let live = true;
    setLoaded(null);
    setError(null);
    (async () => {
      const n = await api.get(`/api/notifications/${id}`, Notification);
      const kase = await api.get(`/api/cases/${n.caseId}`, CaseDetail);
      if (live) setLoaded({ n, kase });
    })().catch((e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id]);

  if (error) {
    return (
      <>
        <h1>{t('ntf.title')}</h1>
        <ErrorMessage error={error} />
      </>
    );
  }
  if (!loaded) return <Loading />;
  return <Editor key={loaded.n.id} initial={loaded.n} initialCase={loaded.kase} />;
}

function Editor({ initial, initialCase }: { initial: NotificationView; initialCase: CaseView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { me } = useSession();
  const roles = me!.user.roles;
  const org = me!.organization;
  const [kase, setKase] = useState(initialCase);

  // Who may do what here (the server checks again, and has the last word).
  const centre = org.kind === 'health_center' && roles.includes('hc_staff');
  const ownDirect = (n: NotificationView) => org.kind === 'medical_institution' && org.id === n.institutionId && n.source === 'direct';
  const isWriter = (n: NotificationView) => (ownDirect(n) && can(roles, 'notifications.draft')) || (centre && n.source !== 'direct');
  const editableDraft = (n: NotificationView) => n.status === 'draft' && !n.supersededAt && isWriter(n);

  const storedForm = formVersion(initial.formId, initial.formVersion);
  const draft = useDraft(initial, {
    editable: editableDraft(initial),
    prepare: (changed) => {
      const out: Partial<DraftValues> = { ...changed };
      const current = { ...draft.values, ...changed };
      const form = formInForce(draft.server.formId, current.diagnosedOn);
      if ('diagnosedOn' in out) {
        if (!form) delete out.diagnosedOn;
        else if (form.version !== draft.server.formVersion) Object.assign(out, adaptToForm(current, form));
      }
      if ('answers' in out && form && validateAnswers(form, out.answers, 'law').errors.length) delete out.answers;
      return out;
    },
  });
  const n = draft.server;
  const editable = editableDraft(n);
  const current = !n.supersededAt;

  const [correcting, setCorrecting] = useState<DraftValues | null>(null);
  const [reason, setReason] = useState('');
  const [acks, setAcks] = useState<Set<string>>(() => new Set(initial.acknowledgedWarnings));
  const [attempted, setAttempted] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<ReactNode>(null);
  const [busy, setBusy] = useState(false);
  const [withdrawing, setWithdrawing] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  const values = correcting ?? draft.values;
  const inForce = formInForce(n.formId, values.diagnosedOn);
  const form: FormDefinition = (editable || correcting ? inForce : undefined) ?? storedForm ?? inForce!;
  const reportOn = n.status === 'draft' ? today() : (n.submissions.find((s) => s.classification === values.classification)?.submittedOn ?? today());

  const check = useMemo(
    () =>
      checkLocally({
        values,
        form,
        kase,
        reporter: { address: n.institutionAddress, phone: n.institutionPhone },
        today: today(),
        reportOn,
        showMissing: attempted,
      }),
    [values, form, kase, n.institutionAddress, n.institutionPhone, reportOn, attempted],
  );
  const extra: Messages = new Map();
  if ((editable || correcting) && values.diagnosedOn && !inForce) extra.set('diagnosedOn', [{ severity: 'error', text: MESSAGES.no_form_in_force }]);
  const messages = mergeMessages(check.messages, extra, serverMessages(draft.error, form), serverMessages(actionError, form));
  const openWarnings = check.warnings.filter((w) => !acks.has(w.ruleId));
  const blocking = check.blocking + extra.size + openWarnings.length;

  const announce = (node: ReactNode) => {
    setNotice(node);
    requestAnimationFrame(() => noticeRef.current?.focus());
  };
  /**
   * Moves the focus to the summary of what blocks the action — unless the user has already moved it
   * meanwhile (e.g. followed one of the summary's links while the draft was being saved).
   */
  const focusSummary = (from: Element | null) =>
    requestAnimationFrame(() => {
      if (document.activeElement === from || document.activeElement === document.body) summaryRef.current?.focus();
    });
  const run = async (work: () => Promise<void>) => {
    const from = document.activeElement;
    setBusy(true);
    setActionError(null);
    setNotice(null);
    try {
      await work();
    } catch (e) {
      setActionError(e);
      focusSummary(from);
    } finally {
      setBusy(false);
    }
  };

  const submit = () => {
    const from = document.activeElement;
    void run(async () => {
      setAttempted(true);
      const saved = await draft.save();
      if (!saved || blocking > 0) {
        focusSummary(from);
        return;
      }
      const done = await api.post(`/api/notifications/${n.id}/submit`, { version: draft.version(), acknowledgedWarnings: [...acks] }, Notification);
      draft.accept(done);
      setAttempted(false);
      const on = done.submissions.find((s) => s.classification === done.classification)?.submittedOn ?? today();
      announce(t('ntf.submitted', { date: formatDate(on, lang) }));
    });
  };

  const confirm = () =>
    run(async () => {
      const r = await api.post(`/api/notifications/${n.id}/confirm`, { version: draft.version() }, ConfirmedNotification);
      draft.accept(r.notification);
      announce(
        <>
          {t('ntf.confirmedNotice')}
          {r.warnings.map((w) => (
            <span key={w.code} className="warning-line">
              {' '}
              {localized(w.message)}
            </span>
          ))}
        </>,
      );
    });

  const withdraw = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const r = await api.post(`/api/notifications/${n.id}/withdraw`, { version: draft.version(), reason }, Notification);
      draft.accept(r);
      setWithdrawing(false);
      setReason('');
      setHistoryKey((k) => k + 1);
      announce(t('ntf.withdrawnNotice'));
    });
  };

  const saveCorrection = () => {
    if (!correcting) return;
    void run(async () => {
      setAttempted(true);
      const before = valuesOf(n);
      const changed = DRAFT_KEYS.filter((k) => !sameValue(correcting[k], before[k]));
      const body: Record<string, unknown> = Object.fromEntries(changed.map((k) => [k, correcting[k]]));
      // Reclassification names its new diagnosis date (Q&A 3): always sent with it.
      if (changed.includes('classification')) body.diagnosedOn = correcting.diagnosedOn;
      if (inForce && inForce.version !== n.formVersion) Object.assign(body, adaptToForm(correcting, inForce));
      if (!changed.length) throw new ApiError(400, { statusCode: 400, code: 'nothing_changed', message: MESSAGES.nothing_changed });
      const r = await api.post(`/api/notifications/${n.id}/corrections`, { version: draft.version(), reason, acknowledgedWarnings: [...acks], ...body }, Notification);
      draft.accept(r);
      setCorrecting(null);
      setReason('');
      setAttempted(false);
      setHistoryKey((k) => k + 1);
      announce(r.classification !== before.classification ? t('ntf.reclassifiedNotice', { classification: localized(CLASSIFICATION_LABELS[r.classification]) }) : t('ntf.correctedNotice'));
    });
  };

  // Tests: results corrected at once; new ones added (the case's 検査, shared by its notifications).
  const testsEditable = can(roles, 'cases.register') && (editable || !!correcting);
  const updateTest = (test: CaseView['tests'][number], change: { result?: TestResult; resultOn?: string | null }) =>
    void run(async () => {
      const updated = await api.patch(`/api/tests/${test.id}`, { version: test.version, ...change }, LabTest);
      setKase((k) => ({ ...k, tests: k.tests.map((x) => (x.id === updated.id ? updated : x)) }));
    });

  const canSubmit = editable && (ownDirect(n) ? roles.includes('doctor') : centre);
  const canConfirm = centre && n.status === 'submitted' && !n.confirmed && current;
  const canWithdraw = centre && n.status === 'submitted' && current;
  const canCorrect =
    n.status === 'submitted' && current && ((ownDirect(n) && roles.includes('doctor')) || centre || (org.kind === 'prefecture' && roles.includes('prefecture_staff')));
  const caseDraft = kase.notifications.find((x) => x.status === 'draft' && !x.superseded && x.id !== n.id);
  const canAdd =
    n.status !== 'draft' && current && can(roles, 'notifications.draft') && (org.kind === 'medical_institution' ? org.id === n.institutionId : centre);
  const latest = [...kase.notifications].reverse().find((x) => !x.superseded);
  const onAck = (ruleId: string, on: boolean) =>
    setAcks((s) => {
      const next = new Set(s);
      if (on) next.add(ruleId);
      else next.delete(ruleId);
      return next;
    });
  const formEditable = editable || !!correcting;

  return (
    <FieldContext.Provider value={{ messages, acks, onAck: formEditable ? onAck : undefined }}>
      <h1>
        {t('ntf.title')} <span className="subtitle">{localized(form.disease)}</span>
      </h1>
      <p className="case-line">
        {t('ntf.caseNumber')} {kase.caseNumber} ・ <StatusBadge n={n} /> ・ {t('ntf.version', { version: n.formVersion })}
        {n.source !== 'direct' && <> ・ {t(`ntf.source.${n.source}`)}</>}
      </p>
      <div ref={noticeRef} tabIndex={-1} role="status" className={notice ? 'notice' : 'sr-only'}>
        {notice}
      </div>
      {n.supersededAt && (
        <p className="banner">
          {t('ntf.supersededBanner')} {latest && latest.id !== n.id && <Link to={`/notifications/${latest.id}`}>{t('ntf.openLatest')}</Link>}
        </p>
      )}
      {n.status === 'withdrawn' && (
        <p className="banner">
          {t('ntf.withdrawnBanner', { date: dateTime(n.withdrawnAt, lang) })} {n.withdrawnReason && <>（{t('ntf.reason')}：{n.withdrawnReason}）</>}
        </p>
      )}
      {editable && !canSubmit && <p className="banner">{t('ntf.clerkNote')}</p>}
      {n.status === 'draft' && !editable && !n.supersededAt && <p className="banner">{t('ntf.readOnlyDraft')}</p>}
      {correcting && <p className="banner">{t('ntf.correctingBanner')}</p>}

      {/* Enter in a field saves; 「報告」 and a correction are only ever a deliberate press of their button. */}
      <form
        className="notification"
        onSubmit={(e) => {
          e.preventDefault();
          if (editable) void draft.save();
        }}
        noValidate
        aria-label={t('ntf.title')}
      >
        <NotificationForm
          form={form}
          values={values}
          onChange={editable ? draft.change : correcting ? (patch) => setCorrecting((c) => (c ? { ...c, ...patch } : c)) : undefined}
          kase={kase}
          notification={n}
          doctorNameEditable={n.source !== 'direct' && formEditable}
          autoFocus={editable && n.version === 1}
          fixPerson={
            formEditable && (can(roles, 'cases.register') || can(roles, 'contacts.manage'))
              ? (field, label) => (
                  <Link className="fix-person" to={`/cases/${kase.id}?tab=basic&edit=${field}`} state={caseFromNotification(n.id)}>
                    {t('person.fix', { field: label })}
                  </Link>
                )
              : undefined
          }
          tests={
            <>
              <CaseTests tests={kase.tests} onResult={testsEditable ? updateTest : undefined} />
              {testsEditable && <AddTests caseId={kase.id} n={kase.tests.length + 1} methods={form.diagnosis.methods} onAdded={(tests) => setKase((k) => ({ ...k, tests: [...k.tests, ...tests] }))} />}
            </>
          }
        />

        {correcting && (
          <TextAreaField fieldKey="reason" label={t('ntf.correctionReason')} requirement="legal" rows={2} maxLength={500} value={reason} onValue={setReason} />
        )}

        <div className="action-bar">
          <Summary refEl={summaryRef} messages={messages} show={formEditable && attempted} blocking={blocking} error={actionError ?? draft.error} />
          {editable && <SaveIndicator state={draft.state} />}
          <div className="buttons">
            {canSubmit && (
              <button type="button" disabled={busy} onClick={submit}>
                {t('ntf.submit')}
              </button>
            )}
            {correcting && (
              <>
                <button type="button" disabled={busy} onClick={saveCorrection}>
                  {t('ntf.saveCorrection')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  onClick={() => {
                    setCorrecting(null);
                    setAttempted(false);
                    setActionError(null);
                  }}
                >
                  {t('ntf.cancel')}
                </button>
              </>
            )}
            {!correcting && canConfirm && (
              <button type="button" disabled={busy} onClick={() => void confirm()}>
                {t('ntf.confirm')}
              </button>
            )}
            {!correcting && canCorrect && (
              <button
                type="button"
                className="secondary"
                onClick={() => {
                  setCorrecting(valuesOf(n));
                  setActionError(null);
                  setNotice(null);
                }}
              >
                {t('ntf.correct')}
              </button>
            )}
            {!correcting && canWithdraw && !withdrawing && (
              <button type="button" className="secondary" onClick={() => setWithdrawing(true)}>
                {t('ntf.withdraw')}
              </button>
            )}
            {!correcting && canAdd &&
              (caseDraft ? (
                <Link className="button secondary" to={`/notifications/${caseDraft.id}`}>
                  {t('ntf.openDraft')}
                </Link>
              ) : (
                <Link className="button secondary" to={`/cases/${kase.id}/notifications/new`}>
                  {t('ntf.addNotification')}
                </Link>
              ))}
          </div>
        </div>
      </form>

      {withdrawing && (
        <form className="withdraw" onSubmit={withdraw}>
          <h2>{t('ntf.withdrawTitle')}</h2>
          <TextAreaField fieldKey="withdrawReason" label={t('ntf.withdrawReason')} requirement="legal" rows={2} maxLength={500} value={reason} onValue={setReason} autoFocus />
          <button type="submit" disabled={busy || !reason.trim()}>
            {t('ntf.withdrawConfirm')}
          </button>{' '}
          <button type="button" className="secondary" onClick={() => setWithdrawing(false)}>
            {t('ntf.cancel')}
          </button>
        </form>
      )}

      {n.submissions.length > 0 && (
        <section aria-labelledby="sec-submissions">
          <h2 id="sec-submissions">{t('ntf.submissions')}</h2>
          <ul>
            {n.submissions.map((s) => (
              <li key={s.classification}>
                {localized(CLASSIFICATION_LABELS[s.classification])}：{formatDate(s.submittedOn, lang)}（{dateTime(s.submittedAt, lang)}）
              </li>
            ))}
          </ul>
        </section>
      )}
      {n.status !== 'draft' && <History id={n.id} reload={historyKey} form={storedForm} />}
    </FieldContext.Provider>
  );
}

function StatusBadge({ n }: { n: NotificationView }) {
  const { t } = useTranslation();
  const label =
    n.status === 'draft'
      ? t('ntf.status.draft')
      : n.status === 'withdrawn'
        ? t('ntf.status.withdrawn')
        : n.confirmed
          ? t('ntf.status.confirmed')
          : t('ntf.status.submitted');
  return (
    <span className={`badge status-${n.status}${n.confirmed ? ' confirmed' : ''}`}>
      {label}
      {n.supersededAt ? `・${t('ntf.status.superseded')}` : ''}
    </span>
  );
}

function SaveIndicator({ state }: { state: SaveState }) {
  const { t } = useTranslation();
  return <p className={`save-state save-${state}`}>{t(`ntf.save.${state}`)}</p>;
}

/** What stops 「報告」 (or the correction), each linked to its field; the refused request's message. */
function Summary({ refEl, messages, show, blocking, error }: { refEl: React.RefObject<HTMLDivElement | null>; messages: Messages; show: boolean; blocking: number; error: unknown }) {
  const { t } = useTranslation();
  // A finding on two fields is listed once, linked to the first.
  const seen = new Set<string>();
  const items = [...messages]
    .flatMap(([key, list]) => list.filter((m) => m.severity !== 'missing').map((m) => ({ key, m })))
    .filter(({ m }) => !seen.has(m.severity + m.text.ja) && !!seen.add(m.severity + m.text.ja));
  const focus = (key: string) => (e: React.MouseEvent) => {
    e.preventDefault();
    const el = document.getElementById(fieldId(key));
    const target = el?.matches('input, select, textarea') ? el : (el?.querySelector<HTMLElement>('input, select, textarea') ?? el);
    el?.closest('details')?.setAttribute('open', '');
    target?.focus();
  };
  return (
    <div ref={refEl} tabIndex={-1} className="summary-box">
      <ErrorMessage error={error} />
      {show && blocking > 0 && (
        <div role="alert">
          <p className="summary-title">{t('ntf.blocked', { count: blocking })}</p>
          <ul>
            {items.map(({ key, m }, i) => (
              <li key={i} className={`msg-${m.severity}`}>
                <a href={`#${fieldId(key)}`} onClick={focus(key)}>
                  {localized(m.text)}
                </a>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

/** New test records for the case (the result came back, a second test), up to four at once. */
function AddTests({ caseId, n, methods, onAdded }: { caseId: string; n: number; methods: readonly DiagnosisMethod[]; onAdded: (tests: CaseView['tests']) => void }) {
  const { t } = useTranslation();
  const [row, setRow] = useState<TestRow | null>(null);
  const [messages, setMessages] = useState<Messages>(new Map());
  const [error, setError] = useState<unknown>(null);
  if (!row) {
    return (
      <button type="button" className="secondary" onClick={() => setRow(newTestRow(methods))}>
        {t('test.add')}
      </button>
    );
  }
  const add = async () => {
    setError(null);
    const parsed = LabTestInput.safeParse(testInput(row));
    if (!parsed.success) {
      setMessages(issueMessages(parsed.error.issues, ['new', 0]));
      return;
    }
    try {
      const r = await api.post(`/api/cases/${caseId}/tests`, { tests: [parsed.data] }, AddedTests);
      onAdded(r.tests);
      setRow(null);
      setMessages(new Map());
    } catch (e) {
      setError(e);
      const m: Messages = new Map();
      for (const [k, v] of serverMessages(e)) m.set(k.replace(/^tests\./, 'new.'), v);
      setMessages(m);
    }
  };
  return (
    <FieldContext.Provider value={{ messages }}>
      <div className="add-test">
        <TestRowEditor row={row} methods={methods} prefix="new.0" n={n} onChange={setRow} />
        <ErrorMessage error={error} />
        <button type="button" onClick={() => void add()}>
          {t('test.addSave')}
        </button>{' '}
        <button type="button" className="secondary" onClick={() => setRow(null)}>
          {t('ntf.cancel')}
        </button>
      </div>
    </FieldContext.Provider>
  );
}

const PATH_LABELS: Record<string, string> = {
  classification: 'cases.classification',
  diagnosedOn: 'ntf.field.diagnosedOn',
  initialConsultationOn: 'ntf.field.initialConsultationOn',
  specimenCollectedOn: 'ntf.field.specimenCollectedOn',
  onsetOn: 'ntf.field.onsetOn',
  estimatedInfectionOn: 'ntf.field.estimatedInfectionOn',
  deathOn: 'ntf.field.deathOn',
  occupation: 'ntf.field.occupation',
  admitted: 'ntf.field.admitted',
  symptomatic: 'ntf.field.symptomatic',
  clinicalDiagnosis: 'ntf.field.clinicalDiagnosis',
  doctorName: 'ntf.doctorName',
  formVersion: 'ntf.formVersionLabel',
  status: 'ntf.statusLabel',
};

/** The corrections and withdrawal, newest first: loaded when opened (reading it is audited). */
function History({ id, reload, form }: { id: string; reload: number; form?: FormDefinition }) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changes, setChanges] = useState<NotificationHistoryView | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    if (!open) return;
    api.get(`/api/notifications/${id}/history`, NotificationHistory).then((h) => setChanges(h.changes), setError);
  }, [open, id, reload]);
  const label = (path: (string | number)[]) => {
    if (path[0] === 'answers') {
      const item = findItem(form?.items ?? [], String(path[1]));
      return item ? localized(item.label) : `${t('ntf.answersLabel')}：${path.slice(1).join('.')}`;
    }
    if (path[0] === 'tests') return `${t('ntf.diagnosisMethod')}：${t(`test.${String(path[2])}`)}`;
    const key = PATH_LABELS[String(path[0])];
    return key ? t(key) : path.join('.');
  };
  const value = (path: (string | number)[], v: unknown) => {
    if (v === null || v === undefined) return '—';
    if (path[0] === 'classification' && typeof v === 'string' && v in CLASSIFICATION_LABELS) return localized(CLASSIFICATION_LABELS[v as keyof typeof CLASSIFICATION_LABELS]);
    if (path[0] === 'status' && typeof v === 'string') return t(`ntf.status.${v}`);
    if (path[0] === 'tests' && path[2] === 'result' && typeof v === 'string' && v in TEST_RESULT_LABELS) return localized(TEST_RESULT_LABELS[v as TestResult]);
    if (typeof v === 'boolean') return t(v ? 'ntf.yes' : 'ntf.no');
    if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v, i18n.language);
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  return (
    <details className="history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('ntf.history')}</summary>
      <ErrorMessage error={error} />
      {changes && changes.length === 0 && <p>{t('ntf.noHistory')}</p>}
      {changes && changes.length > 0 && (
        <table>
          <caption>{t('ntf.history')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('ntf.changedAt')}</th>
              <th scope="col">{t('ntf.changedBy')}</th>
              <th scope="col">{t('ntf.reason')}</th>
              <th scope="col">{t('ntf.changes')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.id}>
                <td>{dateTime(c.changedAt, i18n.language)}</td>
                <td>
                  {c.changedByName ?? '—'}
                  {c.changedByOrgName && <>（{c.changedByOrgName}）</>}
                </td>
                <td>{c.reason ?? '—'}</td>
                <td>
                  <ul className="changes">
                    {c.changes.map((ch, i) => (
                      <li key={i}>
                        {label(ch.path)}：{value(ch.path, ch.old)} → {value(ch.path, ch.new)}
                      </li>
                    ))}
                  </ul>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

/** An item of the form by its id, at any depth. */
function findItem(items: FormItem[], id: string): FormItem | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const inner = findItem(item.items ?? [], id);
    if (inner) return inner;
  }
  return undefined;
}

type NotificationHistoryView = import('zod').infer<typeof NotificationHistory>['changes'];
