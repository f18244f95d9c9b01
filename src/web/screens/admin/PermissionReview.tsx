// One permission review: every ID active at opening with its roles, last login and the case
// records it opened in the period; per ID the administrator confirms it, revokes some roles, or
// suspends it (each a button named after the ID for screen readers; revoking and suspending ask in
// a dialog). A decision is final and takes effect at once; the result is announced.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { z } from 'zod';
import { CampaignDetail, DecisionAnswer, type ReviewItem } from '../../../domain/api/permission-reviews.ts';
import type { Role } from '../../../domain/organizations.ts';
import { api } from '../../api.ts';
import { ErrorMessage, Field, fieldError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog, errorUnder, when } from './parts.tsx';
import { orgOf, StateBadge } from './PermissionReviews.tsx';

type Item = z.infer<typeof ReviewItem>;
type Ask = { kind: 'revoke' | 'suspend'; item: Item };

export function PermissionReviewScreen() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const [detail, setDetail] = useState<z.infer<typeof CampaignDetail> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [ask, setAsk] = useState<Ask | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const status = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    api.get(`/api/permission-reviews/${id}`, CampaignDetail).then(setDetail, setError);
  }, [id]);
  const lang = i18n.language;
  if (!detail) return error ? <ErrorMessage error={error} /> : <Loading />;
  const c = detail.campaign;
  const roleNames = (roles: readonly Role[]) => roles.map((r) => t(`admin.role.${r}`)).join('、');

  const send = async (item: Item, body: { action: 'confirm' | 'revoke_roles' | 'suspend'; rolesKept?: Role[]; reason?: string }) => {
    const r = await api.post(`/api/permission-reviews/${c.id}/items/${item.userId}/decision`, { ...body, version: item.version }, DecisionAnswer);
    setDetail({ campaign: r.campaign, items: detail.items.map((i) => (i.userId === item.userId ? r.item : i)) });
    setAsk(null);
    setError(null);
    const message = t(`pr.done.${r.item.decision!}`, { loginId: item.loginId });
    setDone(r.campaign.completedAt ? `${message} ${t('pr.completedNow')}` : message);
    // The row's buttons are gone: keyboard focus goes to the announcement instead of the page's top.
    requestAnimationFrame(() => status.current?.focus());
  };
  const confirm = (item: Item) => send(item, { action: 'confirm' }).catch(setError);

  const decision = (i: Item) => {
    if (i.decision) {
      const what =
        i.decision === 'roles_revoked'
          ? t('pr.decided.roles_revoked', { roles: roleNames(i.rolesKept ?? []) })
          : i.decision === 'suspended'
            ? t('pr.decided.suspended', { reason: i.reason ?? '' })
            : t('pr.decided.confirmed');
      return (
        <>
          <strong>{what}</strong>
          <br />
          <small>{t('pr.decidedBy', { by: i.decidedBy ?? '—', at: when(i.decidedAt, lang) })}</small>
        </>
      );
    }
    if (i.settled) return t('pr.noDecisionNeeded');
    if (i.isMe) return t('pr.self');
    if (c.completedAt) return t('pr.undecided');
    return (
      <div className="admin-actions">
        <button type="button" className="admin-small" onClick={() => void confirm(i)} aria-label={t('pr.confirmNamed', { loginId: i.loginId })}>
          {t('pr.confirm')}
        </button>
        {i.roles.length > 1 && (
          <button type="button" className="admin-small secondary" onClick={() => setAsk({ kind: 'revoke', item: i })} aria-label={t('pr.revokeNamed', { loginId: i.loginId })}>
            {t('pr.revoke')}
          </button>
        )}
        <button type="button" className="admin-small danger" onClick={() => setAsk({ kind: 'suspend', item: i })} aria-label={t('pr.suspendNamed', { loginId: i.loginId })}>
          {t('pr.suspend')}
        </button>
      </div>
    );
  };

  const statusOf = (i: Item) => {
    const auto = i.statusReason?.match(/^unused_(\d+)_days$/);
    return (
      <>
        <span className={`admin-badge ${i.status}`}>{t(`admin.status.${i.status}`)}</span>
        {i.status === 'suspended' && auto && <span className="admin-reason">（{t('admin.autoSuspended', { days: auto[1] })}）</span>}
      </>
    );
  };

  return (
    <>
      <p>
        <Link to="/admin/permission-reviews">{t('pr.back')}</Link>
      </p>
      <h1>{t('pr.campaignTitle', { org: orgOf(c, lang) })}</h1>
      <dl className="figures">
        <dt>{t('pr.period')}</dt>
        <dd>
          {when(c.periodStart, lang, false)} 〜 {when(c.openedAt, lang, false)}
        </dd>
        <dt>{t('pr.dueAt')}</dt>
        <dd>{when(c.dueAt, lang, false)}</dd>
        <dt>{t('pr.state')}</dt>
        <dd>
          <StateBadge c={c} />
        </dd>
        <dt>{t('pr.progress')}</dt>
        <dd>{t('pr.progressValue', { decided: c.decided, ids: c.ids })}</dd>
        {c.completedAt && (
          <>
            <dt>{t('pr.completedAt')}</dt>
            <dd>{when(c.completedAt, lang)}</dd>
          </>
        )}
        {c.escalatedAt && (
          <>
            <dt>{t('pr.escalatedAt')}</dt>
            <dd>{when(c.escalatedAt, lang)}</dd>
          </>
        )}
      </dl>
      <p role="status" ref={status} tabIndex={-1} className={done ? 'admin-ok' : undefined}>
        {done ?? ''}
      </p>
      {!ask && <ErrorMessage error={error} />}
      <table>
        <caption>
          {t('pr.itemsCaption')}（{t('common.total', { count: detail.items.length })}）
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('pr.loginId')}</th>
            <th scope="col">{t('pr.name')}</th>
            <th scope="col">{t('pr.roles')}</th>
            <th scope="col">{t('pr.lastLogin')}</th>
            <th scope="col">{t('pr.casesOpened')}</th>
            <th scope="col">{t('pr.status')}</th>
            <th scope="col">{t('pr.decision')}</th>
          </tr>
        </thead>
        <tbody>
          {detail.items.map((i) => (
            <tr key={i.userId}>
              <th scope="row">{i.loginId}</th>
              <td>{i.displayName}</td>
              <td>{roleNames(i.roles)}</td>
              <td>{i.lastLoginAt ? when(i.lastLoginAt, lang) : t('pr.never')}</td>
              <td>{i.casesOpened}</td>
              <td>{statusOf(i)}</td>
              <td>{decision(i)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ask?.kind === 'revoke' && <RevokeDialog item={ask.item} onClose={() => setAsk(null)} onRevoke={(rolesKept) => send(ask.item, { action: 'revoke_roles', rolesKept })} />}
      {ask?.kind === 'suspend' && (
        <ConfirmDialog
          title={t('pr.suspendTitle', { loginId: ask.item.loginId })}
          confirmLabel={t('pr.suspendSubmit')}
          onClose={() => setAsk(null)}
          onConfirm={(f) => send(ask.item, { action: 'suspend', reason: String(f.get('reason') ?? '').trim() })}
        >
          {(e) => (
            <>
              <p>{t('pr.suspendHelp')}</p>
              <Field label={t('pr.reason')} name="reason" required maxLength={200} error={fieldError(e, 'reason')} />
            </>
          )}
        </ConfirmDialog>
      )}
    </>
  );
}

function RevokeDialog({ item, onClose, onRevoke }: { item: Item; onClose: () => void; onRevoke: (kept: Role[]) => Promise<void> }) {
  const { t } = useTranslation();
  const [kept, setKept] = useState<Role[]>(item.roles);
  return (
    <ConfirmDialog title={t('pr.revokeTitle', { loginId: item.loginId })} confirmLabel={t('pr.revokeSubmit')} onClose={onClose} onConfirm={() => onRevoke(kept)}>
      {(e) => {
        const problem = errorUnder(e, 'rolesKept');
        return (
          <fieldset className="field admin-roles" aria-describedby={problem ? 'pr-keep-help pr-keep-error' : 'pr-keep-help'}>
            <legend>{t('pr.keep')}</legend>
            {item.roles.map((r) => (
              <label key={r} className="admin-check">
                <input type="checkbox" checked={kept.includes(r)} onChange={(ev) => setKept(ev.target.checked ? [...kept, r] : kept.filter((x) => x !== r))} />
                {t(`admin.role.${r}`)}
              </label>
            ))}
            <p className="help" id="pr-keep-help">
              {t('pr.revokeHelp')}
            </p>
            {problem && (
              <p className="error" id="pr-keep-error">
                {problem}
              </p>
            )}
          </fieldset>
        );
      }}
    </ConfirmDialog>
  );
}
