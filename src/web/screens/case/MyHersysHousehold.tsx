// The household of My HER-SYS: one invited adult reports for the dependants linked to them (a
// child, an elderly parent). Staff link a case to the reporter by the reporter's case number
// (found through the case search, as the case list does) and unlink it; dependants are listed.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CaseList } from '../../../domain/api/cases.ts';
import { CasePatientAccess } from '../../../domain/api/my.ts';
import { api, query } from '../../api.ts';
import { Field, fieldError } from '../../components/Form.tsx';
import type { PatientAccessView } from './MyHersysPanel.tsx';
import { Done, ErrorBox, text, useAction, type CaseTabProps } from './shared.tsx';

interface Props {
  caseId: string;
  access: PatientAccessView;
  mayManage: boolean;
  get: CaseTabProps['get'];
  onChange: (a: PatientAccessView) => void;
}

export function MyHersysHousehold({ caseId, access, mayManage, get, onChange }: Props) {
  const { t } = useTranslation();
  const action = useAction();
  const [missing, setMissing] = useState<string | null>(null);
  const link = action.run(async (f) => {
    setMissing(null);
    const number = text(f, 'headCaseNumber') ?? '';
    const found = await get(`/api/cases${query({ caseNumber: number, limit: 1 })}`, CaseList);
    const head = found.cases.find((c) => c.caseNumber === number);
    if (!head) {
      setMissing(t('case.my.headNotFound', { number }));
      return null;
    }
    onChange(await api.put(`/api/cases/${caseId}/household`, { headCaseId: head.caseId }, CasePatientAccess));
    return t('case.my.linked', { number });
  }, { keep: true });
  const unlink = action.run(async () => {
    onChange(await api.put(`/api/cases/${caseId}/household`, { headCaseId: null }, CasePatientAccess));
    return t('case.my.unlinked');
  });
  const caseLink = (c: { caseId: string; caseNumber: string }) => <Link to={`/cases/${c.caseId}`}>{t('case.my.headCase', { number: c.caseNumber })}</Link>;
  return (
    <section aria-labelledby="my-household-heading">
      <h4 id="my-household-heading">{t('case.my.household')}</h4>
      <dl className="facts">
        <div>
          <dt>{t('case.my.head')}</dt>
          <dd>{access.head ? caseLink(access.head) : t('case.my.noHead')}</dd>
        </div>
        <div>
          <dt>{t('case.my.dependants')}</dt>
          <dd>
            {access.dependants.length ? (
              <ul className="plain">
                {access.dependants.map((d) => (
                  <li key={d.caseId}>{caseLink(d)}</li>
                ))}
              </ul>
            ) : (
              t('common.none')
            )}
          </dd>
        </div>
      </dl>
      {mayManage &&
        (access.head ? (
          <form className="inline" onSubmit={unlink}>
            <button type="submit" disabled={action.busy}>
              {t('case.my.unlink')}
            </button>
          </form>
        ) : (
          !access.dependants.length && (
            <form className="inline" onSubmit={link}>
              <Field
                label={t('case.my.headNumber')}
                help={t('case.my.headHelp')}
                name="headCaseNumber"
                inputMode="numeric"
                autoComplete="off"
                required
                error={missing ?? fieldError(action.error, 'caseNumber') ?? fieldError(action.error, 'headCaseId')}
              />
              <button type="submit" disabled={action.busy}>
                {t('case.my.link')}
              </button>
            </form>
          )
        ))}
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </section>
  );
}
