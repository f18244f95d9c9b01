// A test record (検査) as a FHIR Observation and back: the method as the code, the specimen as a
// contained Specimen, collected on as effective[x], the result as a coded value, the date the
// result was known as an extension, the laboratory as the performer's name.
import type { Observation, Reference, Specimen as FhirSpecimen } from '@medplum/fhirtypes';
import type { z } from 'zod';
import { LabTestInput } from '../api/cases.ts';
import { SPECIMEN_LABELS, SPECIMENS, TEST_METHOD_LABELS, TEST_METHODS, TEST_RESULT_LABELS, TEST_RESULTS, type Specimen, type TestMethod, type TestResult } from '../lab-tests.ts';
import type { Localized } from '../messages.ts';
import { CODE_SYSTEM, EXTENSION } from './canonical.ts';
import { defined, type FhirIssue } from './issues.ts';

export type TestFields = z.infer<typeof LabTestInput>;

const LABORATORY = { system: 'http://terminology.hl7.org/CodeSystem/observation-category', code: 'laboratory' };

export function observationOf(t: TestFields & { id?: string }, subject?: Reference): Observation {
  const specimen: FhirSpecimen = {
    resourceType: 'Specimen',
    id: 'specimen',
    type: { coding: [{ system: CODE_SYSTEM.specimen, code: t.specimen, display: SPECIMEN_LABELS[t.specimen].ja }], ...(t.specimenOther ? { text: t.specimenOther } : {}) },
    ...(t.collectedOn ? { collection: { collectedDateTime: t.collectedOn } } : {}),
  };
  return {
    resourceType: 'Observation',
    ...(t.id ? { id: t.id } : {}),
    contained: [specimen],
    ...(t.resultOn ? { extension: [{ url: EXTENSION.resultDate, valueDate: t.resultOn }] } : {}),
    status: t.result === 'pending' ? 'registered' : 'final',
    category: [{ coding: [LABORATORY] }],
    code: { coding: [{ system: CODE_SYSTEM.testMethod, code: t.method, display: TEST_METHOD_LABELS[t.method].ja }] },
    ...(subject ? { subject } : {}),
    ...(t.collectedOn ? { effectiveDateTime: t.collectedOn } : {}),
    ...(t.labName ? { performer: [{ display: t.labName }] } : {}),
    ...(t.result === 'pending' ? {} : { valueCodeableConcept: { coding: [{ system: CODE_SYSTEM.testResult, code: t.result, display: TEST_RESULT_LABELS[t.result].ja }] } }),
    specimen: { reference: '#specimen' },
  } as Observation;
}

const L = {
  method: { ja: '検査方法', en: 'test method' },
  specimen: { ja: '検体', en: 'specimen' },
  result: { ja: '検査結果', en: 'test result' },
};
const M = {
  code: (l: Localized, system: string, codes: readonly string[]): Localized => ({
    ja: `${l.ja}は ${system} のコード（${codes.join(', ')}）で指定してください。`,
    en: `Give the ${l.en} as a code of ${system} (${codes.join(', ')}).`,
  }),
  field: (l: string, message: string): Localized => ({ ja: `${l}: ${message}`, en: `${l}: ${message}` }),
};

const codeIn = <T extends string>(codings: { system?: string; code?: string }[] | undefined, system: string, codes: readonly T[]): T | undefined =>
  codings?.find((c) => c.system === system && codes.includes(c.code as T))?.code as T | undefined;

/** The test record of an Observation, checked as registration checks it (LabTestInput). */
export function testFromObservation(obs: Observation, root: string): { value?: TestFields; issues: FhirIssue[] } {
  const issues: FhirIssue[] = [];
  const fail = (expression: string, detail: string, message: Localized, code: FhirIssue['code'] = 'code-invalid') =>
    issues.push({ severity: 'error', code, detail, expression: [expression], message });
  const method = codeIn<TestMethod>(obs.code?.coding, CODE_SYSTEM.testMethod, TEST_METHODS);
  if (!method) fail(`${root}.code`, 'unknown_test_method', M.code(L.method, CODE_SYSTEM.testMethod, TEST_METHODS));
  const ref = obs.specimen?.reference;
  const spec = ref?.startsWith('#') ? (obs.contained ?? []).find((c): c is FhirSpecimen => c.resourceType === 'Specimen' && c.id === ref.slice(1)) : undefined;
  const specimen = codeIn<Specimen>(spec?.type?.coding, CODE_SYSTEM.specimen, SPECIMENS);
  if (!specimen) fail(`${root}.specimen`, 'unknown_specimen', M.code(L.specimen, CODE_SYSTEM.specimen, SPECIMENS));
  const result: TestResult | undefined = obs.valueCodeableConcept
    ? codeIn<TestResult>(obs.valueCodeableConcept.coding, CODE_SYSTEM.testResult, TEST_RESULTS)
    : obs.status === 'registered' || obs.status === 'preliminary'
      ? 'pending'
      : undefined;
  if (!result) fail(`${root}.value`, 'unknown_test_result', M.code(L.result, CODE_SYSTEM.testResult, TEST_RESULTS));
  if (issues.length) return { issues };
  const collected = obs.effectiveDateTime ?? spec?.collection?.collectedDateTime;
  const resultOn = obs.extension?.find((e) => e.url === EXTENSION.resultDate)?.valueDate ?? obs.issued;
  const input = {
    method,
    specimen,
    specimenOther: specimen === 'other' ? spec?.type?.text : undefined,
    collectedOn: collected?.slice(0, 10),
    result,
    resultOn: resultOn?.slice(0, 10),
    labName: obs.performer?.[0]?.display,
  };
  const parsed = LabTestInput.safeParse(input);
  if (!parsed.success) {
    const at: Record<string, string> = { collectedOn: `${root}.effective`, resultOn: `${root}.extension`, specimen: `${root}.specimen`, labName: `${root}.performer` };
    for (const i of parsed.error.issues) fail(at[String(i.path[0])] ?? root, 'invalid_value', M.field(String(i.path[0]), i.message), 'value');
    return { issues };
  }
  return { value: defined(parsed.data), issues: [] };
}
