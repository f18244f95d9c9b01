// Home's line for a sentinel institution's users: a link to this week's report while the institution
// is designated, saying whether the week is filed yet. Nothing for an institution not designated.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SentinelReportList } from '../../../domain/api/sentinel.ts';
import { parseWeekKey } from '../../../domain/iso-week.ts';
import { coversWeek } from '../../../domain/sentinel/rules.ts';
import { api } from '../../api.ts';
import { useLoad } from '../case/shared.tsx';

export function SentinelLink() {
  const { t } = useTranslation();
  const list = useLoad(() => api.get('/api/sentinel/reports?weeks=1', SentinelReportList), []);
  const week = list.data ? parseWeekKey(list.data.currentWeek) : null;
  if (!list.data || !week || !list.data.designations.some((d) => coversWeek(d, week))) return null;
  const filed = list.data.reports.some((r) => r.week === list.data!.currentWeek);
  return (
    <p>
      <Link to="/sentinel/report">{t('home.sentinelReport')}</Link> ({filed ? t('sn.filedShort') : t('sn.notFiled')})
    </p>
  );
}
