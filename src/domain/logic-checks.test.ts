import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_TESTS_PER_ENTRY, SPECIMENS, specimenAllowed, TEST_METHODS } from './lab-tests.ts';
import {
  ageOn,
  blocksSubmission,
  isIsoDate,
  LOGIC_RULES,
  runLogicChecks,
  type Finding,
  type LabTestFacts,
  type NotificationFacts,
} from './logic-checks.ts';

const pcr: LabTestFacts = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2024-03-07', result: 'positive', resultOn: '2024-03-08' };

/** A symptomatic adult patient, confirmed by PCR: passes every rule. */
function base(): NotificationFacts {
  return {
    classification: 'patient',
    today: '2024-03-10',
    person: { birthDate: '1980-05-05', sex: 'female' },
    guardian: null,
    dates: { onset: '2024-03-05', specimenCollected: '2024-03-07', diagnosis: '2024-03-08', report: '2024-03-08' },
    symptomatic: true,
    admitted: false,
    tests: [{ ...pcr }],
    form: { allowsClinicalDiagnosis: false, requiresOneOfFourGroups: false },
  };
}

type Over = Partial<Omit<NotificationFacts, 'dates' | 'person'>> & {
  dates?: Partial<NotificationFacts['dates']>;
  person?: Partial<NotificationFacts['person']>;
};
function facts(over: Over = {}): NotificationFacts {
  const b = base();
  return { ...b, ...over, dates: { ...b.dates, ...over.dates }, person: { ...b.person, ...over.person } };
}

function of(ruleId: string, f: NotificationFacts): Finding[] {
  return runLogicChecks(f).filter((x) => x.ruleId === ruleId);
}
const paths = (fs: Finding[]) => fs.flatMap((x) => x.paths);

describe('calendar helpers', () => {
  it('isIsoDate accepts real dates only', () => {
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2023-02-29'), false);
    assert.equal(isIsoDate('1900-02-29'), false);
    assert.equal(isIsoDate('2000-02-29'), true);
    assert.equal(isIsoDate('2024-04-31'), false);
    assert.equal(isIsoDate('2024-13-01'), false);
    assert.equal(isIsoDate('2024-3-1'), false);
    assert.equal(isIsoDate('2024-03-01T00:00'), false);
  });
  it('ageOn counts completed years by the calendar', () => {
    assert.equal(ageOn('2000-03-01', '2018-03-01'), 18);
    assert.equal(ageOn('2000-03-01', '2018-02-28'), 17);
    assert.equal(ageOn('2000-01-15', '2000-01-15'), 0);
  });
  it('ageOn: a 02-29 birthday ages on 03-01 in common years and on 02-29 in leap years', () => {
    assert.equal(ageOn('2004-02-29', '2022-02-28'), 17);
    assert.equal(ageOn('2004-02-29', '2022-03-01'), 18);
    assert.equal(ageOn('2004-02-29', '2024-02-28'), 19);
    assert.equal(ageOn('2004-02-29', '2024-02-29'), 20);
  });
});

describe('lab tests', () => {
  it('the catalogue: a method takes the specimens it can; a disease narrows them', () => {
    assert.equal(specimenAllowed('antigen_qualitative', 'urine'), true, "a urinary antigen (pneumococcus)");
    assert.equal(specimenAllowed('antigen_quantitative', 'sputum'), false);
    assert.equal(specimenAllowed('igra', 'blood'), true);
    assert.equal(specimenAllowed('imaging', 'none'), true);
    assert.equal(specimenAllowed('naat', 'none'), false);
    for (const s of SPECIMENS) assert.equal(specimenAllowed('other', s), true);
    const covidAntigen = [{ method: 'antigen_qualitative', specimens: ['nasal_swab', 'nasopharyngeal_swab'] }] as const;
    assert.equal(specimenAllowed('antigen_qualitative', 'nasal_swab', covidAntigen), true);
    assert.equal(specimenAllowed('antigen_qualitative', 'saliva', covidAntigen), false);
    assert.equal(specimenAllowed('naat', 'saliva', covidAntigen), false, 'a method the disease does not offer');
    assert.equal(new Set(TEST_METHODS).size, TEST_METHODS.length);
    assert.equal(MAX_TESTS_PER_ENTRY, 4);
  });
});

