// The banner of a case opened under a break-the-glass grant (issue 14): until when, why, read only or
// not, and 「終了する」. Shown only to users who may break the glass and hold a grant on this case.
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { BreakGlassGrant, BreakGlassList } from '../../../domain/api/break-glass.ts';
import { reasonOf } from '../../../domain/privacy/break-glass.ts';
import { api } from '../../api.ts';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import type { Grant } from './GrantTable.tsx';

/** The user's grant in force on the case, or null (loaded once with the page). */
export function useGrantOn(caseId: string, enabled: boolean): Grant | null {
  const mine = useLoad(async () => (enabled ? api.get('/api/break-glass/mine', BreakGlassList) : null), [enabled]);
  return mine.data?.grants.find((g) => g.caseId === caseId && g.active) ?? null;
}

export function GrantBanner({ grant }: { grant: Grant }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const ending = useAction();
  return (
    <div className="grant-banner" role="note" aria-label={t('nav.breakGlass')}>
      <p>
        {t('bg.banner', {
          mode: grant.writes ? t('bg.writes') : t('bg.readOnly'),
          until: formatDateTime(grant.expiresAt, i18n.language),
          reason: localized(reasonOf(grant.reason)),
        })}
      </p>
      <form
        onSubmit={ending.run(async () => {
          await api.post(`/api/break-glass/${grant.id}/end`, {}, BreakGlassGrant);
          navigate('/break-glass');
        })}
      >
        <button type="submit" disabled={ending.busy}>
          {t('bg.end')}
        </button>
      </form>
      <ErrorBox error={ending.error} />
    </div>
  );
}
