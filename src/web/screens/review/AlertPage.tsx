// /review/alerts/:id: one alert for its officer — who, which rules with which weights, what has
// been done, the report or the patient's question it carries — and the decisions. The evidence,
// with patients' names, is shown only when asked for (its read is audited, DESIGN.md §5).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { ruleLabel } from '../../../domain/access-review/risk-rules.ts';
import { AlertDecided, AlertDetail, AlertEvidence } from '../../../domain/api/review.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { fieldError, TextAreaField } from '../../components/Form.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { useSession } from '../../session.tsx';
import { Done, ErrorBox, text, useAction, useLoad } from '../case/shared.tsx';

type Alert = z.infer<typeof AlertDetail>;
const FINAL = ['dismissed', 'confirmed'];

export function AlertPage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const { me } = useSession();
  const alert = useLoad(() => api.get(`/api/review/alerts/${id}`, AlertDetail), [id]);
  const [escalated, setEscalated] = useState(false);
  const lang = i18n.language;
  const name = (o: { nameJa: string; nameEn: string }) => (lang === 'en' ? o.nameEn : o.nameJa);
  const a = alert.data;
  return (
    <>
      <h1>{t('rv.alertTitle')}</h1>
      <p>
        <Link to="/">{t('rv.backToQueue')}</Link>
      </p>
      <ErrorBox error={alert.error} />
      {escalated && <p role="status">{t('rv.escalated')}</p>}
      {a && !escalated && (
        <>
          <section aria-labelledby="rv-facts">
            <h2 id="rv-facts">{t('rv.facts')}</h2>
            <dl className="facts">
              <div>
                <dt>{t('rv.source')}</dt>
                <dd>{t(`rv.source.${a.source}`)}</dd>
              </div>
              <div>
                <dt>{t('rv.status')}</dt>
                <dd>{t(`rv.status.${a.status}`)}</dd>
              </div>
              <div>
                <dt>{t('rv.day')}</dt>
                <dd>{a.day ? formatDate(a.day, lang) : '—'}</dd>
              </div>
              <div>
                <dt>{t('rv.score')}</dt>
                <dd>{a.score}</dd>
              </div>
              <div>
                <dt>{t('rv.subject')}</dt>
                <dd>
                {a.subject ? a.subject.displayName : t('rv.noSubject')}
                {a.subject?.contractorName && <div>{t('rv.contractor', { name: a.subject.contractorName })}</div>}
              </dd>
              </div>
              {a.subject && (
                <>
                  <div>
                    <dt>{t('rv.role')}</dt>
                    <dd>{a.subject.roles.map((r) => t(`admin.role.${r}`)).join('、')}</dd>
                  </div>
                </>
              )}
              <div>
                <dt>{t('rv.org')}</dt>
                <dd>{name(a.subjectOrg)}</dd>
              </div>
              <div>
                <dt>{t('rv.reviewOrg')}</dt>
                <dd>{name(a.reviewOrg)}</dd>
              </div>
            </dl>
          </section>
          {a.report && <Report report={a.report} />}
          {a.patientQuestion && (
            <section aria-labelledby="rv-pq">
              <h2 id="rv-pq">{t('rv.patientQuestion')}</h2>
              <p className="pre-wrap">{a.patientQuestion.question}</p>
              <p className="help">
                {formatDateTime(a.patientQuestion.askedAt, lang)} —{' '}
                {a.patientQuestion.answeredAt ? t('rv.pqAnswered', { at: formatDateTime(a.patientQuestion.answeredAt, lang) }) : t('rv.pqOpen')}
              </p>
            </section>
          )}
          {a.hits.length > 0 && (
            <table>
              <caption>{t('rv.hits')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('rv.rule')}</th>
                  <th scope="col">{t('rv.weight')}</th>
                  <th scope="col">{t('rv.accesses')}</th>
                  <th scope="col">{t('rv.records')}</th>
                </tr>
              </thead>
              <tbody>
                {a.hits.map((h, i) => (
                  <tr key={i}>
                    <td>
                      {ruleLabel(h.rule, lang)} <code>{h.rule}</code>
                    </td>
                    <td>{h.weight}</td>
                    <td>{h.evidence.seqs.length}</td>
                    <td>{h.evidence.caseIds.length}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {a.hits.some((h) => h.evidence.seqs.length) && <Evidence alertId={a.id} />}
          <History alert={a} />
          {can(me!.user.roles, 'access_review.decide') && !FINAL.includes(a.status) && <Decisions alert={a} onDecided={alert.reload} onEscalated={() => setEscalated(true)} />}
          {FINAL.includes(a.status) && <p>{t('rv.final')}</p>}
        </>
      )}
    </>
  );
}

function Report({ report }: { report: NonNullable<Alert['report']> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const r = report.reporter;
  return (
    <section aria-labelledby="rv-report">
      <h2 id="rv-report">{t('rv.report')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('rv.reportWhat')}</dt>
          <dd className="pre-wrap">{report.what}</dd>
        </div>
        <div>
          <dt>{t('rv.reportWhen')}</dt>
          <dd>{report.happened ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('rv.reportWho')}</dt>
          <dd>{report.suspect ?? '—'}</dd>
        </div>
        <div>
          <dt>{t('rv.reportOrg')}</dt>
          <dd>{report.suspectOrg ? (lang === 'en' ? report.suspectOrg.nameEn : report.suspectOrg.nameJa) : '—'}</dd>
        </div>
        <div>
          <dt>{t('rv.reporter')}</dt>
          <dd>
          {r.signedIn
            ? `${r.displayName ?? ''}${r.org ? `（${lang === 'en' ? r.org.nameEn : r.org.nameJa}）` : ''}`
            : t('rv.reporterPublic', { name: r.name ?? t('rv.anonymous'), contact: r.contact ?? t('rv.anonymous') })}
        </dd>
        </div>
        <div>
          <dt>{t('rv.at')}</dt>
          <dd>{formatDateTime(report.createdAt, lang)}</dd>
        </div>
      </dl>
    </section>
  );
}

function Evidence({ alertId }: { alertId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [rows, setRows] = useState<z.infer<typeof AlertEvidence>['rows'] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const show = () => api.get(`/api/review/alerts/${alertId}/evidence`, AlertEvidence).then((e) => setRows(e.rows), setError);
  return (
    <section aria-labelledby="rv-evidence">
      <h2 id="rv-evidence">{t('rv.evidence')}</h2>
      <p className="help">{t('rv.evidenceHelp')}</p>
      {!rows && (
        <button type="button" onClick={() => void show()}>
          {t('rv.showEvidence')}
        </button>
      )}
      <ErrorBox error={error} />
      {rows && (
        <table className="rv-evidence">
          <caption>{t('rv.evidenceCaption', { count: rows.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rv.seq')}</th>
              <th scope="col">{t('rv.at')}</th>
              <th scope="col">{t('rv.action')}</th>
              <th scope="col">{t('rv.purpose')}</th>
              <th scope="col">{t('rv.clientAddr')}</th>
              <th scope="col">{t('rv.outcome')}</th>
              <th scope="col">{t('rv.person')}</th>
              <th scope="col">{t('rv.explanation')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={`${r.seq}-${i}`}>
                <td>{r.seq}</td>
                <td>{formatDateTime(r.at, lang)}</td>
                <td>
                  <code>{r.action}</code>
                </td>
                <td>{r.purpose ?? '—'}</td>
                <td>{r.clientAddr ?? '—'}</td>
                <td>{r.outcome}</td>
                <td>
                  {r.case ? (
                    <>
                      {r.case.nameKanji ?? '—'}（{r.case.nameKana ?? ''}）
                      <div className="help">
                        {r.case.caseNumber ?? ''} {r.case.birthDate ? formatDate(r.case.birthDate, lang) : ''}
                      </div>
                    </>
                  ) : (
                    '—'
                  )}
                </td>
                <td>
                  {!r.case ? '—' : !r.case.examined ? t('rv.notExamined') : r.case.template ? <code>{r.case.template}</code> : <strong>{t('rv.unexplained')}</strong>}
                  {r.case?.purposeOnly && t('rv.purposeOnly')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function History({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <section aria-labelledby="rv-history">
      <h2 id="rv-history">{t('rv.history')}</h2>
      {alert.actions.length ? (
        <ol className="rv-history">
          {alert.actions.map((x, i) => (
            <li key={i}>
              <strong>{t(`rv.act.${x.action}`)}</strong> {formatDateTime(x.at, lang)} {x.by ?? ''}
              {x.toOrg && <> — {t('rv.toOrg', { org: lang === 'en' ? x.toOrg.nameEn : x.toOrg.nameJa })}</>}
              {x.text && <div className="pre-wrap">{x.text}</div>}
            </li>
          ))}
        </ol>
      ) : (
        <p>{t('rv.noHistory')}</p>
      )}
    </section>
  );
}

function Decisions({ alert, onDecided, onEscalated }: { alert: Alert; onDecided: () => Promise<void>; onEscalated: () => void }) {
  const { t } = useTranslation();
  const action = useAction();
  const post = (path: string, body: Record<string, unknown>) => api.post(`/api/review/alerts/${alert.id}/${path}`, { version: alert.version, ...body }, AlertDecided);
  const decided = async () => {
    await onDecided();
    return t('rv.decided');
  };
  return (
    <section aria-labelledby="rv-decide" className="rv-decide">
      <h2 id="rv-decide">{t('rv.decide')}</h2>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
      <form onSubmit={action.run(async (f) => (await post('dismiss', { reason: text(f, 'reason') ?? '' }), decided()))}>
        <TextAreaField label={t('rv.dismissReason')} name="reason" required maxLength={2000} error={fieldError(action.error, 'reason')} />
        <button type="submit" disabled={action.busy}>
          {t('rv.dismiss')}
        </button>
      </form>
      {alert.subject && alert.status !== 'asked' && (
        <form onSubmit={action.run(async (f) => (await post('ask', { question: text(f, 'question') ?? '' }), decided()))}>
          <TextAreaField label={t('rv.askQuestion')} help={t('rv.askHelp')} name="question" required maxLength={2000} error={fieldError(action.error, 'question')} />
          <button type="submit" disabled={action.busy}>
            {t('rv.ask')}
          </button>
        </form>
      )}
      {alert.canEscalate && (
        <form
          onSubmit={action.run(async (f) => {
            await post('escalate', { note: text(f, 'note') });
            onEscalated();
          })}
        >
          <TextAreaField label={t('rv.escalateNote')} name="note" maxLength={2000} />
          <button type="submit" className="secondary" disabled={action.busy}>
            {t('rv.escalate')}
          </button>
        </form>
      )}
      <form onSubmit={action.run(async (f) => (await post('confirm', { note: text(f, 'note') }), decided()))}>
        <TextAreaField label={t('rv.confirmNote')} name="note" maxLength={2000} />
        <button type="submit" className="danger" disabled={action.busy}>
          {t('rv.confirm')}
        </button>
      </form>
    </section>
  );
}
