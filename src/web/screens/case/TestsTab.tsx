// 検査: the case's test records; more of them (up to 4 at once, Q&A 6) and corrections of one, e.g.
// a pending result that came back (a correction of a notified test is kept in the notification's
// history by the server).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AddedTests, LabTest } from '../../../domain/api/cases.ts';
import { MAX_TESTS_PER_ENTRY, SPECIMEN_LABELS, TEST_METHOD_LABELS, TEST_RESULT_LABELS, TEST_RESULTS, type TestMethod } from '../../../domain/lab-tests.ts';
import { japanToday } from '../../../domain/calendar.ts';
import { can } from '../../../domain/permissions.ts';
import { api } from '../../api.ts';
import { Field, fieldError } from '../../components/Form.tsx';
import { localized } from '../../i18n.ts';
import { ErrorBox, Done, formatDate, Group, SelectField, text, useAction, type CaseTabProps } from './shared.tsx';
import { methodsOf } from '../notify/forms.ts';

type Test = CaseTabProps['detail']['tests'][number];

export function TestsTab({ detail, me, reloadCase }: CaseTabProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const mayEnter = can(me.user.roles, 'cases.register');
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <>
      <h2>{t('case.tab.tests')}</h2>
      {detail.tests.length ? (
        <table>
          <caption className="visually-hidden">{t('case.tab.tests')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('case.tests.method')}</th>
              <th scope="col">{t('case.tests.specimen')}</th>
              <th scope="col">{t('case.tests.collectedOn')}</th>
              <th scope="col">{t('case.tests.result')}</th>
              <th scope="col">{t('case.tests.resultOn')}</th>
              <th scope="col">{t('case.tests.labName')}</th>
              {mayEnter && <th scope="col">{t('case.actions')}</th>}
            </tr>
          </thead>
          <tbody>
            {detail.tests.map((x) => (
              <tr key={x.id}>
                <td>{localized(TEST_METHOD_LABELS[x.method])}</td>
                <td>{x.specimen === 'other' && x.specimenOther ? x.specimenOther : localized(SPECIMEN_LABELS[x.specimen])}</td>
                <td>{formatDate(x.collectedOn, lang)}</td>
                <td>{localized(TEST_RESULT_LABELS[x.result])}</td>
                <td>{formatDate(x.resultOn, lang)}</td>
                <td>{x.labName ?? '—'}</td>
                {mayEnter && (
                  <td>
                    <button type="button" className="secondary" aria-expanded={editing === x.id} onClick={() => setEditing(editing === x.id ? null : x.id)}>
                      {t('case.tests.correct')}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{t('common.none')}</p>
      )}
      {editing && (
        <CorrectTest
          key={editing}
          test={detail.tests.find((x) => x.id === editing)!}
          onDone={async () => {
            setEditing(null);
            await reloadCase();
          }}
        />
      )}
      {mayEnter && <AddTests caseId={detail.id} disease={detail.disease} onAdded={reloadCase} />}
    </>
  );
}

function CorrectTest({ test, onDone }: { test: Test; onDone: () => Promise<void> }) {
  const { t } = useTranslation();
  const action = useAction();
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        await api.patch(
          `/api/tests/${test.id}`,
          {
            version: test.version,
            result: text(f, 'result'),
            resultOn: text(f, 'resultOn') ?? null,
            collectedOn: text(f, 'collectedOn') ?? null,
            labName: text(f, 'labName') ?? null,
          },
          LabTest,
        );
        await onDone();
      })}
    >
      <h3>{t('case.tests.correctTitle', { method: localized(TEST_METHOD_LABELS[test.method]) })}</h3>
      <div className="row">
        <SelectField
          label={t('case.tests.result')}
          name="result"
          autoFocus
          defaultValue={test.result}
          options={TEST_RESULTS.map((r) => ({ value: r, label: localized(TEST_RESULT_LABELS[r]) }))}
          error={fieldError(action.error, 'result')}
        />
        <Field label={t('case.tests.resultOn')} name="resultOn" type="date" defaultValue={test.resultOn ?? ''} error={fieldError(action.error, 'resultOn')} />
        <Field label={t('case.tests.collectedOn')} name="collectedOn" type="date" defaultValue={test.collectedOn ?? ''} error={fieldError(action.error, 'collectedOn')} />
        <Field label={t('case.tests.labName')} name="labName" defaultValue={test.labName ?? ''} error={fieldError(action.error, 'labName')} />
      </div>
      <ErrorBox error={action.error} />
      <button type="submit" disabled={action.busy}>
        {t('case.save')}
      </button>
    </form>
  );
}

