// 記録: 現在のステータス (Q&A 14-3) with only the moves the rules of src/domain/case-status.ts allow
// this user; responsibility between centres (transfer, related centres, follow-up-centre
// assignments; Q&A 4); and 処理番号 (Q&A 2), shown once when issued.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Assignment, CaseStatusView, Responsibility, Transfer } from '../../../domain/api/followup.ts';
import { HospitalCourse } from '../../../domain/api/hospital.ts';
import { ProcessingNumberIssued, ProcessingNumberList } from '../../../domain/api/processing-numbers.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { CASE_STATUSES, FINAL_STATUSES, statusActorOf, statusChangeProblem, type CaseStatus, type StatusActor } from '../../../domain/case-status.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { dateTime } from '../../components/CaseTable.tsx';
import { Field, fieldError } from '../../components/Form.tsx';
import { Checkbox, Done, ErrorBox, formatDate, orgName, SelectField, text, TextAreaField, useAction, useLoad, useOrgs, type CaseTabProps } from './shared.tsx';

const Ok = z.object({ ok: z.literal(true) });

/**
 * The statuses this actor may move the case to now, by the domain's own rule. A final status's
 * reopening needs a reason, asked in the form; the date is checked on the server (and at the field).
 */
export function allowedStatuses(actor: StatusActor | null, from: CaseStatus | null, today: string): CaseStatus[] {
  if (!actor) return [];
  return CASE_STATUSES.filter((to) => {
    const problem = statusChangeProblem({ actor, from, to, effectiveOn: today, today, reason: null });
    return problem === null || problem === 'reopen_needs_reason';
  });
}

export function RecordTab(props: CaseTabProps) {
  const { detail, me, get, onTransferred } = props;
  const { t } = useTranslation();
  const status = useLoad(() => get(`/api/cases/${detail.id}/status`, CaseStatusView), [detail.id, get]);
  const resp = useLoad(() => get(`/api/cases/${detail.id}/responsibility`, Responsibility), [detail.id, get]);
  const roles = me.user.roles;
  // Each change moves the case's version, which the other forms send back.
  const reloadAll = async () => {
    await Promise.all([status.reload(), resp.reload()]);
  };
  const centre = me.organization.kind === 'health_center';
  const responsible = !!resp.data && centre && can(roles, 'cases.responsibility') && resp.data.responsibleHc.id === me.organization.id;
  return (
    <>
      <h2>{t('case.tab.record')}</h2>
      <ErrorBox error={status.error} />
      {status.data && <StatusSection view={status.data} {...props} onChanged={reloadAll} />}
      <ErrorBox error={resp.error} />
      {resp.data && (
        <ResponsibilitySection
          data={resp.data}
          responsible={responsible}
          onChanged={reloadAll}
          onTransferred={onTransferred}
        />
      )}
      {centre && can(roles, 'processing_numbers.issue') && <ProcessingNumbers caseId={detail.id} get={get} />}
    </>
  );
}

