// 担当事例への緊急アクセス (/break-glass/centre, issue 14): the responsible centre's list of grants on
// its cases — who, when, why, until — with the ones nobody has looked at yet counted; staff mark each seen.
import { useTranslation } from 'react-i18next';
import { BreakGlassGrant, BreakGlassList } from '../../../domain/api/break-glass.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { GrantTable } from './GrantTable.tsx';

export function CentreGrantsScreen() {
  const { t } = useTranslation();
  const list = useLoad(() => api.get('/api/break-glass/centre', BreakGlassList), []);
  const marking = useAction();
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <h1>{t('bg.centreTitle')}</h1>
      <p>{t('bg.centreIntro')}</p>
      <p>
        <strong>{t('bg.unseen', { count: list.data.unseen })}</strong>
      </p>
      <ErrorBox error={marking.error} />
      <Done message={marking.done} />
      <GrantTable
        caption={t('bg.centreTitle')}
        grants={list.data.grants}
        showWho
        action={(g) =>
          g.seenAt ? (
            t('bg.seenBy', { name: g.seenByName ?? '' })
          ) : (
            <form
              onSubmit={marking.run(async () => {
                await api.post(`/api/break-glass/${g.id}/seen`, {}, BreakGlassGrant);
                await list.reload();
                return t('bg.seen');
              })}
            >
              <button type="submit" disabled={marking.busy} aria-label={`${t('bg.markSeen')} ${g.caseNumber}`}>
                {t('bg.markSeen')}
              </button>
            </form>
          )
        }
      />
    </>
  );
}
