// ヘルプデスクによる閲覧 (/helpdesk/centre, issue 14, Q&A 24): the responsible centre's list of the
// helpdesk's requests for its cases — approve or refuse before they start, end them at any time — with
// every page the helpdesk viewed under each access (from the audit log).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { HelpdeskCentreAccess, HelpdeskCentreList } from '../../../domain/api/helpdesk.ts';
import { helpdeskDecidable, HELPDESK_SCREENS } from '../../../domain/privacy/helpdesk.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { formatDateTime } from '../../dates.ts';
import { localized } from '../../i18n.ts';
import type { CaseOpenState } from '../case/open-state.ts';
import { Done, ErrorBox, useAction, useLoad } from '../case/shared.tsx';

type Access = z.infer<typeof HelpdeskCentreAccess>;

/** The centre opens its own case from the list to check what was seen. */
const CENTRE_REVIEW: CaseOpenState = { via: 'purpose', purpose: 'ヘルプデスクによる閲覧の確認' };

export function CentreHelpdeskScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const list = useLoad(() => api.get('/api/helpdesk/centre', HelpdeskCentreList), []);
  const acting = useAction();
  if (list.error) return <ErrorBox error={list.error} />;
  if (!list.data) return <Loading />;
  const button = (a: Access, path: string, body: object, label: string, named: string, done: string) => (
    <form
      onSubmit={acting.run(async () => {
        await api.post(`/api/helpdesk/${a.id}/${path}`, body, HelpdeskCentreAccess);
        await list.reload();
        return done;
      })}
    >
      <button type="submit" disabled={acting.busy} aria-label={named}>
        {label}
      </button>
    </form>
  );
  return (
    <>
      <h1>{t('hd.centreTitle')}</h1>
      <p>{t('hd.centreIntro')}</p>
      <p>
        <strong>{t('hd.waiting', { count: list.data.waiting })}</strong>
      </p>
      <ErrorBox error={acting.error} />
      <Done message={acting.done} />
      <table>
        <caption>{t('hd.centreTitle')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('hd.case')}</th>
            <th scope="col">{t('hd.who')}</th>
            <th scope="col">{t('hd.reason')}</th>
            <th scope="col">{t('hd.period')}</th>
            <th scope="col">{t('hd.state')}</th>
            <th scope="col">{t('hd.viewed')}</th>
            <th scope="col">{t('hd.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {list.data.accesses.map((a) => (
            <tr key={a.id}>
              <td>
                <Link to={`/cases/${a.caseId}`} state={CENTRE_REVIEW}>
                  {a.caseNumber}
                </Link>
              </td>
              <td>
                {a.userName}
                {a.contractorName && (
                  <>
                    <br />
                    <small>{t('hd.contractor', { name: a.contractorName })}</small>
                  </>
                )}
              </td>
              <td>
                {a.ticket}
                <br />
                <small>{a.reason}</small>
              </td>
              <td>
                {t('hd.requestedAt')} {formatDateTime(a.requestedAt, lang)}
                {a.startsAt && a.expiresAt && (
                  <>
                    <br />
                    {formatDateTime(a.startsAt, lang)} – {formatDateTime(a.endedAt && a.endedAt < a.expiresAt ? a.endedAt : a.expiresAt, lang)}
                  </>
                )}
              </td>
              <td>
                {t(`hd.status.${a.status}`)}
                {a.decidedByName && (
                  <>
                    <br />
                    <small>{t('hd.decidedBy', { name: a.decidedByName })}</small>
                  </>
                )}
                {a.endedByName && a.decision !== 'refused' && (
                  <>
                    <br />
                    <small>{t('hd.endedBy', { name: a.endedByName })}</small>
                  </>
                )}
              </td>
              <td>
                {a.reads.length ? (
                  <ul className="plain">
                    {a.reads.map((r, i) => (
                      <li key={i}>
                        {formatDateTime(r.at, lang)} {HELPDESK_SCREENS[r.action] ? localized(HELPDESK_SCREENS[r.action]) : r.action}
                      </li>
                    ))}
                  </ul>
                ) : (
                  t('hd.noneViewed')
                )}
              </td>
              <td>
                {helpdeskDecidable(a.status) && (
                  <>
                    {button(a, 'decision', { decision: 'approve' }, t('hd.approve'), t('hd.approveNamed', { caseNumber: a.caseNumber }), t('hd.approved'))}
                    {button(a, 'decision', { decision: 'refuse' }, t('hd.refuse'), t('hd.refuseNamed', { caseNumber: a.caseNumber }), t('hd.refused'))}
                  </>
                )}
                {a.status === 'active' && button(a, 'end', {}, t('hd.end'), t('hd.endNamed', { caseNumber: a.caseNumber }), t('hd.endedDone'))}
              </td>
            </tr>
          ))}
          {!list.data.accesses.length && (
            <tr>
              <td colSpan={7}>{t('common.none')}</td>
            </tr>
          )}
        </tbody>
      </table>
    </>
  );
}
