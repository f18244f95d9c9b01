// The grants as a table: the user's own (with 「終了する」) and the responsible centre's (with who and
// 「確認済みにする」). Who, when, why, until — the same columns for both.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import type { BreakGlassGrant } from '../../../domain/api/break-glass.ts';
import { reasonOf } from '../../../domain/privacy/break-glass.ts';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import type { CaseOpenState } from '../case/open-state.ts';
import { caseUnderGrant } from './grant-link.ts';

/** The centre opens its own case from the list to check what was seen: that is the purpose its reads carry. */
const CENTRE_REVIEW: CaseOpenState = { via: 'purpose', purpose: '緊急アクセスの確認' };

export type Grant = z.infer<typeof BreakGlassGrant>;

export function GrantTable({ caption, grants, showWho, action }: { caption: string; grants: Grant[]; showWho: boolean; action: (g: Grant) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const state = (g: Grant) => (g.active ? t('bg.active') : g.endedAt && g.endedAt < g.expiresAt ? t('bg.ended') : t('bg.expired'));
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('bg.case')}</th>
          {showWho && <th scope="col">{t('bg.who')}</th>}
          <th scope="col">{t('bg.grantedAt')}</th>
          <th scope="col">{t('bg.reason')}</th>
          <th scope="col">{t('bg.until')}</th>
          <th scope="col">{t('bg.state')}</th>
          <th scope="col">{showWho ? t('bg.seen') : t('bg.end')}</th>
        </tr>
      </thead>
      <tbody>
        {grants.map((g) => (
          <tr key={g.id}>
            <td>{g.active || showWho ? <Link to={`/cases/${g.caseId}`} state={showWho ? CENTRE_REVIEW : caseUnderGrant(g.reason)}>{g.caseNumber}</Link> : g.caseNumber}</td>
            {showWho && (
              <td>
                {g.userName}
                <br />
                <small>{g.orgName}</small>
              </td>
            )}
            <td>{formatDateTime(g.grantedAt, lang)}</td>
            <td>
              {localized(reasonOf(g.reason))}（{g.writes ? t('bg.writes') : t('bg.readOnly')}）
              <br />
              <small>{g.note}</small>
            </td>
            <td>{formatDateTime(g.endedAt && g.endedAt < g.expiresAt ? g.endedAt : g.expiresAt, lang)}</td>
            <td>{state(g)}</td>
            <td>{action(g)}</td>
          </tr>
        ))}
        {!grants.length && (
          <tr>
            <td colSpan={showWho ? 7 : 6}>{t('common.none')}</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
