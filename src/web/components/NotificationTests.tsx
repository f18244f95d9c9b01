// 診断方法: test records. New ones are typed in rows (method, a specimen the method allows, dates,
// result; up to four at once, Q&A 6); the case's recorded tests are listed with their result,
// which can be corrected when it comes back (Q&A 3).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  SPECIMEN_LABELS,
  TEST_METHOD_LABELS,
  TEST_RESULT_LABELS,
  TEST_RESULTS,
  type DiagnosisMethod,
  type Specimen,
  type TestMethod,
  type TestResult,
} from '../../domain/lab-tests.ts';
import { localized } from '../i18n.ts';
import type { CaseView } from '../screens/notify/checks.ts';
import { formatDate, today } from '../screens/notify/forms.ts';
import { FieldMessages, SelectField, TextField } from './NotificationFields.tsx';

export interface TestRow {
  method: TestMethod;
  specimen: Specimen;
  specimenOther: string;
  collectedOn: string;
  result: TestResult | '';
  resultOn: string;
}

/**
 * A new row taken today, the result still to choose: PCR where the disease takes it (from a
 * nasopharyngeal swab where it may), else its first method and specimen.
 */
export function newTestRow(methods: readonly DiagnosisMethod[]): TestRow {
  const m = methods.find((x) => x.method === 'naat') ?? methods[0]!;
  const specimen = m.specimens.includes('nasopharyngeal_swab') ? 'nasopharyngeal_swab' : m.specimens[0]!;
  return { method: m.method, specimen, specimenOther: '', collectedOn: today(), result: '', resultOn: '' };
}

/** The row as the API takes it (LabTestInput). */
export const testInput = (r: TestRow) => ({
  method: r.method,
  specimen: r.specimen,
  ...(r.specimen === 'other' && r.specimenOther.trim() ? { specimenOther: r.specimenOther.trim() } : {}),
  ...(r.collectedOn ? { collectedOn: r.collectedOn } : {}),
  result: r.result,
  ...(r.resultOn ? { resultOn: r.resultOn } : {}),
});

const methodOptions = (methods: readonly DiagnosisMethod[]) => methods.map((m) => ({ value: m.method, label: localized(TEST_METHOD_LABELS[m.method]) }));
const specimensOf = (methods: readonly DiagnosisMethod[], method: TestMethod) => methods.find((m) => m.method === method)?.specimens ?? [];
const specimenOptions = (methods: readonly DiagnosisMethod[], method: TestMethod) => specimensOf(methods, method).map((s) => ({ value: s, label: localized(SPECIMEN_LABELS[s]) }));
const resultOptions = () => TEST_RESULTS.map((r) => ({ value: r, label: localized(TEST_RESULT_LABELS[r]) }));