function AddTests({ caseId, disease, onAdded }: { caseId: string; disease: string; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const [count, setCount] = useState(1);
  const offered = methodsOf(disease);
  const first = offered.find((m) => m.method === 'naat')?.method ?? offered[0]?.method ?? 'naat';
  const [methods, setMethods] = useState<TestMethod[]>([first]);
  const action = useAction();
  const today = japanToday(new Date());
  return (
    <form
      className="panel"
      onSubmit={action.run(async (f) => {
        const tests = Array.from({ length: count }, (_, i) => ({
          method: text(f, `method${i}`),
          specimen: text(f, `specimen${i}`),
          collectedOn: text(f, `collectedOn${i}`),
          result: text(f, `result${i}`),
          resultOn: text(f, `resultOn${i}`),
          labName: text(f, `labName${i}`),
        }));
        await api.post(`/api/cases/${caseId}/tests`, { tests }, AddedTests);
        await onAdded();
        setCount(1);
        setMethods([first]);
        return t('case.saved');
      })}
    >
      <h3>{t('case.tests.add')}</h3>
      {Array.from({ length: count }, (_, i) => {
        const method = methods[i] ?? first;
        const specimens = offered.find((m) => m.method === method)?.specimens ?? [];
        return (
          <Group key={i} legend={t('case.tests.entry', { n: i + 1 })} className="row">
            <SelectField
              label={t('case.tests.method')}
              name={`method${i}`}
              value={method}
              onChange={(e) => setMethods((m) => Object.assign([...m], { [i]: e.target.value as TestMethod }))}
              options={offered.map((m) => ({ value: m.method, label: localized(TEST_METHOD_LABELS[m.method]) }))}
              error={fieldError(action.error, `tests.${i}.method`)}
            />
            <SelectField
              label={t('case.tests.specimen')}
              name={`specimen${i}`}
              options={specimens.map((s) => ({ value: s, label: localized(SPECIMEN_LABELS[s]) }))}
              error={fieldError(action.error, `tests.${i}.specimen`)}
            />
            <Field label={t('case.tests.collectedOn')} name={`collectedOn${i}`} type="date" max={today} defaultValue={today} error={fieldError(action.error, `tests.${i}.collectedOn`)} />
            <SelectField
              label={t('case.tests.result')}
              name={`result${i}`}
              defaultValue="positive"
              options={TEST_RESULTS.map((r) => ({ value: r, label: localized(TEST_RESULT_LABELS[r]) }))}
              error={fieldError(action.error, `tests.${i}.result`)}
            />
            <Field label={t('case.tests.resultOn')} name={`resultOn${i}`} type="date" max={today} defaultValue={today} error={fieldError(action.error, `tests.${i}.resultOn`)} />
            <Field label={t('case.tests.labName')} name={`labName${i}`} error={fieldError(action.error, `tests.${i}.labName`)} />
          </Group>
        );
      })}
      <div className="actions">
        {count < MAX_TESTS_PER_ENTRY && (
          <button type="button" className="secondary" onClick={() => setCount(count + 1)}>
            {t('case.tests.another')}
          </button>
        )}
        <button type="submit" disabled={action.busy}>
          {t('case.tests.save')}
        </button>
      </div>
      <ErrorBox error={action.error} />
      <Done message={action.done} />
    </form>
  );
}