describe('the rule list', () => {
  it('has unique ids, and the base notification passes every rule', () => {
    const ids = LOGIC_RULES.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual(runLogicChecks(base()), []);
  });
  it('findings carry the severity of their rule', () => {
    const bad = facts({ today: '2024-03-01', classification: 'suspected', admitted: null, person: { birthDate: '1900-01-01' } });
    const found = runLogicChecks(bad);
    assert.ok(found.length > 2);
    for (const x of found) assert.equal(x.severity, LOGIC_RULES.find((r) => r.id === x.ruleId)!.severity);
  });
  it('refuses a malformed today', () => {
    assert.throws(() => runLogicChecks(facts({ today: '10/03/2024' })), RangeError);
  });
});

describe('LC-DATE-INVALID', () => {
  it('flags a date that is not a real yyyy-mm-dd date, and nothing else about it', () => {
    assert.deepEqual(of('LC-DATE-INVALID', base()), []);
    const f = facts({ dates: { onset: '2024-02-30' }, tests: [{ ...pcr, resultOn: '2024/03/08' }] });
    assert.deepEqual(paths(of('LC-DATE-INVALID', f)), [['dates', 'onset'], ['tests', 0, 'resultOn']]);
    assert.deepEqual(of('LC-DATE-ORDER', facts({ dates: { onset: 'x' } })), []);
  });
  it('treats empty strings and null as absent', () => {
    assert.deepEqual(of('LC-DATE-INVALID', facts({ dates: { onset: '', death: null } })), []);
  });
});

describe('LC-DATE-FUTURE (error)', () => {
  it('allows today', () => {
    assert.deepEqual(of('LC-DATE-FUTURE', facts({ dates: { report: '2024-03-10' } })), []);
  });
  it('flags any date field and any test date after today', () => {
    const f = facts({ dates: { report: '2024-03-11' }, tests: [{ ...pcr, resultOn: '2024-04-01' }] });
    const found = of('LC-DATE-FUTURE', f);
    assert.deepEqual(paths(found), [['dates', 'report'], ['tests', 0, 'resultOn']]);
    assert.equal(found[0]!.severity, 'error');
    assert.match(found[0]!.message.ja, /未来/);
    assert.deepEqual(paths(of('LC-DATE-FUTURE', facts({ dates: { estimatedInfection: '2025-01-01' } }))), [['dates', 'estimatedInfection']]);
  });
});

describe('LC-DATE-ORDER (error)', () => {
  it('passes birth ≤ onset ≤ diagnosis ≤ report, equal dates included', () => {
    assert.deepEqual(of('LC-DATE-ORDER', facts({ dates: { onset: '2024-03-08' } })), []);
  });
  it('flags onset after diagnosis', () => {
    const found = of('LC-DATE-ORDER', facts({ dates: { onset: '2024-03-09', report: '2024-03-10' } }));
    assert.deepEqual(found.map((x) => x.paths), [[['dates', 'onset'], ['dates', 'diagnosis']]]);
    assert.match(found[0]!.message.en, /onset \(2024-03-09\) is after the date of diagnosis \(2024-03-08\)/);
  });
  it('compares across a missing middle date', () => {
    const found = of('LC-DATE-ORDER', facts({ dates: { onset: '2024-03-09', diagnosis: undefined } }));
    assert.deepEqual(found.map((x) => x.paths), [[['dates', 'onset'], ['dates', 'report']]]);
  });
  it('flags a diagnosis before birth', () => {
    const found = of('LC-DATE-ORDER', facts({ person: { birthDate: '2024-03-09' }, dates: { onset: undefined } }));
    assert.deepEqual(found[0]!.paths, [['person', 'birthDate'], ['dates', 'diagnosis']]);
  });
});

