// ヘルプデスクの閲覧申請 (/helpdesk, issue 14, Q&A 24): the helpdesk names cases by HER-SYS ID for a
// support ticket and asks their centres. The answer never says whether a number names a case. Below:
// its requests, with the case page one click away while an access lasts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { HelpdeskOwnList, HelpdeskRequestResult } from '../../../domain/api/helpdesk.ts';
import { helpdeskPurpose, HELPDESK_MAX_CASES, HELPDESK_REASON_MAX, HELPDESK_REASON_MIN, HELPDESK_TICKET_MAX } from '../../../domain/privacy/helpdesk.ts';
import { api } from '../../api.ts';
import { Field, fieldError, TextAreaField } from '../../components/Form.tsx';
import { formatDateTime } from '../../dates.ts';
import type { CaseOpenState } from '../case/open-state.ts';
import { ErrorBox, text, useAction, useLoad } from '../case/shared.tsx';

type Own = z.infer<typeof HelpdeskOwnList>['accesses'][number];

/** The case page's reads under the access carry the ticket as their purpose. */
const underTicket = (ticket: string): CaseOpenState => ({ via: 'purpose', purpose: helpdeskPurpose(ticket) });

export function HelpdeskRequestScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mine = useLoad(() => api.get('/api/helpdesk/mine', HelpdeskOwnList), []);
  const action = useAction();
  const [sent, setSent] = useState(false);
  const err = (path: string) => fieldError(action.error, path);
  const caseErr = err('caseNumbers') ?? Array.from({ length: HELPDESK_MAX_CASES }, (_, i) => err(`caseNumbers.${i}`)).find(Boolean) ?? null;
  return (
    <>
      <h1>{t('hd.title')}</h1>
      <p>{t('hd.intro')}</p>
      <form
        onSubmit={action.run(async (f) => {
          setSent(false);
          const caseNumbers = (text(f, 'caseNumbers') ?? '').split(/[\s,、]+/).filter(Boolean);
          await api.post('/api/helpdesk', { ticket: text(f, 'ticket') ?? '', reason: text(f, 'reason') ?? '', caseNumbers }, HelpdeskRequestResult);
          setSent(true);
          await mine.reload();
        })}
      >
        <ErrorBox error={action.error} />
        <Field label={t('hd.ticket')} name="ticket" autoComplete="off" required maxLength={HELPDESK_TICKET_MAX} help={t('hd.ticketHelp')} error={err('ticket')} />
        <TextAreaField label={t('hd.reason')} name="reason" required minLength={HELPDESK_REASON_MIN} maxLength={HELPDESK_REASON_MAX} rows={3} error={err('reason')} />
        <TextAreaField label={t('hd.caseNumbers')} name="caseNumbers" required rows={3} inputMode="numeric" autoComplete="off" error={caseErr} />
        <button type="submit" disabled={action.busy}>
          {t('hd.submit')}
        </button>
      </form>
      {sent && (
        <p role="status" className="done">
          {t('hd.sent')}
        </p>
      )}
      <h2>{t('hd.mine')}</h2>
      <ErrorBox error={mine.error} />
      {mine.data && (
        <table>
          <caption>{t('hd.mine')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('hd.case')}</th>
              <th scope="col">{t('hd.ticket')}</th>
              <th scope="col">{t('hd.requestedAt')}</th>
              <th scope="col">{t('hd.centre')}</th>
              <th scope="col">{t('hd.period')}</th>
              <th scope="col">{t('hd.state')}</th>
            </tr>
          </thead>
          <tbody>
            {mine.data.accesses.map((a: Own) => (
              <tr key={a.id}>
                <td>
                  {a.status === 'active' && a.caseId ? (
                    <Link to={`/cases/${a.caseId}`} state={underTicket(a.ticket)} aria-label={t('hd.openNamed', { caseNumber: a.caseNumber })}>
                      {a.caseNumber}
                    </Link>
                  ) : (
                    a.caseNumber
                  )}
                </td>
                <td>{a.ticket}</td>
                <td>{formatDateTime(a.requestedAt, lang)}</td>
                <td>{a.responsibleHcName ?? '—'}</td>
                <td>{a.startsAt && a.expiresAt ? `${formatDateTime(a.startsAt, lang)} – ${formatDateTime(a.endedAt ?? a.expiresAt, lang)}` : t('hd.hours', { hours: a.hours })}</td>
                <td>{t(`hd.status.${a.status}`)}</td>
              </tr>
            ))}
            {!mine.data.accesses.length && (
              <tr>
                <td colSpan={6}>{t('common.none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      )}
    </>
  );
}
