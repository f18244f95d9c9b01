// The compliance report (seed 000 §2–4) for an organisation of the officer's tree and a period:
// each section's figures, a chart where a share is easier seen than read, and how it was checked;
// the same report downloads as XLSX for the report to the ministry.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ComplianceOrganizations, ComplianceReport } from '../../../domain/api/compliance.ts';
import { SECTION_TITLES, templateLabel, type ComplianceSection } from '../../../domain/privacy/compliance.ts';
import { STATUS_LABELS } from '../../../domain/privacy/incidents.ts';
import { api, query } from '../../api.ts';
import { BarChart } from '../../components/BarChart.tsx';
import { ErrorMessage, Field, fieldError, SelectField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';

type Report = z.infer<typeof ComplianceReport>;
const todayInJapan = () => new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
const monthStart = () => `${todayInJapan().slice(0, 8)}01`;

export function ComplianceScreen() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
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
      setReport(await api.get(`/api/compliance/report${query(p)}`, ComplianceReport));
      setParams(p);
    } catch (err) {
      setError(err);
    }
  }

  const method = (s: ComplianceSection) => report && (
    <p className="method">
      <strong>{t('cmp.method')}：</strong>
      {localized(report.methods[s])}
    </p>
  );
  const Title = ({ s }: { s: ComplianceSection }) => <h2>{localized(SECTION_TITLES[s])}</h2>;
  const r = report;
  return (
    <>
      <h1>{t('cmp.title')}</h1>
      <p>{t('cmp.help')}</p>
      <form className="search" aria-label={t('cmp.title')} onSubmit={(e) => void show(e)}>
        <SelectField
          label={t('cmp.org')}
          name="orgId"
          options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: en ? o.nameEn : o.nameJa }))}
        />
        <Field label={t('cmp.from')} name="from" type="date" required defaultValue={monthStart()} error={fieldError(error, 'from')} />
        <Field label={t('cmp.to')} name="to" type="date" required defaultValue={todayInJapan()} error={fieldError(error, 'to')} />
        <button type="submit">{t('cmp.show')}</button>
      </form>
      <ErrorMessage error={error ?? orgs.error} />
      {r && params && (
        <>
          <p>
            {en ? r.organization.nameEn : r.organization.nameJa}：{r.from} 〜 {r.to}{' '}
            <a href={`/api/compliance/report.xlsx${query(params)}`} download>
              {t('cmp.download')}
            </a>
          </p>
          <Title s="accesses" />
          <dl className="figures">
            <dt>{t('cmp.audited')}</dt>
            <dd>{r.accesses.audited}</dd>
            <dt>{t('cmp.examined')}</dt>
            <dd>{r.accesses.examined}</dd>
            <dt>{t('cmp.explanations')}</dt>
            <dd>{r.accesses.explanations}</dd>
            <dt>{t('cmp.share')}</dt>
            <dd>{r.accesses.explainedShare === null ? '—' : `${r.accesses.explainedShare} %`}</dd>
            <dt>{t('cmp.purposeOnly')}</dt>
            <dd>{r.accesses.purposeOnly}</dd>
          </dl>
          <BarChart
            title={t('cmp.byTemplate')}
            bars={[
              ...r.accesses.byTemplate.map((b) => ({ label: templateLabel(b.template, en ? 'en' : 'ja'), value: b.count })),
              { label: t('cmp.unexplained'), value: r.accesses.unexplained },
            ]}
          />
          {method('accesses')}
          <Title s="alerts" />
          <BarChart
            title={t('cmp.alertsChart')}
            bars={[
              { label: t('cmp.raised'), value: r.alerts.raised },
              ...(['dismiss', 'ask', 'answer', 'escalate'] as const).map((a) => ({ label: t(`cmp.${a}`), value: r.alerts.reviewed[a] })),
              { label: t('cmp.confirmed'), value: r.alerts.confirmed },
              { label: t('cmp.open'), value: r.alerts.open },
            ]}
          />
          {method('alerts')}
          <Title s="permissions" />
          <table>
            <caption>{t('cmp.ids')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inc.org')}</th>
                <th scope="col">{t('cmp.ids')}</th>
                <th scope="col">{t('cmp.active')}</th>
                <th scope="col">{t('cmp.roles')}</th>
              </tr>
            </thead>
            <tbody>
              {r.permissions.byOrg.map((o) => (
                <tr key={o.orgId}>
                  <td>{o.orgName}</td>
                  <td>{o.ids}</td>
                  <td>{o.active}</td>
                  <td>
                    {Object.entries(o.byRole)
                      .map(([role, n]) => `${t(`admin.role.${role}` as never)} ${n}`)
                      .join('、')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <caption>{t('cmp.idList')}（{t('common.total', { count: r.permissions.ids.length })}）</caption>
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">{t('inc.org')}</th>
                <th scope="col">{t('cmp.roles')}</th>
                <th scope="col">{t('cmp.lastLogin')}</th>
                <th scope="col">{t('cmp.state')}</th>
              </tr>
            </thead>
            <tbody>
              {r.permissions.ids.map((u) => (
                <tr key={u.id}>
                  <td>{u.loginId}</td>
                  <td>{u.orgName}</td>
                  <td>{u.roles.map((role) => t(`admin.role.${role}` as never)).join('、')}</td>
                  <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, i18n.language) : '—'}</td>
                  <td>{u.unused ? t('cmp.unusedMark', { days: r.unusedIdDays }) : u.status === 'active' ? t('cmp.active') : t('cmp.suspended')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="figures">
            <dt>{t('cmp.unused', { days: r.unusedIdDays })}</dt>
            <dd>{r.permissions.ids.filter((u) => u.unused).length}</dd>
            <dt>{t('cmp.autoSuspended')}</dt>
            <dd>{r.permissions.autoSuspended}</dd>
          </dl>
          {r.permissions.reviews.length ? (
            <table>
              <caption>{t('cmp.reviews')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('inc.org')}</th>
                  <th scope="col">{t('cmp.reviewCampaigns')}</th>
                  <th scope="col">{t('cmp.reviewOnTime')}</th>
                  <th scope="col">{t('cmp.reviewLate')}</th>
                  <th scope="col">{t('cmp.reviewOverdue')}</th>
                  <th scope="col">{t('cmp.reviewOpen')}</th>
                  <th scope="col">{t('cmp.reviewSuspended')}</th>
                  <th scope="col">{t('cmp.reviewRevoked')}</th>
                </tr>
              </thead>
              <tbody>
                {r.permissions.reviews.map((v) => (
                  <tr key={v.orgId}>
                    <td>{v.orgName}</td>
                    <td>{v.campaigns}</td>
                    <td>{v.doneOnTime}</td>
                    <td>{v.doneLate}</td>
                    <td>{v.overdue}</td>
                    <td>{v.open}</td>
                    <td>{v.idsSuspended}</td>
                    <td>{v.rolesRevoked}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('cmp.noReviews')}</p>
          )}
          {method('permissions')}
          <Title s="takeOut" />
          <dl className="figures">
            <dt>{t('cmp.exports')}</dt>
            <dd>{r.takeOut.exports}</dd>
          </dl>
          {method('takeOut')}
          <Title s="contractors" />
          {r.contractors.length ? (
            <table>
              <caption>{t('cmp.contractor')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cmp.contractor')}</th>
                  <th scope="col">ID</th>
                  <th scope="col">{t('inc.org')}</th>
                  <th scope="col">{t('cmp.accesses')}</th>
                  <th scope="col">{t('cmp.unexplained')}</th>
                </tr>
              </thead>
              <tbody>
                {r.contractors.map((c) => (
                  <tr key={c.userId}>
                    <td>{c.contractorName}</td>
                    <td>{c.loginId}</td>
                    <td>{c.orgName}</td>
                    <td>{c.accesses}</td>
                    <td>{c.unexplained}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p>{t('cmp.noContractors')}</p>
          )}
          {method('contractors')}
          <Title s="incidents" />
          {r.incidents.length ? (
            <ul>
              {r.incidents.map((i) => (
                <li key={i.id}>
                  {formatDateTime(i.discoveredAt, i18n.language)} {i.summary}（{localized(STATUS_LABELS[i.status])}
                  {i.reportedOn ? `、${t('cmp.reportedOn')} ${i.reportedOn}` : ''}）
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('cmp.noIncidents')}</p>
          )}
          {method('incidents')}
        </>
      )}
    </>
  );
}
