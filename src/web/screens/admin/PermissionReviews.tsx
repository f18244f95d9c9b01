// 権限の棚卸し: the administrator's reviews — its own organisation's and those of the organisations
// it issues IDs for — with an overdue review escalated to it shown first, as the in-app notice.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { CampaignList, type CampaignSummary } from '../../../domain/api/permission-reviews.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { when } from './parts.tsx';

type Campaign = z.infer<typeof CampaignSummary>;

/** The organisation's name in the reader's language. */
export const orgOf = (c: Campaign, lang: string) => (lang === 'en' ? c.orgNameEn : c.orgNameJa);

export function StateBadge({ c }: { c: Campaign }) {
  const { t } = useTranslation();
  const warn = c.state === 'overdue' || c.state === 'done_late';
  return <span className={`admin-badge ${warn ? 'suspended' : c.state === 'open' ? '' : 'active'}`}>{t(`pr.state.${c.state}`)}</span>;
}

export function PermissionReviewsScreen() {
  const { t, i18n } = useTranslation();
  const [list, setList] = useState<z.infer<typeof CampaignList> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    api.get('/api/permission-reviews', CampaignList).then(setList, setError);
  }, []);
  const lang = i18n.language;
  if (error) return <ErrorMessage error={error} />;
  if (!list) return <Loading />;
  const escalated = list.campaigns.filter((c) => c.escalatedToMe);

  return (
    <>
      <h1>{t('pr.title')}</h1>
      <p>{t('pr.help')}</p>
      <p>{t('pr.interval', { months: list.reviewMonths })}</p>
      {escalated.length > 0 && (
        <section className="error-box" aria-labelledby="pr-escalated">
          <h2 id="pr-escalated">{t('pr.escalatedTitle')}</h2>
          <ul>
            {escalated.map((c) => (
              <li key={c.id}>
                <Link to={`/admin/permission-reviews/${c.id}`}>
                  {t('pr.escalatedLine', { org: orgOf(c, lang), due: when(c.dueAt, lang, false), pending: c.ids - c.decided })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      <table>
        <caption>
          {t('pr.listCaption')}（{t('common.total', { count: list.campaigns.length })}）
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pr.org')}</th>
            <th scope="col">{t('pr.openedAt')}</th>
            <th scope="col">{t('pr.dueAt')}</th>
            <th scope="col">{t('pr.state')}</th>
            <th scope="col">{t('pr.progress')}</th>
            <th scope="col">{t('pr.rolesRevoked')}</th>
            <th scope="col">{t('pr.suspended')}</th>
            <th scope="col">{t('pr.open')}</th>
          </tr>
        </thead>
        <tbody>
          {list.campaigns.map((c) => (
            <tr key={c.id}>
              <td>{orgOf(c, lang)}</td>
              <td>{when(c.openedAt, lang, false)}</td>
              <td>{when(c.dueAt, lang, false)}</td>
              <td>
                <StateBadge c={c} />
              </td>
              <td>{t('pr.progressValue', { decided: c.decided, ids: c.ids })}</td>
              <td>{c.rolesRevoked}</td>
              <td>{c.suspended}</td>
              <td>
                <Link to={`/admin/permission-reviews/${c.id}`} aria-label={t('pr.openNamed', { org: orgOf(c, lang), due: when(c.dueAt, lang, false) })}>
                  {t('pr.open')}
                </Link>
              </td>
            </tr>
          ))}
          {!list.campaigns.length && (
            <tr>
              <td colSpan={8}>{t('pr.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