function StatusSection({ view, detail, me, get, onChanged }: CaseTabProps & { view: z.infer<typeof CaseStatusView>; onChanged: () => Promise<void> }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = japanToday(new Date());
  const actor = can(me.user.roles, 'cases.status') ? statusActorOf(me.organization.kind, me.user.roles) : null;
  // A hospital moves only its own inpatients (an open admission there): asked only of hospitals.
  const course = useLoad(
    () => (actor === 'hospital' ? get(`/api/cases/${detail.id}/hospital-course`, HospitalCourse) : Promise.resolve(null)),
    [actor, detail.id, get],
  );
  const inpatientHere = course.data?.admissions.some((a) => a.hospital.id === me.organization.id && !a.dischargedOn) ?? false;
  const options = actor === 'hospital' && !inpatientHere ? [] : allowedStatuses(actor, view.status, today);
  const reopening = view.status !== null && FINAL_STATUSES.includes(view.status);
  const action = useAction();
  return (
    <section aria-labelledby="status-heading">
      <h3 id="status-heading">{t('cases.status')}</h3>
      <p className="current-status">
        {view.status ? (
          <>
            <strong>{t(`status.${view.status}`)}</strong>（{t('case.record.effectiveFrom', { date: formatDate(view.effectiveOn, lang) })}）
          </>
        ) : (
          <strong>{t('case.record.noStatus')}</strong>
        )}
        {view.history[0] && (
          <span className="meta">
            {' '}
            {t('case.record.lastChange', { by: `${view.history[0].changedByName} / ${view.history[0].changedByOrgName}`, at: dateTime(view.history[0].changedAt, lang) })}
          </span>
        )}
      </p>
      {actor && options.length > 0 ? (
        <form
          className="panel"
          onSubmit={action.run(async (f) => {
            await api.post(
              `/api/cases/${detail.id}/status`,
              { status: text(f, 'status'), effectiveOn: text(f, 'effectiveOn'), note: text(f, 'note'), reason: text(f, 'reason'), version: view.version },
              CaseStatusView,
            );
            await onChanged();
            return t('case.record.statusSaved');
          })}
        >
          <h4>{t('case.record.changeStatus')}</h4>
          <div className="row">
            <SelectField
              label={t('case.record.newStatus')}
              name="status"
              required
              empty={t('case.choose')}
              options={options.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              error={fieldError(action.error, 'status')}
            />
            <Field
              label={t('case.record.effectiveOn')}
              name="effectiveOn"
              type="date"
              required
              defaultValue={today}
              max={today}
              min={view.effectiveOn ?? undefined}
              error={fieldError(action.error, 'effectiveOn')}
            />
            <Field label={t('case.note')} name="note" maxLength={500} error={fieldError(action.error, 'note')} />
          </div>
          {reopening && (
            <TextAreaField label={t('case.record.reason')} help={t('case.record.reasonHelp')} name="reason" required maxLength={500} error={fieldError(action.error, 'reason')} />
          )}
          <button type="submit" disabled={action.busy}>
            {t('case.record.saveStatus')}
          </button>
          <ErrorBox error={action.error} />
        </form>
      ) : (
        actor && <p className="help">{t('case.record.noMove')}</p>
      )}
      <Done message={action.done} />
    </section>
  );
}

function ResponsibilitySection({
  data,
  responsible,
  onChanged,
  onTransferred,
}: {
  data: z.infer<typeof Responsibility>;
  responsible: boolean;
  onChanged: () => Promise<void>;
  onTransferred: CaseTabProps['onTransferred'];
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const centres = useOrgs(['health_center', 'followup_center', 'accommodation_facility']);
  // The server names organisations in Japanese; the directory has both names.
  const nameOf = (o: { id: string; nameJa: string }) => {
    const found = centres.find((c) => c.id === o.id);
    return found ? orgName(found, lang) : o.nameJa;
  };
  const healthCentres = centres.filter((o) => o.kind === 'health_center' && o.id !== data.responsibleHc.id);
  const followupCentres = centres.filter((o) => o.kind === 'followup_center');
  const change = useAction();
  const transfer = useAction();
  const related = useAction();
  const assign = useAction();
  const version = data.version;
  return (
    <section aria-labelledby="responsibility-heading">
      <h3 id="responsibility-heading">{t('case.record.responsibility')}</h3>
      <dl className="facts">
        <div>
          <dt>{t('case.basic.responsibleHc')}</dt>
          <dd>{nameOf(data.responsibleHc)}</dd>
        </div>
        <div>
          <dt>{t('case.record.relatedHcs')}</dt>
          <dd>
            {data.relatedHcs.length ? (
              <ul className="plain">
                {data.relatedHcs.map((h) => (
                  <li key={h.id}>
                    {nameOf(h)}{' '}
                    {responsible && (
                      <form
                        className="inline"
                        onSubmit={change.run(async () => {
                          await api.delete(`/api/cases/${data.caseId}/related-centres/${h.id}`, Ok);
                          await onChanged();
                          return t('case.saved');
                        })}
                      >
                        <button type="submit" className="secondary small" aria-label={t('case.record.removeRelated', { name: nameOf(h) })} disabled={change.busy}>
                          {t('case.remove')}
                        </button>
                      </form>
                    )}
                  </li>
                ))}
              </ul>
            ) : (
              '—'
            )}
          </dd>
        </div>
      </dl>
      <ErrorBox error={change.error} />
      <Done message={change.done} />

      <h4>{t('case.record.assignments')}</h4>
      {data.assignments.length ? (
        <table>
          <caption className="visually-hidden">{t('case.record.assignments')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.record.assignedOrg')}</th>
              <th scope="col">{t('case.record.assignmentKind')}</th>
              <th scope="col">{t('case.record.from')}</th>
              <th scope="col">{t('case.record.until')}</th>
              {responsible && <th scope="col">{t('case.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {data.assignments.map((a) => (
              <tr key={a.id}>
                <td>{nameOf(a.org)}</td>
                <td>{t(`case.assignmentKind.${a.kind}`)}</td>
                <td>{dateTime(a.startsAt, lang)}</td>
                <td>{a.endsAt ? dateTime(a.endsAt, lang) : t('case.residence.ongoing')}</td>
                {responsible && (
                  <td>
                    {a.kind === 'followup' && a.active && (
                      <form
                        onSubmit={change.run(async () => {
                          await api.post(`/api/assignments/${a.id}/end`, {}, Ok);
                          await onChanged();
                          return t('case.saved');
                        })}
                      >
                        <button type="submit" className="secondary" aria-label={t('case.record.endAssignmentOf', { name: nameOf(a.org) })}>
                          {t('case.record.endAssignment')}
                        </button>
                      </form>
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

      {responsible && (
        <div className="forms">
          <form
            className="panel"
            onSubmit={assign.run(async (f) => {
              await api.post(`/api/cases/${data.caseId}/assignments`, { orgId: text(f, 'orgId'), startsOn: text(f, 'startsOn') }, Assignment);
              await onChanged();
              return t('case.saved');
            })}
          >
            <h4>{t('case.record.assign')}</h4>
            <SelectField
              label={t('case.record.followupCentre')}
              name="orgId"
              required
              empty={t('case.choose')}
              options={followupCentres.map((o) => ({ value: o.id, label: orgName(o, lang) }))}
              error={fieldError(assign.error, 'orgId')}
            />
            <Field label={t('case.record.startsOn')} name="startsOn" type="date" defaultValue={japanToday(new Date())} error={fieldError(assign.error, 'startsOn')} />
            <button type="submit" disabled={assign.busy}>
              {t('case.record.assignSubmit')}
            </button>
            <ErrorBox error={assign.error} />
            <Done message={assign.done} />
          </form>

          <form
            className="panel"
            onSubmit={related.run(async (f) => {
              await api.post(`/api/cases/${data.caseId}/related-centres`, { hcId: text(f, 'hcId') }, Ok);
              await onChanged();
              return t('case.saved');
            })}
          >
            <h4>{t('case.record.addRelated')}</h4>
            <SelectField
              label={t('case.record.relatedHc')}
              name="hcId"
              required
              empty={t('case.choose')}
              options={healthCentres.filter((o) => !data.relatedHcs.some((r) => r.id === o.id)).map((o) => ({ value: o.id, label: orgName(o, lang) }))}
              error={fieldError(related.error, 'hcId')}
            />
            <button type="submit" disabled={related.busy}>
              {t('case.record.addRelatedSubmit')}
            </button>
            <ErrorBox error={related.error} />
            <Done message={related.done} />
          </form>

          <form
            className="panel"
            onSubmit={transfer.run(
              async (f) => {
                const done = await api.post(
                  `/api/cases/${data.caseId}/transfer`,
                  { toHcId: text(f, 'toHcId'), reason: text(f, 'reason') ?? '', keepAsRelated: f.has('keepAsRelated'), version },
                  Transfer,
                );
                onTransferred(nameOf(done.toHc), done.keptAsRelated);
              },
              { keep: true },
            )}
          >
            <h4>{t('case.record.transfer')}</h4>
            <p className="help">{t('case.record.transferHelp')}</p>
            <SelectField
              label={t('case.record.toHc')}
              name="toHcId"
              required
              empty={t('case.choose')}
              options={healthCentres.map((o) => ({ value: o.id, label: orgName(o, lang) }))}
              error={fieldError(transfer.error, 'toHcId')}
            />
            <TextAreaField label={t('case.record.transferReason')} name="reason" required maxLength={500} error={fieldError(transfer.error, 'reason')} />
            <Checkbox label={t('case.record.keepAsRelated')} name="keepAsRelated" />
            <button type="submit" disabled={transfer.busy}>
              {t('case.record.transferSubmit')}
            </button>
            <ErrorBox error={transfer.error} />
          </form>
        </div>
      )}
    </section>
  );
}

function ProcessingNumbers({ caseId, get }: { caseId: string; get: CaseTabProps['get'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useLoad(() => get(`/api/cases/${caseId}/processing-numbers`, ProcessingNumberList), [caseId, get]);
  const [issued, setIssued] = useState<z.infer<typeof ProcessingNumberIssued> | null>(null);
  const action = useAction();
  return (
    <section aria-labelledby="pn-heading">
      <h3 id="pn-heading">{t('case.pn.title')}</h3>
      <p className="help">{t('case.pn.help')}</p>
      <form
        onSubmit={action.run(async () => {
          setIssued(await api.post(`/api/cases/${caseId}/processing-numbers`, {}, ProcessingNumberIssued));
          await list.reload();
        })}
      >
        <button type="submit" disabled={action.busy}>
          {t('case.pn.issue')}
        </button>
      </form>
      <ErrorBox error={action.error} />
      <div role="status">
        {issued && (
          <div className="once">
            <p>
              <strong>{t('case.pn.writeDown')}</strong>
            </p>
            <p>
              {t('case.pn.number')}: <span className="number">{issued.number}</span>
            </p>
            <p>
              {t('case.pn.expires', { at: dateTime(issued.expiresAt, lang) })}
              {issued.revokedEarlier > 0 && ` ${t('case.pn.revoked', { count: issued.revokedEarlier })}`}
            </p>
          </div>
        )}
      </div>
      <ErrorBox error={list.error} />
      {list.data && list.data.processingNumbers.length > 0 && (
        <table>
          <caption className="visually-hidden">{t('case.pn.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.pn.issuedAt')}</th>
              <th scope="col">{t('case.pn.expiresAt')}</th>
              <th scope="col">{t('case.pn.state')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.processingNumbers.map((n) => (
              <tr key={n.id}>
                <td>{dateTime(n.issuedAt, lang)}</td>
                <td>{dateTime(n.expiresAt, lang)}</td>
                <td>{t(`case.pnState.${n.state}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
