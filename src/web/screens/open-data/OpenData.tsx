// /open-data: the published counts for anyone, without login (issue 13, Q&A 20–22): the latest
// publication's files as CSV and JSON, what it revised, earlier publications, and the data
// dictionary that says what every column means and how suppressed cells read.
import { useTranslation } from 'react-i18next';
import { OpenDataIndex } from '../../../domain/api/open-data.ts';
import { FILE_FORMAT, OPEN_DATA_DICTIONARY, type FileSpec } from '../../../domain/statistics/open-data-dictionary.ts';
import { api } from '../../api.ts';
import { ErrorMessage } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { localized, setLang } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';

const titleOf = (id: string) => localized(OPEN_DATA_DICTIONARY.find((f) => f.id === id)!.title);

export function OpenDataScreen() {
  const { t, i18n } = useTranslation();
  const index = useLoad(() => api.get('/api/open-data', OpenDataIndex), []);
  const p = index.data?.latest;
  return (
    <main id="main" className="open-data">
      <p>
        <button type="button" className="link" onClick={() => void setLang(i18n.language === 'en' ? 'ja' : 'en')}>
          {t('lang.switch')}
        </button>
      </p>
      <h1>{t('od.title')}</h1>
      <p>{t('od.intro')}</p>
      <ErrorMessage error={index.error} />
      {!index.data && !index.error && <Loading />}
      {index.data && !p && <p>{t('od.none')}</p>}
      {p && (
        <>
          <h2>{t('od.latest', { date: p.publishedOn })}</h2>
          <p>{t('od.covers', { from: p.coversFrom, to: p.coversTo, threshold: p.threshold, below: p.threshold - 1 })}</p>
          <table>
            <caption>{t('od.files')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('od.file')}</th>
                <th scope="col">{t('od.rows')}</th>
                <th scope="col">{t('od.download')}</th>
                <th scope="col">SHA-256</th>
              </tr>
            </thead>
            <tbody>
              {p.files.map((f) => (
                <tr key={f.fileId}>
                  <th scope="row">{titleOf(f.fileId)}</th>
                  <td>{f.rows.toLocaleString()}</td>
                  <td>
                    <a href={`/api/open-data/${p.publishedOn}/${f.fileName}`} download>
                      {f.fileName}
                    </a>{' '}
                    <a href={`/api/open-data/${p.publishedOn}/${f.fileName.replace(/\.csv$/, '.json')}`}>JSON</a>
                  </td>
                  <td className="hash">{f.sha256.slice(0, 16)}…</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>{t('od.revisions')}</h2>
          {p.revisions.total === 0 ? (
            <p>{t('od.noRevisions')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('od.revisions')}>
              <table>
                <caption>{t('od.revisionsCaption', { count: p.revisions.total })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('od.file')}</th>
                    <th scope="col">{t('od.row')}</th>
                    <th scope="col">{t('od.column')}</th>
                    <th scope="col">{t('od.previous')}</th>
                    <th scope="col">{t('od.value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.revisions.list.map((r) => (
                    <tr key={`${r.fileId}|${r.rowKey}|${r.column}`}>
                      <td>{titleOf(r.fileId)}</td>
                      <td>{r.rowKey}</td>
                      <td>{r.column}</td>
                      <td>{r.previous === '' ? t('od.suppressed') : r.previous}</td>
                      <td>{r.value === '' ? t('od.suppressed') : r.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2>{t('od.earlier')}</h2>
          <ul className="publications">
            {index.data!.publications.map((e) => (
              <li key={e.publishedOn}>
                {e.publishedOn}：<a href={`/api/open-data/${e.publishedOn}/newly_confirmed_cases_daily.csv`}>newly_confirmed_cases_daily.csv</a>
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>{t('od.dictionary')}</h2>
      <p>{localized(FILE_FORMAT)}</p>
      {OPEN_DATA_DICTIONARY.map((f) => (
        <FileDictionary key={f.id} f={f} />
      ))}
    </main>
  );
}

/** One file's columns; the ministry's files repeat a column per prefecture, so the first few show and the rest fold. */
function FileDictionary({ f }: { f: FileSpec }) {
  const { t } = useTranslation();
  const shown = f.columns.length > 8 ? f.columns.slice(0, 4) : f.columns;
  const row = (c: FileSpec['columns'][number]) => (
    <tr key={c.name}>
      <th scope="row">{c.name}</th>
      <td>{t(`od.type.${c.type}`)}</td>
      <td>{localized(c.description)}</td>
      <td>{c.unit ? localized(c.unit) : '—'}</td>
      <td>{c.empty ? localized(c.empty) : '—'}</td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col">{t('od.column')}</th>
        <th scope="col">{t('od.type')}</th>
        <th scope="col">{t('od.meaning')}</th>
        <th scope="col">{t('od.unit')}</th>
        <th scope="col">{t('od.empty')}</th>
      </tr>
    </thead>
  );
  return (
    <section aria-labelledby={`od-${f.id}`}>
      <h3 id={`od-${f.id}`}>
        {localized(f.title)}（{f.fileName}）
      </h3>
      <p>{localized(f.description)}</p>
      <table>
        <caption>{t('od.columnsOf', { file: f.fileName })}</caption>
        {head}
        <tbody>{shown.map(row)}</tbody>
      </table>
      {shown.length < f.columns.length && (
        <details>
          <summary>{t('od.allColumns', { count: f.columns.length })}</summary>
          <table>
            <caption>{t('od.columnsOf', { file: f.fileName })}</caption>
            {head}
            <tbody>{f.columns.map(row)}</tbody>
          </table>
        </details>
      )}
    </section>
  );
}
