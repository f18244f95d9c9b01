// One leak incident: the form of seed 004's items (new, from a confirmed alert, or an edit with the
// version read), the linked alerts, the download of the report sent upward, and the history.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import type { z } from 'zod';
import { ComplianceOrganizations } from '../../../domain/api/compliance.ts';
import { Incident, IncidentDetail } from '../../../domain/api/incidents.ts';
import {
  INCIDENT_MEDIA,
  INCIDENT_STATUSES,
  MEDIUM_LABELS,
  RECIPIENT_LABELS,
  REPORT_RECIPIENTS,
  SECONDARY_DAMAGE,
  SECONDARY_DAMAGE_LABELS,
  STATUS_LABELS,
} from '../../../domain/privacy/incidents.ts';
import { api } from '../../api.ts';
import { Checkbox, ErrorMessage, Field, fieldError, SelectField, TextAreaField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import { useLoad } from '../case/shared.tsx';

type IncidentView = z.infer<typeof Incident>;

/** An instant as <input type="datetime-local"> shows it, in Japan time. */
const local = (iso: string | null) => (iso ? new Date(Date.parse(iso) + 9 * 3_600_000).toISOString().slice(0, 16) : '');
const instant = (v: string) => (v ? `${v}:00+09:00` : null);
const orNull = (v: FormDataEntryValue | null) => (v === null || String(v).trim() === '' ? null : String(v).trim());
const orgOf = (f: FormData) => orNull(f.get('orgId')) ?? undefined;
const numberOrNull = (v: FormDataEntryValue | null) => (orNull(v) === null ? null : Number(v));

export function IncidentScreen() {
  const { id } = useParams();
  const detail = useLoad(() => (id ? api.get(`/api/incidents/${id}`, IncidentDetail) : Promise.resolve(null)), [id]);
  // Kept here: the editor is drawn anew for each version read, the confirmation stays.
  const [saved, setSaved] = useState(false);
  if (id && detail.error) return <ErrorMessage error={detail.error} />;
  if (id && !detail.data) return <Loading />;
  const onSaved = async () => {
    await detail.reload();
    setSaved(true);
  };
  return <IncidentEditor key={detail.data?.incident.version ?? 'new'} detail={detail.data} saved={saved} onSaved={() => void onSaved()} />;
}

function IncidentEditor({ detail, saved, onSaved }: { detail: z.infer<typeof IncidentDetail> | null; saved: boolean; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const i: IncidentView | null = detail?.incident ?? null;
  const fromAlert = params.get('alert');
  const orgs = useLoad(() => (detail ? Promise.resolve(null) : api.get('/api/compliance/organizations', ComplianceOrganizations)), [detail === null]);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      occurredAt: instant(String(f.get('occurredAt') ?? '')),
      discoveredAt: instant(String(f.get('discoveredAt') ?? '')) ?? '',
      summary: String(f.get('summary') ?? ''),
      dataKinds: String(f.get('dataKinds') ?? ''),
      recordCount: numberOrNull(f.get('recordCount')),
      personCount: numberOrNull(f.get('personCount')),
      media: INCIDENT_MEDIA.filter((m) => f.get(`media.${m}`) === 'on'),
      mediaNote: orNull(f.get('mediaNote')),
      notification: orNull(f.get('notification')),
      notifiedOn: orNull(f.get('notifiedOn')),
      secondaryDamage: String(f.get('secondaryDamage')),
      secondaryDamageNote: orNull(f.get('secondaryDamageNote')),
      cause: orNull(f.get('cause')),
      prevention: orNull(f.get('prevention')),
      reports: Object.fromEntries(REPORT_RECIPIENTS.map((r) => [r, orNull(f.get(`reports.${r}`))])),
      status: String(f.get('status')),
      evidenceSeqs: String(f.get('evidenceSeqs') ?? '')
        .split(/[,、\s]+/)
        .filter(Boolean)
        .map(Number),
    };
    setBusy(true);
    setError(null);
    try {
      if (i) {
        await api.patch(`/api/incidents/${i.id}`, { ...body, version: i.version }, Incident);
        onSaved();
      } else {
        const made = await api.post('/api/incidents', { ...body, orgId: orgOf(f), alertIds: fromAlert ? [fromAlert] : [] }, Incident);
        navigate(`/incidents/${made.id}`);
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }

  const err = (path: string) => fieldError(error, path);
  return (
    <>
      <h1>{t(i ? 'inc.editTitle' : 'inc.newTitle')}</h1>
      <p>
        <Link to="/incidents">{t('inc.back')}</Link>
        {i && (
          <>
            {' ・ '}
            <a href={`/api/incidents/${i.id}/report.xlsx`} download>
              {t('inc.download')}
            </a>
          </>
        )}
      </p>
      {saved && <p role="status">{t('inc.saved')}</p>}
      <ErrorMessage error={error} />
      <form onSubmit={(e) => void submit(e)} aria-label={t(i ? 'inc.editTitle' : 'inc.newTitle')}>
        {!i && (
          <SelectField
            label={t('inc.org')}
            name="orgId"
            options={(orgs.data?.organizations ?? []).map((o) => ({ value: o.id, label: i18n.language === 'en' ? o.nameEn : o.nameJa }))}
          />
        )}
        <Field label={t('inc.occurredAt')} name="occurredAt" type="datetime-local" defaultValue={local(i?.occurredAt ?? null)} error={err('occurredAt')} />
        <Field label={t('inc.discoveredAt')} name="discoveredAt" type="datetime-local" required defaultValue={local(i?.discoveredAt ?? null)} error={err('discoveredAt')} />
        <TextAreaField label={t('inc.summary')} name="summary" required rows={4} defaultValue={i?.summary} error={err('summary')} />
        <Field label={t('inc.dataKinds')} name="dataKinds" defaultValue={i?.dataKinds} error={err('dataKinds')} />
        <Field label={t('inc.recordCount')} name="recordCount" type="number" min={0} defaultValue={i?.recordCount ?? ''} error={err('recordCount')} />
        <Field label={t('inc.personCount')} name="personCount" type="number" min={0} defaultValue={i?.personCount ?? ''} error={err('personCount')} />
        <fieldset>
          <legend>{t('inc.media')}</legend>
          {INCIDENT_MEDIA.map((m) => (
            <Checkbox key={m} label={localized(MEDIUM_LABELS[m])} name={`media.${m}`} defaultChecked={i?.media.includes(m)} />
          ))}
        </fieldset>
        <Field label={t('inc.mediaNote')} name="mediaNote" defaultValue={i?.mediaNote ?? ''} error={err('mediaNote')} />
        <TextAreaField label={t('inc.notification')} name="notification" defaultValue={i?.notification ?? ''} error={err('notification')} />
        <Field label={t('inc.notifiedOn')} name="notifiedOn" type="date" defaultValue={i?.notifiedOn ?? ''} error={err('notifiedOn')} />
        <SelectField
          label={t('inc.secondaryDamage')}
          name="secondaryDamage"
          defaultValue={i?.secondaryDamage ?? 'unknown'}
          options={SECONDARY_DAMAGE.map((s) => ({ value: s, label: localized(SECONDARY_DAMAGE_LABELS[s]) }))}
        />
        <TextAreaField label={t('inc.secondaryDamageNote')} name="secondaryDamageNote" defaultValue={i?.secondaryDamageNote ?? ''} error={err('secondaryDamageNote')} />
        <TextAreaField label={t('inc.cause')} name="cause" defaultValue={i?.cause ?? ''} error={err('cause')} />
        <TextAreaField label={t('inc.prevention')} name="prevention" defaultValue={i?.prevention ?? ''} error={err('prevention')} />
        <fieldset>
          <legend>{t('inc.reports')}</legend>
          {REPORT_RECIPIENTS.map((r) => (
            <Field key={r} label={localized(RECIPIENT_LABELS[r])} name={`reports.${r}`} type="date" defaultValue={i?.reports[r] ?? ''} error={err(`reports.${r}`)} />
          ))}
        </fieldset>
        <SelectField
          label={t('inc.status')}
          name="status"
          defaultValue={i?.status ?? 'open'}
          error={err('status')}
          options={INCIDENT_STATUSES.map((s) => ({ value: s, label: localized(STATUS_LABELS[s]) }))}
        />
        <Field label={t('inc.evidence')} name="evidenceSeqs" inputMode="numeric" defaultValue={i?.evidenceSeqs.join(', ') ?? ''} error={err('evidenceSeqs.0')} />
        <button type="submit" disabled={busy}>
          {t('inc.save')}
        </button>
      </form>
      {i && (
        <>
          <h2>{t('inc.alerts')}</h2>
          {i.alerts.length ? (
            <ul>
              {i.alerts.map((a) => (
                <li key={a.id}>
                  {a.day ?? '—'} {a.subjectLoginId ?? '—'}（{a.source}）
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('common.none')}</p>
          )}
          <table>
            <caption>{t('inc.history')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('inc.version')}</th>
                <th scope="col">{t('inc.changedAt')}</th>
                <th scope="col">{t('inc.changedBy')}</th>
                <th scope="col">{t('inc.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {detail!.history.map((h) => (
                <tr key={h.version}>
                  <td>{h.version}</td>
                  <td>{formatDateTime(h.changedAt, i18n.language)}</td>
                  <td>{h.changedByName ?? '—'}</td>
                  <td>{h.fields.map((f) => (i18n.exists(`inc.${f}`) ? t(`inc.${f}` as never) : f)).join('、')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
