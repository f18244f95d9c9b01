// One case on the home: the name, the isolation's last day, then today's report — the form while
// none is made, else what was sent with a way to correct it the same day — and what the last
// sending answered (call the centre, or thank you), announced to screen readers.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../dates.ts';
import { clockTime } from './Field.tsx';
import { dateLang, pickLocalized } from './i18n.ts';
import { ReportForm } from './ReportForm.tsx';
import { ReportOutcome } from './ReportOutcome.tsx';
import { TodayReport } from './TodayReport.tsx';
import type { PatientCaseData, SelfReportOutcome } from './types.ts';

export function CaseCard({ patientCase: c, reload }: { patientCase: PatientCaseData; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const [outcome, setOutcome] = useState<{ result: SelfReportOutcome; corrected: boolean } | null>(null);
  const titleId = `case-${c.caseId}`;
  const lang = dateLang();
  const showForm = editing || (!c.today && c.underObservation);

  const sent = (result: SelfReportOutcome, corrected: boolean) => {
    setOutcome({ result, corrected });
    setEditing(false);
    void reload();
  };

  return (
    <section className="my-card" aria-labelledby={titleId}>
      <h2 id={titleId}>{c.displayName}</h2>
      {c.relation === 'dependant' && <p className="my-tag">{t('case.dependant')}</p>}
      {c.isolation && <p>{t(c.isolation.legal ? 'case.isolationLegal' : 'case.isolationRecommended', { date: formatDate(c.isolation.lastDay, lang) })}</p>}
      {c.underObservation ? <p>{t('case.observeUntil', { date: formatDate(c.observeUntil, lang) })}</p> : !c.today && <p>{t('case.over')}</p>}
      {c.openAlerts.length > 0 && !outcome?.result.callCentre && (
        <div className="my-alerts">
          <h3>{t('case.alerts')}</h3>
          <ul>
            {c.openAlerts.map((a) => (
              <li key={a.rule}>{pickLocalized(a.message)}</li>
            ))}
          </ul>
        </div>
      )}
      <ReportOutcome outcome={outcome} />
      {c.today && !editing && (
        <>
          <p>{t('case.reported', { time: clockTime(c.today.observedAt) })}</p>
          <TodayReport report={c.today} />
          {c.underObservation && (
            <button
              type="button"
              className="my-secondary"
              onClick={() => {
                setOutcome(null);
                setEditing(true);
              }}
            >
              {t('case.correct')}
            </button>
          )}
        </>
      )}
      {showForm && (
        <ReportForm
          caseId={c.caseId}
          initial={editing ? c.today : null}
          correcting={c.today !== null}
          onSent={sent}
          onAlreadyReported={() => {
            setEditing(true);
            void reload();
          }}
          onCancel={editing ? () => setEditing(false) : undefined}
        />
      )}
    </section>
  );
}