/** One new test record with the disease's methods and specimens; `prefix` keys its fields' messages ('tests.0'). */
export function TestRowEditor({
  row,
  methods,
  prefix,
  n,
  onChange,
  onRemove,
}: {
  row: TestRow;
  methods: readonly DiagnosisMethod[];
  prefix: string;
  n: number;
  onChange: (r: TestRow) => void;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<TestRow>) => onChange({ ...row, ...patch });
  return (
    <fieldset className="test-row">
      <legend>{t('test.legend', { n })}</legend>
      <div className="row">
        <SelectField
          fieldKey={`${prefix}.method`}
          label={t('test.method')}
          value={row.method}
          options={methodOptions(methods)}
          className="wide"
          onValue={(v) => {
            const method = v as TestMethod;
            // The specimen follows the method: kept when the method allows it, else the first it does.
            const allowed = specimensOf(methods, method);
            set({ method, specimen: allowed.includes(row.specimen) ? row.specimen : allowed.includes('nasopharyngeal_swab') ? 'nasopharyngeal_swab' : allowed[0]! });
          }}
        />
        <SelectField fieldKey={`${prefix}.specimen`} label={t('test.specimen')} value={row.specimen} options={specimenOptions(methods, row.method)} onValue={(v) => set({ specimen: v as Specimen })} />
        {row.specimen === 'other' && (
          <TextField fieldKey={`${prefix}.specimenOther`} label={t('test.specimenOther')} maxLength={100} value={row.specimenOther} onValue={(v) => set({ specimenOther: v })} />
        )}
      </div>
      <div className="row">
        <TextField fieldKey={`${prefix}.collectedOn`} label={t('test.collectedOn')} type="date" max={today()} value={row.collectedOn} onValue={(v) => set({ collectedOn: v })} />
        <SelectField
          fieldKey={`${prefix}.result`}
          label={t('test.result')}
          requirement="legal"
          value={row.result}
          placeholder={t('test.choose')}
          options={resultOptions()}
          onValue={(v) => set({ result: v as TestResult | '' })}
        />
        <TextField fieldKey={`${prefix}.resultOn`} label={t('test.resultOn')} type="date" max={today()} value={row.resultOn} onValue={(v) => set({ resultOn: v })} />
      </div>
      <FieldMessages fieldKey={prefix} />
      {onRemove && (
        <button type="button" className="secondary" onClick={onRemove}>
          {t('test.remove', { n })}
        </button>
      )}
    </fieldset>
  );
}

type CaseTest = CaseView['tests'][number];

/**
 * The case's recorded tests, the diagnosis method of its notifications. With `onResult`, each
 * result and its date can be corrected (saved at once, recorded in the notification's history).
 */
export function CaseTests({ tests, onResult }: { tests: CaseTest[]; onResult?: (test: CaseTest, change: { result?: TestResult; resultOn?: string | null }) => void }) {
  const { t, i18n } = useTranslation();
  return (
    <div className="case-tests" id="f-tests" tabIndex={-1}>
      {tests.length === 0 && <p>{t('test.none')}</p>}
      {tests.map((test, i) => (
        <fieldset className="test-row recorded" key={test.id}>
          <legend>
            {t('test.legend', { n: i + 1 })}：{localized(TEST_METHOD_LABELS[test.method])}
          </legend>
          <dl className="inline">
            <div>
              <dt>{t('test.specimen')}</dt>
              <dd>{test.specimen === 'other' && test.specimenOther ? test.specimenOther : localized(SPECIMEN_LABELS[test.specimen])}</dd>
            </div>
            <div>
              <dt>{t('test.collectedOn')}</dt>
              <dd>{formatDate(test.collectedOn, i18n.language)}</dd>
            </div>
          </dl>
          <FieldMessages fieldKey={`tests.${i}.collectedOn`} />
          <FieldMessages fieldKey={`tests.${i}.specimen`} />
          <div className="row">
            <SelectField
              fieldKey={`tests.${i}.result`}
              label={t('test.resultOf', { n: i + 1 })}
              value={test.result}
              options={resultOptions()}
              onValue={onResult && ((v) => onResult(test, { result: v as TestResult }))}
            />
            <ResultDate key={`${test.id}-${test.version}`} test={test} n={i + 1} onResult={onResult} />
          </div>
        </fieldset>
      ))}
      <FieldMessages fieldKey="tests" />
    </div>
  );
}

/** A result date is saved when the field is left, not at each keystroke of the date. */
function ResultDate({ test, n, onResult }: { test: CaseTest; n: number; onResult?: (test: CaseTest, change: { resultOn?: string | null }) => void }) {
  const { t } = useTranslation();
  const [value, setValue] = useState(test.resultOn ?? '');
  return (
    <TextField
      fieldKey={`tests.${n - 1}.resultOn`}
      label={t('test.resultOnOf', { n })}
      type="date"
      max={today()}
      value={value}
      onValue={onResult && setValue}
      onBlur={() => {
        if (onResult && (value || null) !== test.resultOn) onResult(test, { resultOn: value || null });
      }}
    />
  );
}
