// The banner of a case opened under a helpdesk access (issue 14, Q&A 24): read only, until when, and
// that every page viewed is reported to the centre. Shown only to the helpdesk while its access lasts.
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { HelpdeskOwnList } from '../../../domain/api/helpdesk.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../dates.ts';
import { useLoad } from '../case/shared.tsx';

type Own = z.infer<typeof HelpdeskOwnList>['accesses'][number];

/** The helpdesk user's access in force on the case, or null (loaded once with the page). */
export function useHelpdeskOn(caseId: string, enabled: boolean): Own | null {
  const mine = useLoad(async () => (enabled ? api.get('/api/helpdesk/mine', HelpdeskOwnList) : null), [enabled]);
  return mine.data?.accesses.find((a) => a.caseId === caseId && a.status === 'active') ?? null;
}

export function HelpdeskBanner({ access }: { access: Own }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="grant-banner" role="note" aria-label={t('nav.helpdesk')}>
      <p>{t('hd.banner', { ticket: access.ticket, until: formatDateTime(access.expiresAt, i18n.language) })}</p>
    </div>
  );
}
