import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FormDefinition } from './forms/definition.ts';
import { runLogicChecks } from './logic-checks.ts';
import {
  CLASSIFICATION_LABELS,
  CLASSIFICATIONS,
  coreMissing,
  legalMinimumMissing,
  notCollectedGiven,
  notificationChanges,
  notificationFacts,
  prefectureAlertEmail,
  submissionEmail,
  suggestedDiagnosis,
  type NotificationCore,
  type NotificationPerson,
} from './notification.ts';

const dir = new URL('./forms/definitions/', import.meta.url);
const defs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const covid = (version: string) => defs.find((d) => d.version === version)!;

const person: NotificationPerson & { sex: 'male' } = {
  nameKanji: '山田 太郎',
  nameKana: 'ヤマダ タロウ',
  sex: 'male',
  birthDate: '1958-04-12',
  residenceAddress: '東京都新宿区西新宿2-8-1',
  registeredAddress: null,
};
const core: NotificationCore & { classification: 'patient' } = {
  classification: 'patient',
  diagnosedOn: '2022-10-03',
  initialConsultationOn: null,
  specimenCollectedOn: '2022-10-02',
  onsetOn: null,
  estimatedInfectionOn: null,
  deathOn: null,
  admitted: null,
  symptomatic: null,
  clinicalDiagnosis: false,
  answers: {},
};
const positive = { method: 'naat', specimen: 'nasopharyngeal_swab', collectedOn: '2022-10-02', result: 'positive', resultOn: '2022-10-03' } as const;

describe('classifications', () => {
  it('are the five of the form, each labelled in Japanese and English', () => {
    assert.deepEqual(CLASSIFICATIONS, ['patient', 'asymptomatic_carrier', 'suspected', 'deceased', 'suspected_deceased']);
    for (const c of CLASSIFICATIONS) assert.ok(CLASSIFICATION_LABELS[c].ja && CLASSIFICATION_LABELS[c].en, c);
    assert.equal(CLASSIFICATION_LABELS.suspected.ja, '疑似症患者');
  });
});

describe('legalMinimumMissing (Q&A 5)', () => {
  it('is empty when classification, name, sex, birth date, location and a test are there', () => {
    assert.deepEqual(legalMinimumMissing({ classification: 'patient', person, testCount: 1 }), []);
  });

  it('names each missing item by its field path', () => {
    const empty = { ...person, nameKanji: ' ', nameKana: '', sex: null, birthDate: null, residenceAddress: null };
    assert.deepEqual(legalMinimumMissing({ classification: null, person: empty, testCount: 0 }), [
      ['classification'],
      ['person', 'name'],
      ['person', 'sex'],
      ['person', 'birthDate'],
      ['person', 'residenceAddress'],
      ['tests'],
    ]);
  });

  it('takes the registered address as the location when the residence is unknown', () => {
    const registered = { ...person, residenceAddress: null, registeredAddress: '東京都中野区中野4-8-1' };
    assert.deepEqual(legalMinimumMissing({ classification: 'patient', person: registered, testCount: 1 }), []);
  });

  it('a name in kana alone is a name', () => {
    assert.deepEqual(legalMinimumMissing({ classification: 'patient', person: { ...person, nameKanji: '' }, testCount: 1 }), []);
  });

  it('a clinical diagnosis stands for the test only where the form version allows one', () => {
    const n = { classification: 'patient' as const, person, testCount: 0, clinicalDiagnosis: true };
    assert.deepEqual(legalMinimumMissing({ ...n, form: covid('2022-01-24') }), []);
    assert.deepEqual(legalMinimumMissing({ ...n, form: covid('2021-11') }), [['tests']]);
  });
});

