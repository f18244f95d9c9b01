// Today's report as it was received, item by item.
import { useTranslation } from 'react-i18next';
import type { SelfReportData } from './types.ts';

export function TodayReport({ report }: { report: SelfReportData }) {
  const { t, i18n } = useTranslation();
  const rows: [string, string | null][] = [
    [t('report.temperature'), report.temperature?.toFixed(1) ?? null],
    [t('report.spo2'), report.spo2?.toString() ?? null],
    [t('report.pulse'), report.pulse?.toString() ?? null],
    [t('report.symptoms'), report.symptoms.map((s) => t(`symptom.${s}`)).join(i18n.language === 'en' ? ', ' : '、') || null],
    [t('report.feeling'), report.feeling && t(`feeling.${report.feeling}`)],
    [t('report.note'), report.note],
  ];
  return (
    <dl className="my-facts">
      {rows
        .filter(([, value]) => value)
        .map(([label, value]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}
