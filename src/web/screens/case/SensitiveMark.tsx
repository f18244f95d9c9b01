// 要配慮の記録 (issue 12): the responsible centre's staff mark a public figure's or a member of
// staff's record, so that every access to it is reviewed. Shown to health-centre staff; only the
// responsible centre's may change it (the server says which: canMark).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { SENSITIVE_KINDS } from '../../../domain/access-review/review.ts';
import { SensitiveMark as Mark } from '../../../domain/api/review.ts';
import { api } from '../../api.ts';
import { Done, ErrorBox, SelectField, text, useAction, useLoad, type CaseTabProps } from './shared.tsx';

export function SensitiveMark({ caseId, get }: { caseId: string; get: CaseTabProps['get'] }) {
  const { t } = useTranslation();
  const loaded = useLoad(() => get(`/api/cases/${caseId}/sensitive`, Mark), [caseId, get]);
  const [changed, setChanged] = useState<z.infer<typeof Mark> | null>(null);
  const mark = changed ?? loaded.data;
  const action = useAction();
  const url = `/api/cases/${caseId}/sensitive`;
  return (
    <section aria-labelledby="sensitive-heading" className="panel">
      <h2 id="sensitive-heading">{t('rv.sensitive')}</h2>
      <p className="help">{t('rv.sensitiveHelp')}</p>
      <ErrorBox error={loaded.error} />
      {mark && (
        <>
          <p>{mark.marked && mark.kind ? t('rv.sensitiveMarked', { kind: t(`rv.sensitive.${mark.kind}`) }) : t('rv.sensitiveNone')}</p>
          {mark.canMark && (
            <form
              onSubmit={action.run(async (f) => {
                setChanged(await api.put(url, { kind: text(f, 'kind') }, Mark));
                return t('rv.sensitiveSaved');
              }, { keep: true })}
            >
              <SelectField label={t('rv.sensitiveKind')} name="kind" defaultValue={mark.kind ?? 'public_figure'} options={SENSITIVE_KINDS.map((k) => ({ value: k, label: t(`rv.sensitive.${k}`) }))} />
              <button type="submit" disabled={action.busy}>
                {t('rv.mark')}
              </button>{' '}
              {mark.marked && (
                <button type="button" className="secondary" disabled={action.busy} onClick={() => void api.delete(url, Mark).then(setChanged, action.setError)}>
                  {t('rv.unmark')}
                </button>
              )}
            </form>
          )}
          <ErrorBox error={action.error} />
          <Done message={action.done} />
        </>
      )}
    </section>
  );
}
