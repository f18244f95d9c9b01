// The centre's in-app notice (issue 14): on its home page, how many emergency accesses to its cases
// no one there has looked at yet, with the way to the list. Nothing when there are none.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../../api.ts';
import { useLoad } from '../case/shared.tsx';

const Unseen = z.object({ unseen: z.number() });

export function UnseenGrantsNotice() {
  const { t } = useTranslation();
  const count = useLoad(() => api.get('/api/break-glass/centre/unseen', Unseen), []);
  if (!count.data?.unseen) return null;
  return (
    <p className="grant-notice" role="status">
      <Link to="/break-glass/centre">
        {t('bg.centreTitle')}: {t('bg.unseen', { count: count.data.unseen })}
      </Link>
    </p>
  );
}