describe('LC-SPECIMEN-AFTER-DIAGNOSIS (error)', () => {
  it('allows a specimen taken on the diagnosis day', () => {
    assert.deepEqual(of('LC-SPECIMEN-AFTER-DIAGNOSIS', facts({ dates: { specimenCollected: '2024-03-08' } })), []);
  });
  it('flags the specimen date and a test collected after the diagnosis', () => {
    const f = facts({ dates: { specimenCollected: '2024-03-09' }, tests: [{ ...pcr }, { ...pcr, collectedOn: '2024-03-09', resultOn: '2024-03-10' }] });
    assert.deepEqual(
      of('LC-SPECIMEN-AFTER-DIAGNOSIS', f).map((x) => x.paths[0]),
      [['dates', 'specimenCollected'], ['tests', 1, 'collectedOn']],
    );
  });
});

describe('LC-TEST-RESULT-BEFORE-COLLECTION (error)', () => {
  it('allows a result on the collection day', () => {
    assert.deepEqual(of('LC-TEST-RESULT-BEFORE-COLLECTION', facts({ tests: [{ ...pcr, resultOn: '2024-03-07' }] })), []);
  });
  it('flags a result before the specimen was taken', () => {
    const found = of('LC-TEST-RESULT-BEFORE-COLLECTION', facts({ tests: [{ ...pcr, resultOn: '2024-03-06' }] }));
    assert.deepEqual(found[0]!.paths, [['tests', 0, 'collectedOn'], ['tests', 0, 'resultOn']]);
  });
});

describe('LC-DEATH-DATE (error)', () => {
  const deceased = (death: string | undefined) =>
    facts({ classification: 'deceased', symptomatic: null, dates: { death, diagnosis: '2024-03-08', report: '2024-03-09' } });
  it('passes a deceased person with a date of death, and a patient without one', () => {
    assert.deepEqual(of('LC-DEATH-DATE', deceased('2024-03-07')), []);
    assert.deepEqual(of('LC-DEATH-DATE', base()), []);
  });
  it('requires the date of death for both 死体 classifications', () => {
    assert.deepEqual(paths(of('LC-DEATH-DATE', deceased(undefined))), [['dates', 'death']]);
    assert.equal(of('LC-DEATH-DATE', facts({ classification: 'suspected_deceased', admitted: null })).length, 1);
  });
  it('refuses a date of death on any other classification', () => {
    assert.deepEqual(paths(of('LC-DEATH-DATE', facts({ dates: { death: '2024-03-09' } }))), [['dates', 'death'], ['classification']]);
  });
});

describe('LC-DEATH-DATE-ORDER (error)', () => {
  const deceased = (death: string) => facts({ classification: 'deceased', dates: { death } });
  it('passes a death on the onset day', () => {
    assert.deepEqual(of('LC-DEATH-DATE-ORDER', deceased('2024-03-05')), []);
  });
  it('flags a death before onset, before birth, or after the report', () => {
    assert.deepEqual(of('LC-DEATH-DATE-ORDER', deceased('2024-03-04'))[0]!.paths, [['dates', 'onset'], ['dates', 'death']]);
    assert.deepEqual(of('LC-DEATH-DATE-ORDER', deceased('1970-01-01'))[0]!.paths, [['person', 'birthDate'], ['dates', 'death']]);
    assert.deepEqual(of('LC-DEATH-DATE-ORDER', deceased('2024-03-09'))[0]!.paths, [['dates', 'death'], ['dates', 'report']]);
  });
});

