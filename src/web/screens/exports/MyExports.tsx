// データ出力 (/exports, issue 14): the user's own exports; a ready file is downloaded once (its
// password, for a protected Excel file, is typed here and sent in the request's body).
import { useTranslation } from 'react-i18next';
import { ExportList } from '../../../domain/api/exports.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { ExportTable } from './ExportTable.tsx';

function save(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function MyExportsScreen() {
  const { t } = useTranslation();
  const list = useLoad(() => api.get('/api/exports/mine', ExportList), []);
  const fetching = useAction();
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  return (
    <>
      <h1>{t('ex.mineTitle')}</h1>
      <p>{t('ex.mineHelp')}</p>
      <ErrorBox error={fetching.error} />
      <Done message={fetching.done} />
      <ExportTable
        caption={t('ex.mineTitle')}
        exports={list.data}
        action={(e) =>
          e.status === 'ready' ? (
            <form
              onSubmit={fetching.run(async (f) => {
                const password = String(f.get('password') ?? '') || undefined;
                const file = await api.postForFile(`/api/exports/${e.id}/file`, password ? { password } : {});
                save(file.blob, file.fileName);
                await list.reload();
                return t('ex.downloaded');
              })}
            >
              {e.encrypted && (
                <label>
                  {t('ex.password')} <input type="password" name="password" required minLength={8} autoComplete="new-password" />
                </label>
              )}
              <button type="submit" disabled={fetching.busy}>
                {t('ex.download')}
              </button>
            </form>
          ) : (
            '—'
          )
        }
      />
    </>
  );
}
