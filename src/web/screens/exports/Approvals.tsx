// 出力の承認 (/exports/approvals, issue 14): the organisation's exports above the threshold that wait
// for a second person; the requester's own never appear here.
import { useTranslation } from 'react-i18next';
import { ExportList, ExportView } from '../../../domain/api/exports.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { ExportTable } from './ExportTable.tsx';

export function ApprovalsScreen() {
  const { t } = useTranslation();
  const list = useLoad(() => api.get('/api/exports/approvals', ExportList), []);
  const deciding = useAction();
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  const decide = (id: string, approve: boolean) =>
    deciding.run(async () => {
      await api.post(`/api/exports/${id}/decision`, { approve }, ExportView);
      await list.reload();
      return t(approve ? 'ex.approved' : 'ex.refused');
    });
  return (
    <>
      <h1>{t('ex.approvalsTitle')}</h1>
      <p>{t('ex.approvalsHelp')}</p>
      <ErrorBox error={deciding.error} />
      <Done message={deciding.done} />
      <ExportTable
        caption={t('ex.approvalsTitle')}
        exports={list.data}
        action={(e) => (
          <>
            <form onSubmit={decide(e.id, true)}>
              <button type="submit" disabled={deciding.busy} aria-label={`${t('ex.approve')}: ${e.requesterName}`}>
                {t('ex.approve')}
              </button>
            </form>
            <form onSubmit={decide(e.id, false)}>
              <button type="submit" className="secondary" disabled={deciding.busy} aria-label={`${t('ex.refuse')}: ${e.requesterName}`}>
                {t('ex.refuse')}
              </button>
            </form>
          </>
        )}
      />
    </>
  );
}