describe('suspected cases must be inpatients (Q&A 10-2, 11)', () => {
  const suspected = (admitted: boolean | null) => facts({ classification: 'suspected', admitted, tests: [{ ...pcr, result: 'pending', resultOn: undefined }] });
  it('passes an admitted suspected case', () => {
    assert.deepEqual(runLogicChecks(suspected(true)), []);
  });
  it('LC-SUSPECTED-NOT-ADMITTED: error when not admitted', () => {
    const found = of('LC-SUSPECTED-NOT-ADMITTED', suspected(false));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'error');
    assert.deepEqual(of('LC-SUSPECTED-NOT-ADMITTED', suspected(null)), []);
  });
  it('LC-SUSPECTED-ADMISSION-UNKNOWN: warning when not answered', () => {
    const found = of('LC-SUSPECTED-ADMISSION-UNKNOWN', suspected(null));
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(of('LC-SUSPECTED-ADMISSION-UNKNOWN', suspected(false)), []);
    assert.deepEqual(of('LC-SUSPECTED-ADMISSION-UNKNOWN', base()), []);
  });
});

describe('LC-POSITIVE-TEST-REQUIRED (error)', () => {
  const withResults = (...results: LabTestFacts['result'][]) => results.map((result) => ({ ...pcr, result }));
  it('passes with one positive test among others', () => {
    assert.deepEqual(of('LC-POSITIVE-TEST-REQUIRED', facts({ tests: withResults('negative', 'positive') })), []);
  });
  it('pending, undetermined and negative results do not count as positive', () => {
    for (const r of ['pending', 'undetermined', 'negative'] as const) {
      assert.deepEqual(paths(of('LC-POSITIVE-TEST-REQUIRED', facts({ tests: withResults(r) }))), [['tests']], r);
    }
    assert.equal(of('LC-POSITIVE-TEST-REQUIRED', facts({ tests: withResults('pending', 'undetermined', 'negative') })).length, 1);
    assert.equal(of('LC-POSITIVE-TEST-REQUIRED', facts({ tests: [] })).length, 1);
  });
  it('applies to asymptomatic carriers, not to suspected or deceased', () => {
    const carrier = { classification: 'asymptomatic_carrier', symptomatic: false, dates: { onset: undefined } } as const;
    assert.equal(of('LC-POSITIVE-TEST-REQUIRED', facts({ ...carrier, tests: [] })).length, 1);
    assert.deepEqual(of('LC-POSITIVE-TEST-REQUIRED', facts({ ...carrier })), []);
    assert.deepEqual(of('LC-POSITIVE-TEST-REQUIRED', facts({ classification: 'suspected', admitted: true, tests: [] })), []);
  });
  it('accepts a clinical diagnosis (みなし陽性) for a patient only where the form allows it', () => {
    const clinical = { tests: [], clinicalDiagnosis: true };
    assert.deepEqual(of('LC-POSITIVE-TEST-REQUIRED', facts({ ...clinical, form: { allowsClinicalDiagnosis: true, requiresOneOfFourGroups: false } })), []);
    assert.deepEqual(paths(of('LC-POSITIVE-TEST-REQUIRED', facts(clinical))), [['clinicalDiagnosis']]);
    const carrier = facts({
      ...clinical,
      classification: 'asymptomatic_carrier',
      symptomatic: false,
      dates: { onset: undefined },
      form: { allowsClinicalDiagnosis: true, requiresOneOfFourGroups: false },
    });
    assert.equal(of('LC-POSITIVE-TEST-REQUIRED', carrier).length, 1);
  });
});

describe('LC-CARRIER-NO-SYMPTOMS (error)', () => {
  const carrier = (over: Over) => facts({ classification: 'asymptomatic_carrier', symptomatic: false, ...over, dates: { onset: undefined, ...over.dates } });
  it('passes a carrier without symptoms or onset (symptoms not answered is fine)', () => {
    assert.deepEqual(runLogicChecks(carrier({})), []);
    assert.deepEqual(of('LC-CARRIER-NO-SYMPTOMS', carrier({ symptomatic: null })), []);
  });
  it('flags symptoms and an onset date', () => {
    assert.deepEqual(paths(of('LC-CARRIER-NO-SYMPTOMS', carrier({ symptomatic: true }))), [['symptomatic'], ['classification']]);
    assert.deepEqual(paths(of('LC-CARRIER-NO-SYMPTOMS', carrier({ dates: { onset: '2024-03-05' } }))), [['dates', 'onset'], ['classification']]);
  });
});

