// An upload (/bulk-uploads/:id): its rows checked in chunks while a progress bar counts them, the
// preview with every problem at its cell, a row fixed in the browser and checked again, and the
// rows without errors registered (and submitted, by those who may) — each row on its own; the
// upload discarded after a confirmation (its rows not registered deleted).
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { BulkRow, BulkUploadDetail, BulkUploadDiscarded, CheckProgress, RegisterRowsResult } from '../../../domain/api/bulk-uploads.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { Loading } from '../../components/Loading.tsx';
import { localized } from '../../i18n.ts';
import { useSession } from '../../session.tsx';
import { ConfirmDialog } from '../admin/parts.tsx';
import { ErrorBox, useLoad } from '../case/shared.tsx';
import { diseaseName } from '../notify/forms.ts';
import { RowEditor } from './RowEditor.tsx';

type Detail = z.infer<typeof BulkUploadDetail>;
type Row = z.infer<typeof BulkRow>;
type Column = Detail['columns'][number];

/** Checks the rows still unchecked, a chunk per call, telling the counts after each. */
function useChecking(id: string, detail: Detail | null, onDone: () => Promise<void>) {
  const [progress, setProgress] = useState<{ checked: number; total: number } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const started = useRef(false);
  useEffect(() => {
    if (!detail || started.current || detail.counts.checked === detail.counts.total) return;
    started.current = true;
    void (async () => {
      try {
        for (let i = 0; i < 100; i++) {
          const p = await api.post(`/api/bulk-uploads/${id}/check`, {}, CheckProgress);
          setProgress({ checked: p.counts.checked, total: p.counts.total });
          if (p.done) break;
        }
        await onDone();
      } catch (e) {
        setError(e);
      }
    })();
  }, [detail, id, onDone]);
  return { progress, error };
}

function Cell({ row, column }: { row: Row; column: Column }) {
  const problems = row.problems.filter((p) => p.column === column.key);
  const error = problems.find((p) => p.severity === 'error');
  const warning = problems.find((p) => p.severity === 'warning');
  return (
    <td className={error ? 'cell-error' : warning ? 'cell-warning' : undefined} aria-invalid={error ? true : undefined}>
      {row.cells[column.key] ?? ''}
      {problems.map((p, i) => (
        <span key={i} className={p.severity === 'error' ? 'error' : 'warning'}>
          {p.severity === 'warning' ? '⚠ ' : '✖ '}
          {localized(p.message)}
        </span>
      ))}
    </td>
  );
}

