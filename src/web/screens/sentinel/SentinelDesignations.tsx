// The prefecture's sentinel sites (定点医療機関の指定): each medical institution of the prefecture
// with its current designation — designate from a day, or end one by its last day — and the
// history of every designation, ended ones included.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { SentinelDesignation, SentinelDesignationList, SentinelReportList } from '../../../domain/api/sentinel.ts';
import { addWeeks, parseWeekKey, weekKey } from '../../../domain/iso-week.ts';
import { SENTINEL_KIND_LABELS } from '../../../domain/sentinel/kinds.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDate } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';

const KIND = 'influenza_covid';
type Designation = z.infer<typeof SentinelDesignation>;

export function SentinelDesignationsScreen() {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => api.get(`/api/sentinel/designations?kind=${KIND}`, SentinelDesignationList), []);
  // Each institution's report of the last complete week, to open (and correct) it.
  const reports = useLoad(() => api.get(`/api/sentinel/reports?kind=${KIND}&weeks=2`, SentinelReportList), []);
  if (list.error || reports.error) return <ErrorMessage error={list.error ?? reports.error} />;
  if (!list.data || !reports.data) return <Loading />;
  const { today, designations, institutions } = list.data;
  const lastWeek = weekKey(addWeeks(parseWeekKey(reports.data.currentWeek)!, -1));
  const reportOf = (id: string) => reports.data!.reports.find((r) => r.institutionId === id && r.week === lastWeek) ?? null;
  const openOf = (id: string) => designations.find((d) => d.institutionId === id && (d.untilDate === null || d.untilDate >= today)) ?? null;
  return (
    <>
      <h1>{t('sn.designationsTitle')}</h1>
      <p>
        {t('sn.kind')}: {localized(SENTINEL_KIND_LABELS[KIND])}
      </p>
      <table>
        <caption>{t('sn.designationsTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.institution')}</th>
            <th scope="col">{t('sn.healthCenter')}</th>
            <th scope="col">{t('sn.current')}</th>
            <th scope="col">{t('sn.lastWeekReport', { week: lastWeek })}</th>
            <th scope="col">{t('sn.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {institutions.map((i) => {
            const current = openOf(i.id);
            const report = reportOf(i.id);
            return (
              <tr key={i.id}>
                <th scope="row">{localized(i.name)}</th>
                <td>{localized(i.healthCenterName)}</td>
                <td>
                  {current
                    ? `${t('sn.since', { date: formatDate(current.fromDate, i18n.language) })}${current.untilDate ? ` – ${formatDate(current.untilDate, i18n.language)}` : ''}`
                    : t('sn.none')}
                </td>
                <td>
                  {report ? (
                    <Link to={`/sentinel/reports/${report.id}`} aria-label={`${Object.values(report.totals).join(' / ')}（${t('sn.openReport')}） ${localized(i.name)}`}>
                      {Object.values(report.totals).join(' / ')}（{t('sn.openReport')}）
                    </Link>
                  ) : current ? (
                    t('sn.notFiled')
                  ) : (
                    '—'
                  )}
                </td>
                <td>{current && current.untilDate === null ? <EndForm designation={current} name={localized(i.name)} today={today} onDone={list.reload} /> : <DesignateForm institutionId={i.id} name={localized(i.name)} today={today} onDone={list.reload} />}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <table>
        <caption>{t('sn.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.institution')}</th>
            <th scope="col">{t('sn.fromDate')}</th>
            <th scope="col">{t('sn.untilDate')}</th>
            <th scope="col">{t('sn.designatedBy')}</th>
            <th scope="col">{t('sn.endedBy')}</th>
          </tr>
        </thead>
        <tbody>
          {designations.map((d) => (
            <tr key={d.id}>
              <th scope="row">{localized(d.institutionName)}</th>
              <td>{formatDate(d.fromDate, i18n.language)}</td>
              <td>{d.untilDate ? formatDate(d.untilDate, i18n.language) : t('sn.open')}</td>
              <td>{d.designatedByName ?? '—'}</td>
              <td>{d.endedByName ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function DesignateForm({ institutionId, name, today, onDone }: { institutionId: string; name: string; today: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const submit = action.run(async (form) => {
    await api.post('/api/sentinel/designations', { institutionId, kind: KIND, fromDate: String(form.get('fromDate')) }, SentinelDesignation);
    await onDone();
    return t('sn.designated');
  });
  return (
    <form onSubmit={submit} noValidate className="inline" aria-label={`${t('sn.designate')}: ${name}`}>
      <ErrorBox error={action.error} />
      <Field label={t('sn.fromDate')} type="date" name="fromDate" defaultValue={today} required error={fieldError(action.error, 'fromDate')} />
      <button type="submit" disabled={action.busy}>
        {t('sn.designate')}
      </button>
      <Done message={action.done} />
    </form>
  );
}

function EndForm({ designation, name, today, onDone }: { designation: Designation; name: string; today: string; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  const submit = action.run(async (form) => {
    await api.patch(`/api/sentinel/designations/${designation.id}`, { untilDate: String(form.get('untilDate')), version: designation.version }, SentinelDesignation);
    await onDone();
    return t('sn.ended');
  });
  return (
    <form onSubmit={submit} noValidate className="inline" aria-label={`${t('sn.end')}: ${name}`}>
      <ErrorBox error={action.error} />
      <Field label={t('sn.untilDate')} type="date" name="untilDate" defaultValue={today} required error={fieldError(action.error, 'untilDate')} />
      <button type="submit" disabled={action.busy}>
        {t('sn.end')}
      </button>
      <Done message={action.done} />
    </form>
  );
}