describe('LC-SPECIMEN-METHOD (error)', () => {
  it('passes allowed specimens', () => {
    const tests: LabTestFacts[] = [{ ...pcr, method: 'antigen_quantitative', specimen: 'saliva' }, { ...pcr, method: 'isolation', specimen: 'stool' }];
    assert.deepEqual(of('LC-SPECIMEN-METHOD', facts({ tests })), []);
  });
  it('flags a specimen the method does not allow, on its path', () => {
    const tests: LabTestFacts[] = [{ ...pcr }, { ...pcr, method: 'tuberculin', specimen: 'saliva' }];
    const found = of('LC-SPECIMEN-METHOD', facts({ tests }));
    assert.deepEqual(paths(found), [['tests', 1, 'specimen']]);
    assert.match(found[0]!.message.ja, /唾液/);
  });
  it("keeps to the disease's own methods and specimens when the form gives them", () => {
    const methods = [
      { method: 'naat', specimens: ['nasopharyngeal_swab'] },
      { method: 'antigen_qualitative', specimens: ['nasal_swab', 'nasopharyngeal_swab'] },
    ] as const;
    const form = { ...base().form, methods };
    const tests: LabTestFacts[] = [{ ...pcr }, { ...pcr, method: 'antigen_qualitative', specimen: 'saliva' }, { ...pcr, method: 'igra', specimen: 'blood' }];
    assert.deepEqual(paths(of('LC-SPECIMEN-METHOD', facts({ tests, form }))), [['tests', 1, 'specimen'], ['tests', 2, 'method']]);
  });
});

describe("a disease's classifications and rule table", () => {
  const form = { ...base().form, classifications: ['patient', 'deceased'] as const };
  it("flags a classification the disease's form does not take", () => {
    assert.deepEqual(of('LC-CLASSIFICATION-OFFERED', facts({ form })), []);
    assert.deepEqual(paths(of('LC-CLASSIFICATION-OFFERED', facts({ form, classification: 'suspected', admitted: true }))), [['classification']]);
  });
  it('skips the shared rules the disease switches off', () => {
    const suspected = facts({ classification: 'suspected', admitted: false, tests: [] });
    assert.equal(of('LC-SUSPECTED-NOT-ADMITTED', suspected).length, 1);
    assert.deepEqual(of('LC-SUSPECTED-NOT-ADMITTED', { ...suspected, form: { ...suspected.form, off: ['LC-SUSPECTED-NOT-ADMITTED'] } }), []);
  });
  it("runs the disease's own rules on the answers, for the classifications they name", () => {
    const rules = [
      {
        id: 'TB-LTBI-TREATMENT',
        severity: 'error' as const,
        classifications: ['asymptomatic_carrier' as const],
        require: { item: 'treatment_needed', operator: 'equals' as const, value: true },
        message: { ja: '治療を要する場合に限ります', en: 'Only when treatment is needed' },
      },
    ];
    const carrier = (answers: unknown) => facts({ classification: 'asymptomatic_carrier', symptomatic: false, dates: { onset: null }, answers, form: { ...base().form, rules } });
    assert.deepEqual(paths(of('TB-LTBI-TREATMENT', carrier({}))), [['answers', 'treatment_needed']]);
    assert.deepEqual(paths(of('TB-LTBI-TREATMENT', carrier({ treatment_needed: false }))), [['answers', 'treatment_needed']]);
    assert.deepEqual(of('TB-LTBI-TREATMENT', carrier({ treatment_needed: true })), []);
    assert.deepEqual(of('TB-LTBI-TREATMENT', facts({ answers: {}, form: { ...base().form, rules } })), [], 'a patient is not held to it');
  });
});

