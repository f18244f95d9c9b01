// One table of exports: when, who, what, why, how many rows, the state, and an action per row.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { ExportView } from '../../../domain/api/exports.ts';
import { exportReasonOf } from '../../../domain/privacy/exports.ts';
import { when } from '../admin/parts.tsx';

type Export = z.infer<typeof ExportView>;

export function ExportTable({ caption, exports, action }: { caption: string; exports: Export[]; action: (e: Export) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  if (exports.length === 0) return <p>{t('ex.none')}</p>;
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ex.createdAt')}</th>
          <th scope="col">{t('ex.requester')}</th>
          <th scope="col">{t('ex.kind')}</th>
          <th scope="col">{t('ex.reason')}</th>
          <th scope="col">{t('ex.rows')}</th>
          <th scope="col">{t('ex.status')}</th>
          <th scope="col">{t('ex.expiresAt')}</th>
          <th scope="col">{t('ex.action')}</th>
        </tr>
      </thead>
      <tbody>
        {exports.map((e) => (
          <tr key={e.id}>
            <td>{when(e.createdAt, i18n.language)}</td>
            <td>{e.requesterName}</td>
            <td>
              {t(`ex.kind.${e.kind}`)} ({e.format.toUpperCase()}
              {e.encrypted ? ' 🔒' : ''})
            </td>
            <td>
              {en ? exportReasonOf(e.reason).en : exportReasonOf(e.reason).ja}: {e.note}
            </td>
            <td>{e.rowCount.toLocaleString(i18n.language)}</td>
            <td>{t(`ex.status.${e.status}`)}</td>
            <td>{e.expiresAt ? when(e.expiresAt, i18n.language) : '—'}</td>
            <td>{action(e)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