describe('notificationFacts', () => {
  const facts = (over: Partial<typeof core>, version = '2022-09-26', tests = [positive]) =>
    notificationFacts({ notification: { ...core, ...over }, person, labTests: tests, form: covid(version), today: '2022-10-05' });

  it('maps the typed dates; the report date is today for a draft and the submission day after', () => {
    const f = facts({});
    assert.deepEqual(f.dates, {
      initialConsultation: null,
      specimenCollected: '2022-10-02',
      diagnosis: '2022-10-03',
      onset: null,
      estimatedInfection: null,
      death: null,
      report: '2022-10-05',
    });
    const submitted = notificationFacts({ notification: core, person, labTests: [], form: covid('2022-09-26'), today: '2022-10-05', reportOn: '2022-10-03' });
    assert.equal(submitted.dates.report, '2022-10-03');
  });

  it('reads the four groups from the answers where the form requires them', () => {
    const answers = { four_groups: { aged_65_or_over: false, needs_admission: true, risk_and_needs_treatment_or_oxygen: false, pregnant: false } };
    assert.deepEqual(facts({ answers }).fourGroups, { aged65OrOver: false, needsAdmission: true, riskAndNeedsTreatmentOrOxygen: false, pregnant: false });
    assert.equal(facts({ answers }).form.requiresOneOfFourGroups, true);
    assert.equal(facts({ answers }, '2022-06-30').fourGroups, undefined);
    const ruleIds = (f: ReturnType<typeof facts>) => runLogicChecks(f).map((x) => x.ruleId);
    assert.deepEqual(ruleIds(facts({ answers })), []);
    assert.deepEqual(ruleIds(facts({ answers: {} })), ['LC-FOUR-GROUPS-REQUIRED']);
  });

  it('admitted comes from admitted_at_report, falling back to the typed column', () => {
    assert.equal(facts({ answers: { admitted_at_report: true }, admitted: false }).admitted, true);
    assert.equal(facts({ answers: {}, admitted: false }).admitted, false);
    assert.equal(facts({ answers: {} }).admitted, null);
  });

  it('symptomatic: symptoms answered and not only 「なし」, where the form asks for symptoms', () => {
    assert.equal(facts({ answers: { symptoms: ['fever', { code: 'other', text: '関節痛' }] } }, '2021-11').symptomatic, true);
    assert.equal(facts({ answers: { symptoms: ['none'] } }, '2021-11').symptomatic, false);
    assert.equal(facts({ answers: {}, symptomatic: true }, '2021-11').symptomatic, null, 'unanswered is unknown');
    assert.equal(facts({ answers: {} }, '2022-09-26').symptomatic, null);
    assert.equal(facts({ answers: {}, symptomatic: true }, '2022-09-26').symptomatic, true, 'no symptoms item: the column');
  });

  it('counts tests per entry for the four-at-once rule, not across the case', () => {
    const five = [1, 2, 3, 4, 5].map((i) => ({ ...positive, entryId: i <= 3 ? 'a' : 'b' }));
    assert.equal(facts({}, '2022-09-26', five).testsInThisEntry, 3);
    assert.equal(facts({}, '2022-09-26', five).tests.length, 5);
    assert.ok(!('entryId' in facts({}, '2022-09-26', five).tests[0]));
  });
});


describe("suggestedDiagnosis: the date a case's tests suggest (registration checks a form is in force on it)", () => {
  const today = '2026-12-04';
  it('takes the latest positive result, else the latest specimen, else today', () => {
    const tests = [
      { result: 'positive', collectedOn: '2026-11-01', resultOn: '2026-11-02' },
      { result: 'positive', collectedOn: '2026-11-10', resultOn: null },
      { result: 'negative', collectedOn: '2026-11-20', resultOn: '2026-11-21' },
    ];
    assert.deepEqual(suggestedDiagnosis(tests, today), { test: tests[1], diagnosedOn: '2026-11-10', positive: true });
    assert.deepEqual(suggestedDiagnosis([tests[2]], today), { test: tests[2], diagnosedOn: '2026-11-20', positive: false });
    assert.deepEqual(suggestedDiagnosis([], today), { test: undefined, diagnosedOn: today, positive: false });
  });
  it("reads a form's empty date as no date", () => {
    const row = { result: 'positive', collectedOn: '2022-10-02', resultOn: '' };
    assert.equal(suggestedDiagnosis([row], today).diagnosedOn, '2022-10-02');
    assert.equal(suggestedDiagnosis([{ result: 'pending', collectedOn: '', resultOn: '' }], today).diagnosedOn, today);
  });
});

describe('submissionEmail (Q&A 14-2) and the prefecture alert', () => {
  const measles = { ja: '麻しん', en: 'Measles' };
  const mail = submissionEmail({ selfReportId: 'ABCDEFGH23', caseUrl: 'https://hersys.example/cases/42', healthCentreNameJa: '新宿区保健所', disease: measles });

  it('names the centre and the disease and carries the self-report ID and the link, in Japanese then English', () => {
    assert.ok(mail.subject.includes('ABCDEFGH23'));
    assert.ok(mail.subject.includes('麻しん'));
    assert.ok(!mail.subject.includes('期限超過'));
    assert.ok(mail.text.startsWith('新宿区保健所 御中'));
    assert.ok(mail.text.includes('スマホ入力ID: ABCDEFGH23'));
    assert.ok(mail.text.includes('https://hersys.example/cases/42'));
    assert.match(mail.text, /A Measles notification was submitted \(self-report ID ABCDEFGH23\)/);
  });

  it('says when it came after the deadline', () => {
    const late = submissionEmail({ selfReportId: 'ABCDEFGH23', caseUrl: 'https://x/cases/42', healthCentreNameJa: '新宿区保健所', disease: measles, late: true });
    assert.match(late.subject, /【期限超過】/);
    assert.match(late.text, /after its deadline/);
  });

  it('alerts the prefecture with the centre and the disease only', () => {
    const alert = prefectureAlertEmail({ selfReportId: 'ABCDEFGH23', caseUrl: 'https://x/cases/42', prefectureNameJa: '東京都', healthCentreNameJa: '新宿区保健所', disease: { ja: '結核', en: 'Tuberculosis' } });
    assert.ok(alert.text.startsWith('東京都 御中'));
    assert.match(alert.subject, /結核.*新宿区保健所.*ABCDEFGH23/);
  });
});

