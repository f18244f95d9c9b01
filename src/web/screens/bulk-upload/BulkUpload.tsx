// 一括登録 (/bulk-uploads, issue 15): the templates and the demo sample, the upload of a CSV or XLSX
// (a health centre names the institution whose faxes it keys in), and the organisation's uploads.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { BulkUploadCreated, BulkUploadList } from '../../../domain/api/bulk-uploads.ts';
import { api, ApiError } from '../../api.ts';
import { localized } from '../../i18n.ts';
import { Loading } from '../../components/Loading.tsx';
import { useSession } from '../../session.tsx';
import { ErrorBox, useAction, useLoad } from '../case/shared.tsx';
import { DiseaseField } from '../notify/DiseaseField.tsx';
import { diseaseName } from '../notify/forms.ts';
import { useInstitutions } from '../notify/ProxyFields.tsx';

/** A file's bytes as base64, the way the API takes them. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** What does not match in the heading row of a refused file: the columns missing and the headings not known. */
function HeadingProblems({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!(error instanceof ApiError) || error.problem.code !== 'bulk_upload_wrong_headers') return null;
  const d = (error.problem.details ?? {}) as { missing?: { key: string; label: { ja: string; en: string } }[]; unknown?: string[]; duplicate?: string[] };
  return (
    <ul className="error">
      {(d.missing ?? []).map((m) => (
        <li key={m.key}>{t('bu.missingColumn', { label: localized(m.label) })}</li>
      ))}
      {(d.unknown ?? []).map((h) => (
        <li key={`u-${h}`}>{t('bu.unknownColumn', { heading: h })}</li>
      ))}
      {(d.duplicate ?? []).map((h) => (
        <li key={`d-${h}`}>{t('bu.duplicateColumn', { heading: h })}</li>
      ))}
    </ul>
  );
}

export function BulkUploadScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  const navigate = useNavigate();
  const { state } = useLocation() as { state: { discarded?: number } | null };
  const centre = me!.organization.kind === 'health_center';
  const institutions = useInstitutions(centre);
  const list = useLoad(() => api.get('/api/bulk-uploads', BulkUploadList), []);
  const upload = useAction();
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const [disease, setDisease] = useState('');
  const template = (format: 'xlsx' | 'csv') => `/api/bulk-uploads/template?disease=${disease}&format=${format}&lang=${lang}`;

  return (
    <>
      <h1>{t('bu.title')}</h1>
      {state?.discarded !== undefined && (
        <p role="status" className="done">
          {t('bu.discarded', { count: state.discarded })}
        </p>
      )}
      <p>{t('bu.help')}</p>
      <p>{t('bu.disease')}</p>
      <DiseaseField value={disease} onValue={setDisease} />
      <section aria-labelledby="bu-templates">
        <h2 id="bu-templates">{t('bu.templates')}</h2>
        <ul>
          {disease ? (
            <>
              <li>
                <a href={template('xlsx')} download>
                  {t('bu.templateXlsx')}
                </a>
              </li>
              <li>
                <a href={template('csv')} download>
                  {t('bu.templateCsv')}
                </a>
              </li>
            </>
          ) : (
            <li>{t('bu.chooseDisease')}</li>
          )}
          <li>
            <a href="/api/bulk-uploads/sample" download>
              {t('bu.sample')}
            </a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="bu-upload">
        <h2 id="bu-upload">{t('bu.upload')}</h2>
        <ErrorBox error={upload.error} />
        <HeadingProblems error={upload.error} />
        <form
          onSubmit={upload.run(async (f) => {
            const file = f.get('file');
            if (!disease) throw new Error(t('disease.choose'));
            if (!(file instanceof File) || !file.size) throw new Error(t('message.bulk_upload_empty'));
            const r = await api.post(
              '/api/bulk-uploads',
              {
                disease,
                fileName: file.name,
                contentBase64: await base64Of(file),
                ...(centre ? { institutionId: String(f.get('institutionId') ?? ''), source: String(f.get('source') ?? 'fax') } : {}),
              },
              BulkUploadCreated,
            );
            navigate(`/bulk-uploads/${r.id}`, { state: { existing: r.existing } });
          })}
        >
          {centre && (
            <>
              <div className="field">
                <label htmlFor="bu-institution">{t('bu.institution')}</label>
                <select id="bu-institution" name="institutionId" required defaultValue="">
                  <option value="">{t('test.choose')}</option>
                  {(institutions ?? []).map((o) => (
                    <option key={o.id} value={o.id}>
                      {lang === 'en' ? o.nameEn : o.nameJa}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="bu-source">{t('bu.source')}</label>
                <select id="bu-source" name="source" defaultValue="fax">
                  <option value="fax">{t('bu.source.fax')}</option>
                  <option value="paper">{t('bu.source.paper')}</option>
                </select>
              </div>
            </>
          )}
          <div className="field">
            <label htmlFor="bu-file">{t('bu.file')}</label>
            <input id="bu-file" name="file" type="file" required accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" />
          </div>
          <button type="submit" disabled={upload.busy}>
            {upload.busy ? t('bu.uploading') : t('bu.submit')}
          </button>
        </form>
      </section>
      <section aria-labelledby="bu-list">
        <h2 id="bu-list">{t('bu.list')}</h2>
        <ErrorBox error={list.error} />
        {!list.data ? (
          <Loading />
        ) : list.data.uploads.length === 0 ? (
          <p>{t('bu.none')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('bu.list')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('bu.fileName')}</th>
                <th scope="col">{t('disease.label')}</th>
                <th scope="col">{t('bu.uploadedAt')}</th>
                <th scope="col">{t('bu.rows')}</th>
                <th scope="col">{t('bu.status')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.uploads.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/bulk-uploads/${u.id}`}>{u.fileName}</Link>
                  </td>
                  <td>{localized(diseaseName(u.disease))}</td>
                  <td>{new Date(u.createdAt).toLocaleString(lang === 'en' ? 'en-GB' : 'ja-JP')}</td>
                  <td>{u.counts.total}</td>
                  <td>{t('bu.counts', u.counts)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
