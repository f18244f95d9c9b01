// A list of cases with masked identity, as the case list and the work lists show them.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { localized } from '../i18n.ts';
import { CASE_FROM_LIST } from '../screens/case/open-state.ts';

export interface CaseRowView {
  caseId: string;
  caseNumber: string;
  maskedName: string;
  sex: 'male' | 'female';
  ageBand: { ja: string; en: string };
  currentStatus?: string | null;
}

export interface Column<R> {
  header: string;
  cell: (row: R) => ReactNode;
}

export function CaseTable<R extends CaseRowView>({ caption, rows, columns = [] }: { caption: string; rows: R[]; columns?: Column<R>[] }) {
  const { t } = useTranslation();
  if (!rows.length) {
    return (
      <section aria-label={caption}>
        <h2>{caption}</h2>
        <p>{t('common.none')}</p>
      </section>
    );
  }
  return (
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('cases.caseNumber')}</th>
          <th scope="col">{t('cases.name')}</th>
          <th scope="col">{t('cases.sex')}</th>
          <th scope="col">{t('cases.age')}</th>
          <th scope="col">{t('cases.status')}</th>
          {columns.map((c) => (
            <th scope="col" key={c.header}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={`${r.caseId}-${i}`}>
            <td>
              {/* From one's own lists: opening the case is work (no purpose asked; CasePage.tsx). */}
              <Link to={`/cases/${r.caseId}`} state={CASE_FROM_LIST}>
                {r.caseNumber}
              </Link>
            </td>
            <td>{r.maskedName}</td>
            <td>{t(`sex.${r.sex}`)}</td>
            <td>{localized(r.ageBand)}</td>
            <td>{r.currentStatus ? t(`status.${r.currentStatus}`) : '—'}</td>
            {columns.map((c) => (
              <td key={c.header}>{c.cell(r)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export { formatDateTime as dateTime } from '../dates.ts';