describe('LC-TESTS-PER-ENTRY (error)', () => {
  const tests = (n: number) => Array.from({ length: n }, () => ({ ...pcr }));
  it('accepts four tests at once', () => {
    assert.deepEqual(of('LC-TESTS-PER-ENTRY', facts({ tests: tests(4) })), []);
    assert.deepEqual(of('LC-TESTS-PER-ENTRY', facts({ tests: tests(6), testsInThisEntry: 2 })), []);
  });
  it('refuses a fifth in the same entry', () => {
    assert.deepEqual(paths(of('LC-TESTS-PER-ENTRY', facts({ tests: tests(5) }))), [['tests']]);
    assert.equal(of('LC-TESTS-PER-ENTRY', facts({ tests: tests(1), testsInThisEntry: 5 })).length, 1);
  });
});

describe('age plausibility', () => {
  it('LC-AGE-IMPLAUSIBLE: passes 1900-01-01 at 124, flags earlier births and ages over 125', () => {
    assert.deepEqual(of('LC-AGE-IMPLAUSIBLE', facts({ person: { birthDate: '1900-01-01' } })), []);
    assert.equal(of('LC-AGE-IMPLAUSIBLE', facts({ person: { birthDate: '1899-12-31' } }))[0]!.severity, 'error');
    // 126 at the diagnosis date (the birth date is after 1900, so only the age bound can fire).
    const old = facts({ today: '2030-01-01', person: { birthDate: '1901-01-01' }, dates: { diagnosis: '2027-01-02', report: '2027-01-02', onset: undefined, specimenCollected: undefined }, tests: [{ ...pcr, collectedOn: '2027-01-01', resultOn: '2027-01-02' }] });
    assert.equal(ageOn('1901-01-01', '2027-01-02'), 126);
    assert.equal(of('LC-AGE-IMPLAUSIBLE', old).length, 1);
    assert.equal(of('LC-AGE-OVER-110', old).length, 0);
  });
  it('LC-AGE-OVER-110: warns above 110, not at 110', () => {
    assert.deepEqual(of('LC-AGE-OVER-110', facts({ person: { birthDate: '1913-03-09' } })), []); // 110 on 2024-03-08
    const found = of('LC-AGE-OVER-110', facts({ person: { birthDate: '1913-03-08' } })); // 111
    assert.equal(found.length, 1);
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(of('LC-AGE-IMPLAUSIBLE', facts({ person: { birthDate: '1913-03-08' } })), []);
  });
});

describe('LC-GUARDIAN-FOR-MINOR (warning)', () => {
  const child = (over: Over) => facts({ person: { birthDate: '2010-01-01' }, ...over });
  it('passes a minor with a guardian, and an adult without one', () => {
    assert.deepEqual(of('LC-GUARDIAN-FOR-MINOR', child({ guardian: { name: '山田 花子', phone: '03-0000-0000' } })), []);
    assert.deepEqual(of('LC-GUARDIAN-FOR-MINOR', base()), []);
  });
  it('warns for a minor without the guardian name or phone', () => {
    const found = of('LC-GUARDIAN-FOR-MINOR', child({ guardian: { name: '山田 花子', phone: ' ' } }));
    assert.equal(found[0]!.severity, 'warning');
    assert.deepEqual(found[0]!.paths, [['guardian', 'phone']]);
    assert.deepEqual(paths(of('LC-GUARDIAN-FOR-MINOR', child({}))), [['guardian', 'name'], ['guardian', 'phone']]);
  });
  it('is 18 at the diagnosis date on the 18th birthday', () => {
    assert.deepEqual(of('LC-GUARDIAN-FOR-MINOR', facts({ person: { birthDate: '2006-03-08' } })), []);
    assert.equal(of('LC-GUARDIAN-FOR-MINOR', facts({ person: { birthDate: '2006-03-09' } })).length, 1);
  });
  it('uses today while the diagnosis date is unknown', () => {
    assert.deepEqual(of('LC-GUARDIAN-FOR-MINOR', facts({ person: { birthDate: '2006-03-10' }, dates: { diagnosis: undefined } })), []);
  });
  it('before 2022-04-01 the age of majority was 20', () => {
    const in2021 = facts({
      today: '2021-06-01',
      person: { birthDate: '2002-01-01' }, // 19
      dates: { onset: undefined, specimenCollected: undefined, diagnosis: '2021-05-31', report: '2021-05-31' },
      tests: [{ ...pcr, collectedOn: '2021-05-30', resultOn: '2021-05-31' }],
    });
    assert.equal(of('LC-GUARDIAN-FOR-MINOR', in2021).length, 1);
  });
});

