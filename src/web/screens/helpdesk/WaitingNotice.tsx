// The centre's in-app notice of helpdesk requests (issue 14, Q&A 24): on its home page, how many wait
// for its answer, with the way to the list. Nothing when none wait.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api.ts';
import { useLoad } from '../case/shared.tsx';

const Waiting = z.object({ waiting: z.number() });

export function HelpdeskWaitingNotice() {
  const { t } = useTranslation();
  const count = useLoad(() => api.get('/api/helpdesk/centre/waiting', Waiting), []);
  if (!count.data?.waiting) return null;
  return (
    <p className="grant-notice" role="status">
      <Link to="/helpdesk/centre">
        {t('hd.centreTitle')}: {t('hd.waiting', { count: count.data.waiting })}
      </Link>
    </p>
  );
}
