// The home: today's date and, for each case the patient reports for (their own first, then the
// household's dependants), where it stands and today's report.
import { useTranslation } from 'react-i18next';
import { formatDate } from '../dates.ts';
import { CaseCard } from './CaseCard.tsx';
import { dateLang } from './i18n.ts';
import type { PatientHomeData } from './types.ts';

export function Home({ home, reload }: { home: PatientHomeData; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  return (
    <>
      <h1>
        {t('home.title')} <span className="my-date">{formatDate(home.today, dateLang())}</span>
      </h1>
      {home.cases.map((c) => (
        <CaseCard key={c.caseId} patientCase={c} reload={reload} />
      ))}
    </>
  );
}
