// The area's centres (for a prefecture) or prefectures (for the nation) side by side; a name opens
// that area's dashboard.
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../domain/api/statistics.ts';
import { areaName } from './Dashboard.tsx';

export function SubareaTable({ d, onArea }: { d: Dashboard; onArea: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const title = d.area.kind === 'ministry' ? t('st.prefectures') : t('st.centres');
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
            <th scope="col">{t('st.hospitalized')}</th>
            <th scope="col">{t('st.severe')}</th>
          </tr>
        </thead>
        <tbody>
          {d.subareas.map((s) => (
            <tr key={s.area.id}>
              <th scope="row">
                <button type="button" className="link" onClick={() => onArea(s.area.id)}>
                  {areaName(s.area, en)}
                </button>
              </th>
              <td>{s.newCases}</td>
              <td>{s.per100k ?? '—'}</td>
              <td>{s.last7}</td>
              <td>{s.weekOnWeek?.toFixed(2) ?? '—'}</td>
              <td>{s.hospitalized}</td>
              <td>{s.severe}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
