// The weekly report's two tables: by category and disease (this week, cumulative, last year's same
// week), and this week's cases by IDWR age group for the diseases with cases.
import { useTranslation } from 'react-i18next';
import type { WeeklyReport } from '../../../domain/api/weekly-report.ts';
import { CLASSIFICATION_LABELS, CLASSIFICATIONS } from '../../../domain/notification.ts';
import { averagesTable } from '../../../domain/sentinel/averages.ts';
import { IDWR_AGE_BANDS, idwrAgeBandLabel } from '../../../domain/statistics/age-bands.ts';
import { localized } from '../../i18n.ts';

type Section = WeeklyReport['notifiable'];

export function DiseaseTable({ n, year }: { n: Section; year: string }) {
  const { t } = useTranslation();
  return (
    <table>
      <caption>{t('wr.byDisease')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('wr.disease')}</th>
          <th scope="col">{t('wr.thisWeek')}</th>
          <th scope="col">{t('wr.cumulative', { year })}</th>
          <th scope="col">{t('wr.lastYear')}</th>
          <th scope="col">{t('wr.byClassification')}</th>
        </tr>
      </thead>
      {n.categories.map((c) => (
        <tbody key={c.category}>
          <tr>
            <th scope="rowgroup" colSpan={5}>
              {localized(c.name)}
            </th>
          </tr>
          {c.diseases.map((d) => (
            <tr key={d.code}>
              <th scope="row">{localized(d.name)}</th>
              <td>{d.thisWeek}</td>
              <td>{d.cumulative}</td>
              <td>{d.lastYearSameWeek}</td>
              <td>
                {CLASSIFICATIONS.filter((c) => d.byClassification[c] > 0)
                  .map((c) => `${localized(CLASSIFICATION_LABELS[c])} ${d.byClassification[c]}`)
                  .join('、') || '—'}
              </td>
            </tr>
          ))}
        </tbody>
      ))}
    </table>
  );
}

export function AgeBandTable({ n }: { n: Section }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="wr-by-age">
      <table>
        <caption id="wr-by-age">{t('wr.byAge')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('wr.disease')}</th>
            {IDWR_AGE_BANDS.map((b) => (
              <th scope="col" key={b}>
                {localized(idwrAgeBandLabel(b))}
              </th>
            ))}
            <th scope="col">{t('wr.total')}</th>
          </tr>
        </thead>
        <tbody>
          {n.ageBands.map((a) => (
            <tr key={a.code}>
              <th scope="row">{localized(a.name)}</th>
              {a.byAgeBand.map((k, i) => (
                <td key={i}>{k}</td>
              ))}
              <td>{a.total}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Sentinel = NonNullable<WeeklyReport['sentinel']>;

/** 定点把握: each area's patients, sentinels reporting of those designated, and the average with its level. */
export function SentinelTable({ s }: { s: Sentinel }) {
  const { t } = useTranslation();
  const areas = averagesTable(s.rows, s.diseases);
  if (!areas.length) return <p>{t('wr.sentinelNone')}</p>;
  return (
    <table>
      <caption>{t('wr.sentinel')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('wr.sentinelArea')}</th>
          {s.diseases.map((d) => (
            <th scope="col" key={d.code}>
              {t('wr.sentinelCell', { disease: localized(d.short) })}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {areas.map(({ area, name, cells }) => (
          <tr key={area ?? 'nation'}>
            <th scope="row">{localized(name)}</th>
            {cells.map((r, i) => (
              <td key={s.diseases[i]!.code}>
                {r ? t('wr.sentinelValue', { patients: r.patients, reporting: r.reporting, designated: r.designated, average: r.perSentinel?.toFixed(2) ?? '—' }) : '—'}
                {r?.level && r.level !== 'none' ? `（${t(`sn.level.${r.level}`)}）` : ''}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
