// 委託先の抜き打ち検査 (issue 14, seed 000): for an organisation of the officer's tree and any period,
// every audited action of its contractors' staff — on screen (the first rows) and as CSV (all).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ComplianceOrganizations } from '../../../domain/api/compliance.ts';
import { InspectionReport } from '../../../domain/api/inspection.ts';
import { api, query } from '../../api.ts';
import { ErrorMessage, Field, fieldError, SelectField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import { useLoad } from '../case/shared.tsx';

type Report = z.infer<typeof InspectionReport>;
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const monthStart = () => `${todayInJapan().slice(0, 8)}01`;

export function InspectionScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const orgs = useLoad(() => api.get('/api/compliance/organizations', ComplianceOrganizations), []);
  const [params, setParams] = useState<Record<string, string> | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);

  async function show(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const p = Object.fromEntries([...new FormData(e.currentTarget)].map(([k, v]) => [k, String(v)]));
    setError(null);
    setReport(null);
    try {
      setReport(await api.get(`/api/compliance/inspection${query(p)}`, InspectionReport));
      setParams(p);
    } catch (err) {
      setError(err);
    }
  }

  return (
    <>
      <h1>{t('ct.title')}</h1>
      <p>{t('ct.intro')}</p>
      <form className="search" aria-label={t('ct.title')} onSubmit={(e) => void show(e)}>
        <SelectField
          label={t('ct.org')}
          name="orgId"
          options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: lang === 'en' ? o.nameEn : o.nameJa }))}
        />
        <Field label={t('ct.from')} name="from" type="date" required defaultValue={monthStart()} error={fieldError(error, 'from')} />
        <Field label={t('ct.to')} name="to" type="date" required defaultValue={todayInJapan()} error={fieldError(error, 'to')} />
        <button type="submit">{t('ct.show')}</button>
      </form>
      <ErrorMessage error={error ?? orgs.error} />
      {report && params && (
        <>
          <p>
            {report.from} 〜 {report.to}：{t('ct.summary', { users: report.contractorIds, accesses: report.total })}{' '}
            <a href={`/api/compliance/inspection.csv${query(params)}`} download>
              {t('ct.csv')}
            </a>
          </p>
          {report.truncated && <p>{t('ct.truncated', { limit: report.total })}</p>}
          <table>
            <caption>{t('ct.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('ct.at')}</th>
                <th scope="col">{t('ct.user')}</th>
                <th scope="col">{t('ct.column')}</th>
                <th scope="col">{t('ct.action')}</th>
                <th scope="col">{t('ct.outcome')}</th>
                <th scope="col">{t('ct.caseNumbers')}</th>
              </tr>
            </thead>
            <tbody>
              {report.rows.map((r) => (
                <tr key={r.seq}>
                  <td>{formatDateTime(r.at, lang)}</td>
                  <td>
                    {r.loginId}
                    <br />
                    <small>
                      {r.displayName}（{r.orgName}）
                    </small>
                  </td>
                  <td>{r.contractorName}</td>
                  <td>{r.action}</td>
                  <td>{r.outcome}</td>
                  <td>{r.caseNumbers.join(' ')}</td>
                </tr>
              ))}
              {!report.rows.length && (
                <tr>
                  <td colSpan={6}>{t('common.none')}</td>
                </tr>
              )}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
