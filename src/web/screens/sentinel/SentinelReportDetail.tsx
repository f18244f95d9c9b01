// One weekly report: its counts, the history of its filing and corrections with their reasons, and —
// for whoever may correct it now (the institution until it is due, the prefecture later) — the correction.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { SentinelReportDetail } from '../../../domain/api/sentinel.ts';
import { sentinelDefinition } from '../../../domain/sentinel/definition.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { api } from '../../api.ts';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { Done, useLoad } from '../case/shared.tsx';
import { WeekForm } from './WeekForm.tsx';
import { useWeekLabel } from './WeekSelect.tsx';

export function SentinelReportDetailScreen() {
  const { id } = useParams();
  const { t, i18n } = useTranslation();
  const weekLabel = useWeekLabel();
  const report = useLoad(() => api.get(`/api/sentinel/reports/${id}`, SentinelReportDetail), [id]);
  const [done, setDone] = useState<string | null>(null);
  if (report.error) return <ErrorMessage error={report.error} />;
  if (!report.data) return <Loading />;
  const r = report.data;
  const diseases = sentinelDefinition(r.kind, r.formVersion)?.diseases ?? [];
  return (
    <>
      <h1>
        {t('sn.reportTitle')}: {localized(r.institutionName)} {weekLabel(r.week)}
      </h1>
      <p>
        {t('dr.filedAt')}: {formatDateTime(r.filedAt, i18n.language)}（{r.late ? t('sn.late') : t('sn.onTime')}）
      </p>
      <WeekForm
        key={r.version}
        week={r.week}
        report={r}
        onSaved={async (message) => {
          await report.reload();
          setDone(message);
        }}
      />
      <Done message={done} />
      <table>
        <caption>{t('dr.history')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.version')}</th>
            <th scope="col">{t('dr.changedAt')}</th>
            <th scope="col">{t('dr.changedBy')}</th>
            {diseases.map((d) => (
              <th scope="col" key={d.code}>
                {localized(d.short)}
              </th>
            ))}
            <th scope="col">{t('sn.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {r.changes.map((c) => (
            <tr key={c.version}>
              <td>
                {c.version}（{c.kind === 'filed' ? t('dr.kindFiled') : t('dr.kindCorrected')}）
              </td>
              <td>{formatDateTime(c.changedAt, i18n.language)}</td>
              <td>{[c.changedByOrgName && localized(c.changedByOrgName), c.changedByName].filter(Boolean).join(' ')}</td>
              {diseases.map((d) => (
                <td key={d.code}>{Object.values(c.counts[d.code] ?? {}).reduce((a, b) => a + b, 0)}</td>
              ))}
              <td>{c.reason ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
