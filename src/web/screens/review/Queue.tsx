// The privacy officer's queue (issue 12): the alerts of their tree, by status, source, organisation
// and day, newest and highest score first, a page at a time, with the count of each status. It is
// the officer's home and the /review screen.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ruleLabel } from '../../../domain/access-review/risk-rules.ts';
import { ALERT_SOURCES, ALERT_STATUSES } from '../../../domain/access-review/review.ts';
import { AlertQueue, ReportOrganizations } from '../../../domain/api/review.ts';
import { api, query } from '../../api.ts';
import { Field, SelectField } from '../../components/Form.tsx';
import { formatDate } from '../../dates.ts';
import { ErrorBox, text, useLoad } from '../case/shared.tsx';

const PAGE = 20;

interface Filters {
  status?: string;
  source?: string;
  orgId?: string;
  from?: string;
  to?: string;
}

export function ReviewScreen() {
  const { t } = useTranslation();
  return (
    <>
      <h1>{t('rv.title')}</h1>
      <ReviewQueue />
    </>
  );
}

export function ReviewQueue() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filters, setFilters] = useState<Filters>({});
  const [offset, setOffset] = useState(0);
  const queue = useLoad(() => api.get(`/api/review/alerts${query({ ...filters, offset, limit: PAGE })}`, AlertQueue), [filters, offset]);
  const orgs = useLoad(() => api.get('/api/misuse-reports/organizations', ReportOrganizations), []);
  const name = (o: { nameJa: string; nameEn: string }) => (lang === 'en' ? o.nameEn : o.nameJa);
  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setOffset(0);
    setFilters({ status: text(f, 'status'), source: text(f, 'source'), orgId: text(f, 'orgId'), from: text(f, 'from'), to: text(f, 'to') });
  };
  const data = queue.data;
  return (
    <section aria-labelledby="rv-queue">
      <h2 id="rv-queue">{t('rv.queue')}</h2>
      <form className="rv-filters" onSubmit={apply} aria-label={t('rv.filters')}>
        <SelectField label={t('rv.status')} name="status" empty={t('rv.statusWaiting')} options={ALERT_STATUSES.map((s) => ({ value: s, label: t(`rv.status.${s}`) }))} />
        <SelectField label={t('rv.source')} name="source" empty={t('rv.any')} options={ALERT_SOURCES.map((s) => ({ value: s, label: t(`rv.source.${s}`) }))} />
        <SelectField label={t('rv.org')} name="orgId" empty={t('rv.any')} options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: name(o) }))} />
        <Field label={t('rv.from')} name="from" type="date" />
        <Field label={t('rv.to')} name="to" type="date" />
        <button type="submit">{t('rv.apply')}</button>
      </form>
      <ErrorBox error={queue.error} />
      {data && (
        <>
          <ul className="rv-counts" aria-label={t('rv.counts')}>
            {ALERT_STATUSES.map((s) => (
              <li key={s}>
                {t(`rv.status.${s}`)}: {data.counts[s]}
              </li>
            ))}
          </ul>
          <table>
            <caption>{t('rv.queueCaption', { count: data.total })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('rv.day')}</th>
                <th scope="col">{t('rv.score')}</th>
                <th scope="col">{t('rv.source')}</th>
                <th scope="col">{t('rv.subject')}</th>
                <th scope="col">{t('rv.rules')}</th>
                <th scope="col">{t('rv.status')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('rv.open')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {data.alerts.map((a) => (
                <tr key={a.id}>
                  <td>{a.day ? formatDate(a.day, lang) : '—'}</td>
                  <td>{a.score}</td>
                  <td>{t(`rv.source.${a.source}`)}</td>
                  <td>
                    {a.subject ? a.subject.displayName : t('rv.noSubject')}
                    <div className="help">{name(a.subjectOrg)}</div>
                  </td>
                  <td>
                    <ul className="plain">
                      {a.rules.map((r) => (
                        <li key={r}>{ruleLabel(r, lang)}</li>
                      ))}
                    </ul>
                  </td>
                  <td>{t(`rv.status.${a.status}`)}</td>
                  <td>
                    <Link to={`/review/alerts/${a.id}`} aria-label={`${t('rv.open')}: ${a.subject?.displayName ?? t(`rv.source.${a.source}`)} ${a.day ?? ''}`}>
                      {t('rv.open')}
                    </Link>
                  </td>
                </tr>
              ))}
              {!data.alerts.length && (
                <tr>
                  <td colSpan={7}>{t('common.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
          {data.total > PAGE && (
            <p className="rv-paging">
              <button type="button" className="secondary" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                {t('rv.prev')}
              </button>{' '}
              {t('rv.page', { from: offset + 1, to: Math.min(offset + PAGE, data.total), total: data.total })}{' '}
              <button type="button" className="secondary" disabled={offset + PAGE >= data.total} onClick={() => setOffset(offset + PAGE)}>
                {t('rv.next')}
              </button>
            </p>
          )}
        </>
      )}
    </section>
  );
}
