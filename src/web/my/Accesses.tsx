// "Who opened my record": the accesses to the patient's record, newest first, by organisation and
// role (never a name), when, what and why; older ones page in with nextBefore. Each can be asked
// about in a few words, and says so once asked.
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PatientAccesses } from '../../domain/api/my.ts';
import { api, query } from '../api.ts';
import { formatDateTime } from '../dates.ts';
import { AccessQuestionForm } from './AccessQuestionForm.tsx';
import { Alert } from './Field.tsx';
import { dateLang, pickLocalized } from './i18n.ts';
import type { PatientAccessData } from './types.ts';

export function Accesses() {
  const { t } = useTranslation();
  const [accesses, setAccesses] = useState<PatientAccessData[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const more = useCallback(
    async (before: number | null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await api.get(`/api/my/accesses${query({ before })}`, PatientAccesses);
        setAccesses((shown) => [...(before === null ? [] : (shown ?? [])), ...page.accesses]);
        setNextBefore(page.nextBefore);
      } catch (e) {
        setError(e);
      } finally {
        setBusy(false);
      }
    },
    [],
  );

  useEffect(() => {
    void more(null);
  }, [more]);

  const asked = (seq: number) => setAccesses((shown) => shown?.map((a) => (a.seq === seq ? { ...a, asked: true } : a)) ?? null);

  return (
    <>
      <h1>{t('accesses.title')}</h1>
      <p>{t('accesses.help')}</p>
      {accesses === null && !error && <p role="status">{t('common.loading')}</p>}
      {accesses?.length === 0 && <p>{t('accesses.none')}</p>}
      {accesses && accesses.length > 0 && (
        <ol className="my-accesses">
          {accesses.map((a) => (
            <AccessItem key={a.seq} access={a} onAsked={() => asked(a.seq)} />
          ))}
        </ol>
      )}
      <Alert error={error} />
      {nextBefore !== null && (
        <button type="button" className="my-secondary" disabled={busy} onClick={() => void more(nextBefore)}>
          {busy ? t('common.loading') : t('accesses.more')}
        </button>
      )}
    </>
  );
}

function AccessItem({ access: a, onAsked }: { access: PatientAccessData; onAsked: () => void }) {
  const { t, i18n } = useTranslation();
  const organisation = i18n.language === 'en' ? a.organization.nameEn : a.organization.nameJa;
  const [justAsked, setJustAsked] = useState(false);
  const roles = a.roles.map((r) => t(`role.${r}`)).join(i18n.language === 'en' ? ', ' : '、');
  return (
    <li className="my-card">
      <dl className="my-facts">
        <div>
          <dt>{t('accesses.when')}</dt>
          <dd>{formatDateTime(a.at, dateLang())}</dd>
        </div>
        <div>
          <dt>{t('accesses.who')}</dt>
          <dd>
            {organisation}
            {roles && (i18n.language === 'en' ? ` (${roles})` : `（${roles}）`)}
          </dd>
        </div>
        <div>
          <dt>{t('accesses.what')}</dt>
          <dd>{pickLocalized(a.what)}</dd>
        </div>
        <div>
          <dt>{t('accesses.why')}</dt>
          <dd>{pickLocalized(a.why)}</dd>
        </div>
      </dl>
      {a.asked ? (
        <p className="my-tag">{t('accesses.asked')}</p>
      ) : (
        <AccessQuestionForm
          seq={a.seq}
          onAsked={() => {
            setJustAsked(true);
            onAsked();
          }}
        />
      )}
      <div role="status">{justAsked && <p>{t('accesses.askedNow')}</p>}</div>
    </li>
  );
}