export function BulkUploadDetailScreen() {
  const { id } = useParams() as { id: string };
  const { t } = useTranslation();
  const { me } = useSession();
  const { state } = useLocation() as { state: { existing?: boolean } | null };
  const submits = can(me!.user.roles, 'notifications.submit');
  const detail = useLoad(() => api.get(`/api/bulk-uploads/${id}`, BulkUploadDetail), [id]);
  const checking = useChecking(id, detail.data, detail.reload);
  const [show, setShow] = useState<'todo' | 'all'>('todo');
  const [editing, setEditing] = useState<number | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [acknowledge, setAcknowledge] = useState(false);
  const [registering, setRegistering] = useState<{ done: number } | null>(null);
  const [registerError, setRegisterError] = useState<unknown>(null);
  const [registered, setRegistered] = useState<string | null>(null);
  const [discarding, setDiscarding] = useState(false);
  const [discarded, setDiscarded] = useState<string | null>(null);
  const navigate = useNavigate();

  if (detail.error) return <ErrorBox error={detail.error} />;
  if (!detail.data) return <Loading />;
  const d = detail.data;
  const progress = checking.progress ?? { checked: d.counts.checked, total: d.counts.total };
  const checkingNow = progress.checked < progress.total;
  const rows = show === 'all' ? d.rows : d.rows.filter((r) => r.status === 'error' || r.status === 'duplicate');
  const editRow = d.rows.find((r) => r.rowNo === editing) ?? null;
  const withWarnings = d.rows.filter((r) => r.status === 'ready' && r.problems.some((p) => p.severity === 'warning')).length;
  const registrable = submits && !acknowledge ? d.counts.ready - withWarnings : d.counts.ready;

  const replaceRow = (row: Row) => {
    detail.reload();
    setSaved(t('bu.saved', { row: row.rowNo, status: t(`bu.status.${row.status}`) }));
    setEditing(null);
  };

  async function registerAll() {
    setRegisterError(null);
    setRegistered(null);
    let done = 0;
    let failed = 0;
    setRegistering({ done });
    try {
      for (let i = 0; i < 200; i++) {
        const r = await api.post(`/api/bulk-uploads/${id}/register`, { acknowledgeWarnings: acknowledge, limit: 50 }, RegisterRowsResult);
        done += r.registered.length;
        failed += r.failed.length;
        setRegistering({ done });
        if (r.remaining === 0 || (r.registered.length === 0 && r.failed.length === 0)) break;
      }
      setRegistered([t('bu.registeredDone', { count: done }), failed ? t('bu.failedRows', { count: failed }) : ''].filter(Boolean).join(' '));
    } catch (e) {
      setRegisterError(e);
    } finally {
      setRegistering(null);
      await detail.reload();
    }
  }

  return (
    <>
      <p>
        <Link to="/bulk-uploads">{t('bu.back')}</Link>
      </p>
      <h1>
        {t('bu.title')}: {d.fileName}
      </h1>
      {state?.existing && <p className="notice">{t('bu.existing')}</p>}
      <ErrorBox error={checking.error} />
      <div className="field">
        <label htmlFor="bu-progress">{t('bu.progress')}</label>
        <progress id="bu-progress" max={progress.total} value={progress.checked} />
        <p role="status">{checkingNow ? t('bu.checking', progress) : t('bu.checked', progress)}</p>
      </div>
      <p>
        {t('disease.label')}: {localized(diseaseName(d.disease))}
      </p>
      <p>{t('bu.counts', d.counts)}</p>

      {!checkingNow && (
        <section aria-labelledby="bu-register" className="group">
          <h2 id="bu-register" className="visually-hidden">
            {submits ? t('bu.registerSubmit', { count: registrable }) : t('bu.register', { count: registrable })}
          </h2>
          {submits && withWarnings > 0 && (
            <div className="field checkbox">
              <input id="bu-ack" type="checkbox" checked={acknowledge} onChange={(e) => setAcknowledge(e.target.checked)} />
              <label htmlFor="bu-ack">{t('bu.acknowledge')}</label>
            </div>
          )}
          <button type="button" onClick={() => void registerAll()} disabled={registrable === 0 || registering !== null}>
            {submits ? t('bu.registerSubmit', { count: registrable }) : t('bu.register', { count: registrable })}
          </button>
          {registering && <p role="status">{t('bu.registering', registering)}</p>}
          <ErrorBox error={registerError} />
          <p role="status" className={registered ? 'done' : 'visually-hidden'}>
            {registered}
          </p>
        </section>
      )}

      <section aria-labelledby="bu-discard" className="group">
        <h2 id="bu-discard" className="visually-hidden">
          {t('bu.discard')}
        </h2>
        <p>
          {t('bu.discardHelp')} {t('bu.keepDays')}
        </p>
        <button type="button" className="danger" onClick={() => setDiscarding(true)} disabled={d.counts.total === d.counts.registered || registering !== null}>
          {t('bu.discard')}
        </button>
        <p role="status" className={discarded ? 'done' : 'visually-hidden'}>
          {discarded}
        </p>
      </section>
      {discarding && (
        <ConfirmDialog
          title={t('bu.discard')}
          confirmLabel={t('bu.discardConfirm')}
          onClose={() => setDiscarding(false)}
          onConfirm={async () => {
            const r = await api.delete(`/api/bulk-uploads/${id}`, BulkUploadDiscarded);
            setDiscarding(false);
            if (r.uploadDeleted) {
              void navigate('/bulk-uploads', { state: { discarded: r.rowsDeleted } });
              return;
            }
            setDiscarded(t('bu.discarded', { count: r.rowsDeleted }));
            await detail.reload();
          }}
        >
          {() => <p>{t('bu.discardQuestion', { count: d.counts.total - d.counts.registered })}</p>}
        </ConfirmDialog>
      )}

      <p role="status" className={saved ? 'done' : 'visually-hidden'}>
        {saved}
      </p>
      {editRow && <RowEditor uploadId={id} row={editRow} columns={d.columns} onSaved={replaceRow} onClose={() => setEditing(null)} />}

      <fieldset className="group">
        <legend>{t('bu.show')}</legend>
        <label>
          <input type="radio" name="bu-show" checked={show === 'todo'} onChange={() => setShow('todo')} /> {t('bu.show.todo')}
        </label>{' '}
        <label>
          <input type="radio" name="bu-show" checked={show === 'all'} onChange={() => setShow('all')} /> {t('bu.show.all')}
        </label>
      </fieldset>
      <div className="table-scroll bulk-rows" tabIndex={0} role="region" aria-label={t('bu.tableRegion')}>
        <table>
          <caption>{t('bu.table')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bu.row')}</th>
              <th scope="col">{t('bu.status')}</th>
              {d.columns.map((c) => (
                <th scope="col" key={c.key}>
                  {localized(c.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.rowNo} id={`bu-row-${r.rowNo}`}>
                <th scope="row">{r.rowNo}</th>
                <td>
                  {t(`bu.status.${r.status}`)}
                  {r.status === 'registered' && r.caseId && (
                    <>
                      {' '}
                      <Link to={`/cases/${r.caseId}`}>{t('bu.case', { number: r.caseNumber })}</Link> {r.maskedName} ({r.submitted ? t('bu.submitted') : t('bu.draft')})
                    </>
                  )}
                  {r.problems
                    .filter((p) => p.column === null)
                    .map((p, i) => (
                      <span key={i} className="error">
                        ✖ {localized(p.message)}
                      </span>
                    ))}
                  {r.duplicates.length > 0 && r.status !== 'registered' && (
                    <span className="warning">
                      ⚠ {t('bu.duplicates')}: {r.duplicates.map((x) => `${x.maskedName} (${x.cases.map((c) => c.caseNumber).join(', ')})`).join('; ')}
                    </span>
                  )}
                  {r.status !== 'registered' && (
                    <button type="button" onClick={() => setEditing(r.rowNo)} aria-label={t('bu.fixTitle', { row: r.rowNo })}>
                      {t('bu.fix')}
                    </button>
                  )}
                </td>
                {d.columns.map((c) => (
                  <Cell key={c.key} row={r} column={c} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
