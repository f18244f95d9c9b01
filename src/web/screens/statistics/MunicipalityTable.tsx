// New cases by municipality of residence in the centre's area, or the prefecture's: where to look
// first. Most cases first; 'unknown' is an address that does not tell and the daily reports.
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../domain/api/statistics.ts';

export function MunicipalityTable({ d }: { d: Dashboard }) {
  const { t } = useTranslation();
  const title = t('st.municipalities');
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={title}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('st.areaName')}</th>
            <th scope="col">{t('st.newCases')}</th>
            <th scope="col">{t('st.per100k')}</th>
            <th scope="col">{t('st.last7')}</th>
            <th scope="col">{t('st.weekOnWeek')}</th>
          </tr>
        </thead>
        <tbody>
          {d.municipalities.map((m) => (
            <tr key={m.code}>
              <th scope="row">{m.nameJa ?? t('st.municipalityUnknown')}</th>
              <td>{m.newCases}</td>
              <td>{m.per100k ?? '—'}</td>
              <td>{m.last7}</td>
              <td>{m.weekOnWeek?.toFixed(2) ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
