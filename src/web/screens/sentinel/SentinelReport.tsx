// The sentinel institution's weekly report (定点報告): choose the week (this week by default, among
// those it is designated in), enter each disease's patients by age band and sex, file — zeros are a
// report — or correct until it is due; below, the recent weeks with their status.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SentinelReportList } from '../../../domain/api/sentinel.ts';
import { addWeeks, parseWeekKey, weekKey, weekStart } from '../../../domain/iso-week.ts';
import { sentinelDefinitionFor } from '../../../domain/sentinel/definition.ts';
import { coversWeek } from '../../../domain/sentinel/rules.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { Done, useLoad } from '../case/shared.tsx';
import { KIND, WeekForm } from './WeekForm.tsx';
import { useWeekLabel, WeekSelect } from './WeekSelect.tsx';

const SHOWN_WEEKS = 12;

export function SentinelReportScreen() {
  const { t, i18n } = useTranslation();
  const list = useLoad(() => api.get(`/api/sentinel/reports?kind=${KIND}&weeks=${SHOWN_WEEKS}`, SentinelReportList), []);
  const [week, setWeek] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const weekLabel = useWeekLabel();
  if (list.error) return <ErrorMessage error={list.error} />;
  if (!list.data) return <Loading />;
  const current = parseWeekKey(list.data.currentWeek)!;
  const weeks = Array.from({ length: SHOWN_WEEKS }, (_, i) => addWeeks(current, -i)).filter((w) => list.data!.designations.some((d) => coversWeek(d, w)));
  const keys = weeks.map(weekKey);
  const shown = week ?? keys[0] ?? null;
  const report = list.data.reports.find((r) => r.week === shown) ?? null;
  const diseases = sentinelDefinitionFor(KIND, weekStart(current))?.diseases ?? [];
  return (
    <>
      <h1>{t('sn.reportTitle')}</h1>
      {shown === null ? (
        <p>{t('sn.notDesignated')}</p>
      ) : (
        <>
          <WeekSelect
            label={t('sn.week')}
            help={t('sn.weekHelp')}
            weeks={keys}
            value={shown}
            onWeek={(w) => {
              setDone(null);
              setWeek(w);
            }}
          />
          <WeekForm
            key={`${shown}-${report?.version ?? 0}`}
            week={shown}
            report={report}
            onSaved={async (message) => {
              await list.reload();
              setDone(message);
            }}
          />
        </>
      )}
      <Done message={done} />
      <table>
        <caption>{t('sn.recent')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sn.week')}</th>
            {diseases.map((d) => (
              <th scope="col" key={d.code}>
                {localized(d.short)}
              </th>
            ))}
            <th scope="col">{t('dr.filedAt')}</th>
            <th scope="col">{t('sn.status')}</th>
            <th scope="col">{t('sn.version')}</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const r = list.data!.reports.find((x) => x.week === k);
            return (
              <tr key={k}>
                <th scope="row">
                  <button type="button" className="link" onClick={() => {
                      setDone(null);
                      setWeek(k);
                    }}>
                    {weekLabel(k)}
                  </button>
                </th>
                {diseases.map((d) => (
                  <td key={d.code}>{r ? r.totals[d.code] : '—'}</td>
                ))}
                <td>{r ? formatDateTime(r.filedAt, i18n.language) : '—'}</td>
                <td>{r ? (r.late ? t('sn.late') : t('sn.onTime')) : t('sn.notFiled')}</td>
                <td>{r?.version ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
