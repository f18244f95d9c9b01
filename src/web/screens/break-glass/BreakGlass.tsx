// 緊急アクセス (/break-glass, issue 14): a doctor or centre staff finds a case outside their scope by
// HER-SYS ID or exact full name and date of birth, states a reason from the list and the situation,
// and opens it under a time-limited grant. Below: their own grants, which they may end early.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { z } from 'zod';
import { BreakGlassGrant, BreakGlassList, BreakGlassReasonList, BreakGlassResult } from '../../../domain/api/break-glass.ts';
import { BREAK_GLASS_REASONS, DEFAULT_BREAK_GLASS_HOURS } from '../../../domain/privacy/break-glass.ts';
import { api } from '../../api.ts';
import { Field, fieldError, SelectField, TextAreaField } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { Done, ErrorBox, Group, text, useAction, useLoad } from '../case/shared.tsx';
import { caseUnderGrant } from './grant-link.ts';
import { GrantTable } from './GrantTable.tsx';

export function BreakGlassScreen() {
  const { t } = useTranslation();
  const mine = useLoad(() => api.get('/api/break-glass/mine', BreakGlassList), []);
  const ending = useAction();
  return (
    <>
      <h1>{t('bg.title')}</h1>
      <p>{t('bg.intro')}</p>
      <RequestForm onGranted={() => void mine.reload()} />
      <h2>{t('bg.mine')}</h2>
      <ErrorBox error={mine.error ?? ending.error} />
      <Done message={ending.done} />
      {mine.data && (
        <GrantTable
          caption={t('bg.mine')}
          grants={mine.data.grants}
          showWho={false}
          action={(g) =>
            g.active ? (
              <form
                onSubmit={ending.run(async () => {
                  await api.post(`/api/break-glass/${g.id}/end`, {}, BreakGlassGrant);
                  await mine.reload();
                  return t('bg.endedDone');
                })}
              >
                <button type="submit" disabled={ending.busy} aria-label={`${t('bg.end')} ${g.caseNumber}`}>
                  {t('bg.end')}
                </button>
              </form>
            ) : null
          }
        />
      )}
    </>
  );
}

function RequestForm({ onGranted }: { onGranted: () => void }) {
  const { t } = useTranslation();
  const reasons = useLoad(() => api.get('/api/break-glass/reasons', BreakGlassReasonList), []);
  const action = useAction();
  const [by, setBy] = useState<'case_number' | 'identity'>('case_number');
  const [result, setResult] = useState<z.infer<typeof BreakGlassResult> | null>(null);
  const err = (path: string) => fieldError(action.error, path);
  const list = reasons.data ?? BREAK_GLASS_REASONS;
  return (
    <>
      <form
        className="bg-request"
        onSubmit={action.run(
          async (f) => {
            setResult(null);
            const search =
              by === 'case_number'
                ? { by, caseNumber: text(f, 'caseNumber') ?? '' }
                : { by, fullName: text(f, 'fullName') ?? '', birthDate: text(f, 'birthDate') ?? '' };
            const answer = await api.post('/api/break-glass', { search, reason: text(f, 'reason') ?? '', note: text(f, 'note') ?? '' }, BreakGlassResult);
            setResult(answer);
            if (answer.grants.length) onGranted();
          },
          { keep: true },
        )}
      >
        <ErrorBox error={reasons.error ?? action.error} />
        <Group legend={t('bg.by')}>
          {(['case_number', 'identity'] as const).map((b) => (
            <label key={b} className="choice">
              <input type="radio" name="by" value={b} checked={by === b} onChange={() => setBy(b)} /> {b === 'case_number' ? t('bg.byCaseNumber') : t('bg.byIdentity')}
            </label>
          ))}
        </Group>
        {by === 'case_number' ? (
          <Field label={t('bg.caseNumber')} name="caseNumber" inputMode="numeric" autoComplete="off" required error={err('search.caseNumber')} />
        ) : (
          <>
            <Field label={t('bg.fullName')} name="fullName" autoComplete="off" required error={err('search.fullName')} />
            <Field label={t('bg.birthDate')} name="birthDate" type="date" required error={err('search.birthDate')} />
          </>
        )}
        <SelectField
          label={t('bg.reason')}
          name="reason"
          required
          empty={t('bg.choose')}
          error={err('reason')}
          options={list.map((r) => ({ value: r.code, label: `${localized(r)}（${r.writes ? t('bg.writes') : t('bg.readOnly')}）` }))}
        />
        <TextAreaField label={t('bg.note')} name="note" required minLength={10} maxLength={1000} rows={3} help={t('bg.noteHelp')} error={err('note')} />
        <p>{t('bg.hours', { hours: DEFAULT_BREAK_GLASS_HOURS })}</p>
        <button type="submit" disabled={action.busy}>
          {t('bg.submit')}
        </button>
      </form>
      {result && (
        <div role="status" className="done">
          {!result.grants.length && !result.inScopeCaseIds.length && <p>{t('bg.notFound')}</p>}
          {result.grants.length > 0 && <p>{t('bg.granted')}</p>}
          <ul>
            {result.grants.map((g) => (
              <li key={g.id}>
                <Link to={`/cases/${g.caseId}`} state={caseUnderGrant(g.reason)}>
                  {t('bg.open')}（{g.caseNumber}）
                </Link>
              </li>
            ))}
            {result.inScopeCaseIds.map((id) => (
              <li key={id}>
                {t('bg.inScope')} <Link to={`/cases/${id}`}>{t('bg.open')}</Link>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
