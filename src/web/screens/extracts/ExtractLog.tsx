// 抽出の記録 (/extracts/log, issue 14): the organisation's extracts — who, when, the period, the
// quasi-identifiers and k, rows released and suppressed, the purpose and the recipient. The privacy
// officer sees those of the organisations below too (row-level security decides).
import { useTranslation } from 'react-i18next';
import { ExtractList } from '../../../domain/api/extracts.ts';
import { COLUMN_NAMES } from '../../../domain/privacy/extract-fields.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { formatDate, formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { ErrorBox, useLoad } from '../case/shared.tsx';

export function ExtractLogScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useLoad(() => api.get('/api/extracts', ExtractList), []);
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  const short = (q: keyof typeof COLUMN_NAMES) => localized(COLUMN_NAMES[q]);
  return (
    <>
      <h1>{t('extract.logTitle')}</h1>
      <p>{t('extract.logIntro')}</p>
      {list.data.extracts.length === 0 ? (
        <p>{t('extract.none')}</p>
      ) : (
        <table>
          <caption>{t('extract.logTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('extract.createdAt')}</th>
              <th scope="col">{t('extract.who')}</th>
              <th scope="col">{t('extract.period')}</th>
              <th scope="col">{t('extract.qisShort')}</th>
              <th scope="col">k</th>
              <th scope="col">{t('extract.released')}</th>
              <th scope="col">{t('extract.suppressed')}</th>
              <th scope="col">{t('extract.purpose')}</th>
              <th scope="col">{t('extract.recipient')}</th>
              <th scope="col">{t('extract.format')}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.extracts.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.createdAt, lang)}</td>
                <td>
                  {e.userName}（{e.orgName}）
                </td>
                <td>
                  {formatDate(e.from, lang)}〜{formatDate(e.to, lang)}
                </td>
                <td>{e.quasiIdentifiers.map(short).join('、')}</td>
                <td>{e.k}</td>
                <td>{e.rowsReleased}</td>
                <td>{e.rowsSuppressed}</td>
                <td>{e.purpose}</td>
                <td>{e.recipient}</td>
                <td>{e.format.toUpperCase()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