describe('coreMissing: what each form version requires of the typed items', () => {
  const full = covid('2022-01-24');
  const limited = covid('2022-09-26');
  const n = { ...core, occupation: null };

  it('asks the full form for occupation, registered address and the dates the ordinance later dropped', () => {
    assert.deepEqual(coreMissing(full, n, person, '2022-10-05'), [
      { path: ['occupation'], level: 'law' },
      { path: ['person', 'registeredAddress'], level: 'law' },
      { path: ['dates', 'initialConsultation'], level: 'law' },
      { path: ['dates', 'onset'], level: 'law' },
      { path: ['dates', 'estimatedInfection'], level: 'law' },
    ]);
  });

  it('asks the 2022-09-26 version only for the specimen date, and nothing once it is given', () => {
    assert.deepEqual(coreMissing(limited, { ...n, specimenCollectedOn: null }, person, '2022-10-05'), [{ path: ['dates', 'specimenCollected'], level: 'law' }]);
    assert.deepEqual(coreMissing(limited, n, person, '2022-10-05'), []);
  });

  it("asks for a minor's guardian, and for nobody else's", () => {
    const child = { ...person, birthDate: '2015-01-01' };
    assert.deepEqual(coreMissing(limited, n, child, '2022-10-05'), [{ path: ['guardian', 'phone'], level: 'law' }]);
    assert.deepEqual(coreMissing(limited, n, { ...child, guardianPhone: '090-1234-5678' }, '2022-10-05'), []);
  });

  it('does not ask an asymptomatic carrier for an onset date', () => {
    const paths = coreMissing(full, { ...n, classification: 'asymptomatic_carrier' }, person, '2022-10-05').map((m) => m.path.join('.'));
    assert.ok(!paths.includes('dates.onset'));
  });

  it('counts a blank string as missing', () => {
    const paths = coreMissing(full, { ...n, occupation: '  ' }, person, '2022-10-05').map((m) => m.path.join('.'));
    assert.ok(paths.includes('occupation'));
  });
});

describe('notCollectedGiven', () => {
  it('names the items the version no longer collects that hold a value', () => {
    assert.deepEqual(notCollectedGiven(covid('2022-09-26'), { occupation: '会社員', onsetOn: '2022-10-01', specimenCollectedOn: '2022-10-02' }), ['occupation', 'onsetOn']);
    assert.deepEqual(notCollectedGiven(covid('2022-01-24'), { occupation: '会社員', onsetOn: '2022-10-01' }), []);
    assert.deepEqual(notCollectedGiven(covid('2022-09-26'), { occupation: null, onsetOn: undefined }), []);
  });
});

describe('notificationChanges', () => {
  it('lists each changed field and answered item with its old and new value', () => {
    const before = { classification: 'suspected', diagnosedOn: '2022-03-01', onsetOn: null, answers: { severity: 'mild', vaccinated: true } };
    const after = { classification: 'patient', diagnosedOn: '2022-03-03', onsetOn: null, answers: { severity: 'moderate', vaccinated: true, risk: ['diabetes'] } };
    assert.deepEqual(notificationChanges(before, after, ['classification', 'diagnosedOn', 'onsetOn']), [
      { path: ['classification'], old: 'suspected', new: 'patient' },
      { path: ['diagnosedOn'], old: '2022-03-01', new: '2022-03-03' },
      { path: ['answers', 'risk'], old: null, new: ['diabetes'] },
      { path: ['answers', 'severity'], old: 'mild', new: 'moderate' },
    ]);
  });

  it('is empty when nothing changed', () => {
    const n = { diagnosedOn: '2022-03-01', answers: { a: { b: 1 } } };
    assert.deepEqual(notificationChanges(n, structuredClone(n), ['diagnosedOn']), []);
  });
});

describe('the onset warning follows the form version', () => {
  const symptomatic = { ...core, symptomatic: true, answers: { symptoms: ['fever'] } };
  const onsetWarning = (version: string) =>
    runLogicChecks(notificationFacts({ notification: symptomatic, person, labTests: [positive], form: covid(version), today: '2022-10-05' })).some(
      (f) => f.ruleId === 'LC-ONSET-FOR-SYMPTOMATIC',
    );

  it('warns under a version that collects the onset date and not under one that does not', () => {
    assert.equal(onsetWarning('2022-01-24'), true);
    assert.equal(onsetWarning('2022-09-26'), false);
  });
});
