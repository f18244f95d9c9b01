// Security flags to review: things about the IDs one administers that a person should look at,
// such as one ID used from two places at once (one ID is one person, 2023 notice).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { SecurityFlagList } from '../../../domain/api/users.ts';
import { can } from '../../../domain/permissions.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { useSession } from '../../session.tsx';
import { when } from './parts.tsx';

type Flag = z.infer<typeof SecurityFlagList>['flags'][number];
const KNOWN_KINDS = ['concurrent_sessions'];

export function FlagsScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const [all, setAll] = useState(false);
  const [flags, setFlags] = useState<Flag[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);

  const load = useCallback(async (everything: boolean) => {
    try {
      setFlags((await api.get(`/api/security-flags${query({ all: everything ? 'true' : undefined })}`, SecurityFlagList)).flags);
    } catch (e) {
      setError(e);
    }
  }, []);
  useEffect(() => {
    void load(all);
  }, [all, load]);

  const review = async (f: Flag) => {
    setError(null);
    try {
      await api.post(`/api/security-flags/${f.id}/review`, {}, null);
      setDone(t('admin.flagReviewed', { loginId: f.loginId }));
      await load(all);
    } catch (e) {
      setError(e);
    }
  };
  const manage = can(me!.user.roles, 'users.manage');
  const lang = i18n.language;

  return (
    <>
      <h1>{t('admin.flags')}</h1>
      <p>{t('admin.flagsHelp')}</p>
      <label className="admin-check">
        <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} />
        {t('admin.flagsAll')}
      </label>
      <p role="status" className={done ? 'admin-ok' : undefined}>
        {done ?? ''}
      </p>
      <ErrorMessage error={error} />
      {flags && (
        <table>
          <caption>
            {t(all ? 'admin.flagsAllCaption' : 'admin.flagsOpen')}（{t('common.total', { count: flags.length })}）
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('admin.flagAt')}</th>
              <th scope="col">{t('admin.loginId')}</th>
              <th scope="col">{t('admin.flagKind')}</th>
              <th scope="col">{t('admin.flagDetails')}</th>
              <th scope="col">{t('admin.flagReviewedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {flags.map((f) => (
              <tr key={f.id}>
                <td>{when(f.createdAt, lang)}</td>
                <td>
                  <Link to={`/admin/users/${f.userId}`}>{f.loginId}</Link>
                </td>
                <td>{KNOWN_KINDS.includes(f.kind) ? t(`admin.flag.${f.kind}`) : f.kind}</td>
                <td>
                  {Array.isArray(f.details.addresses) ? (
                    <>
                      {t('admin.flagAddresses')} {(f.details.addresses as unknown[]).map(String).join('、')}
                    </>
                  ) : (
                    <code>{JSON.stringify(f.details)}</code>
                  )}
                </td>
                <td>
                  {f.reviewedAt ? (
                    when(f.reviewedAt, lang)
                  ) : manage ? (
                    <button type="button" className="admin-small" onClick={() => void review(f)} aria-label={t('admin.flagReviewNamed', { loginId: f.loginId })}>
                      {t('admin.flagReview')}
                    </button>
                  ) : (
                    t('admin.flagNotReviewed')
                  )}
                </td>
              </tr>
            ))}
            {!flags.length && (
              <tr>
                <td colSpan={5}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