describe('four groups (2022-09-26 form)', () => {
  const form = { allowsClinicalDiagnosis: true, requiresOneOfFourGroups: true };
  it('LC-FOUR-GROUPS-REQUIRED: passes with one group, flags none', () => {
    assert.deepEqual(of('LC-FOUR-GROUPS-REQUIRED', facts({ form, fourGroups: { pregnant: true, aged65OrOver: false } })), []);
    const none = of('LC-FOUR-GROUPS-REQUIRED', facts({ form, fourGroups: { aged65OrOver: false } }));
    assert.deepEqual(paths(none), [['fourGroups']]);
    assert.equal(none[0]!.severity, 'error');
    assert.equal(of('LC-FOUR-GROUPS-REQUIRED', facts({ form })).length, 1);
  });
  it('LC-FOUR-GROUPS-REQUIRED: only on that form, and not for deaths', () => {
    assert.deepEqual(of('LC-FOUR-GROUPS-REQUIRED', base()), []);
    assert.deepEqual(of('LC-FOUR-GROUPS-REQUIRED', facts({ form, classification: 'deceased', dates: { death: '2024-03-08' } })), []);
  });
  it('LC-FOUR-GROUPS-AGE: warns when 65 or over disagrees with the birth date', () => {
    const at = (birthDate: string, aged65OrOver: boolean) => of('LC-FOUR-GROUPS-AGE', facts({ form, person: { birthDate }, fourGroups: { aged65OrOver, needsAdmission: true } }));
    assert.deepEqual(at('1959-03-08', true), []); // 65 on 2024-03-08
    assert.deepEqual(at('1959-03-09', false), []); // 64
    assert.equal(at('1959-03-09', true).length, 1);
    assert.equal(at('1959-03-08', false)[0]!.severity, 'warning');
    assert.deepEqual(of('LC-FOUR-GROUPS-AGE', facts({ form, fourGroups: { needsAdmission: true } })), []);
  });
});

describe('LC-ONSET-FOR-SYMPTOMATIC (warning)', () => {
  it('passes a symptomatic patient with onset, or one whose symptoms are not answered', () => {
    assert.deepEqual(of('LC-ONSET-FOR-SYMPTOMATIC', base()), []);
    assert.deepEqual(of('LC-ONSET-FOR-SYMPTOMATIC', facts({ symptomatic: null, dates: { onset: undefined } })), []);
  });
  it('warns when a symptomatic patient has no onset date', () => {
    const found = of('LC-ONSET-FOR-SYMPTOMATIC', facts({ dates: { onset: undefined } }));
    assert.deepEqual(paths(found), [['dates', 'onset']]);
    assert.equal(found[0]!.severity, 'warning');
  });
});

describe('blocksSubmission', () => {
  const warning = of('LC-ONSET-FOR-SYMPTOMATIC', facts({ dates: { onset: undefined } }));
  const error = of('LC-DATE-FUTURE', facts({ dates: { report: '2024-03-11' } }));
  it('passes with no findings or acknowledged warnings only', () => {
    assert.equal(blocksSubmission([], []), false);
    assert.equal(blocksSubmission(warning, ['LC-ONSET-FOR-SYMPTOMATIC']), false);
  });
  it('blocks on an unacknowledged warning or any error, acknowledged or not', () => {
    assert.equal(blocksSubmission(warning, []), true);
    assert.equal(blocksSubmission(warning, ['LC-AGE-OVER-110']), true);
    assert.equal(blocksSubmission(error, ['LC-DATE-FUTURE']), true);
  });
});
