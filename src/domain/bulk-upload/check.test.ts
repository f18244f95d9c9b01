// A bulk-upload row is checked as the form checks a notification, each problem at its cell.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FormDefinition } from '../forms/definition.ts';
import { parseDate } from './cells.ts';
import { checkRow, type Cells } from './check.ts';
import { columnsOf, currentForm, knownColumns, matchHeaders } from './columns.ts';

const dir = new URL('../forms/definitions/', import.meta.url);
const forms = readdirSync(dir).map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const columns = knownColumns(forms.filter((f) => f.formId === 'covid19'));
const options = { disease: 'covid19', forms, columns, today: '2022-10-20', proxy: false };

const good: Cells = {
  nameKanji: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  sex: '女',
  birthDate: '1950/4/1',
  residenceAddress: '東京都新宿区西新宿二丁目8番1号',
  classification: '患者（確定例）',
  diagnosedOn: '2022-10-03',
  specimenCollectedOn: '2022年10月2日',
  testMethod: 'naat',
  testSpecimen: '鼻咽頭拭い液',
  testResult: '陽性',
  'answers.four_groups.aged_65_or_over': 'はい',
  'answers.four_groups.needs_admission': 'いいえ',
  'answers.four_groups.risk_and_needs_treatment_or_oxygen': 'no',
  'answers.four_groups.pregnant': '×',
};

describe('bulk upload: a row checked as the form checks it', () => {
  it('a complete row has no error and gives the registration and the draft', () => {
    const r = checkRow(good, options);
    assert.deepEqual(r.problems.filter((p) => p.severity === 'error'), []);
    assert.ok(r.input);
    assert.equal(r.input.person.birthDate, '1950-04-01');
    assert.equal(r.input.person.sex, 'female');
    assert.equal(r.input.notification.classification, 'patient');
    assert.equal(r.input.formVersion, '2022-09-26');
    assert.deepEqual(r.input.tests, [{ method: 'naat', specimen: 'nasopharyngeal_swab', result: 'positive', collectedOn: '2022-10-02' }]);
    assert.deepEqual(r.input.notification.answers, { four_groups: { aged_65_or_over: true, needs_admission: false, risk_and_needs_treatment_or_oxygen: false, pregnant: false } });
  });

  it('errors are at their cells: a bad date, an unknown option, a kana name in kanji', () => {
    const r = checkRow({ ...good, birthDate: '1950/2/30', sex: '不明', nameKana: '山田' }, options);
    const at = (c: string) => r.problems.filter((p) => p.column === c && p.severity === 'error');
    assert.equal(r.input, null);
    assert.equal(at('birthDate').length, 1);
    assert.match(at('birthDate')[0].message.ja, /生年月日/);
    assert.equal(at('sex')[0].code, 'invalid_value');
    assert.match(at('nameKana')[0].message.en, /kana/);
  });

  it('the logic checks run: a specimen taken after the diagnosis is an error at both dates', () => {
    const r = checkRow({ ...good, specimenCollectedOn: '2022-10-05' }, options);
    const cols = r.problems.filter((p) => p.ruleId === 'LC-SPECIMEN-AFTER-DIAGNOSIS').map((p) => p.column);
    assert.ok(cols.includes('specimenCollectedOn') && cols.includes('diagnosedOn'), JSON.stringify(r.problems));
  });

  it('the four groups: none of them is an error at the four cells; the age disagreeing is a warning', () => {
    const none = checkRow({ ...good, 'answers.four_groups.aged_65_or_over': 'いいえ' }, options);
    assert.deepEqual(none.problems.filter((p) => p.ruleId === 'LC-FOUR-GROUPS-REQUIRED').map((p) => p.column).sort(), [
      'answers.four_groups.aged_65_or_over', 'answers.four_groups.needs_admission', 'answers.four_groups.pregnant', 'answers.four_groups.risk_and_needs_treatment_or_oxygen',
    ]);
    const young = checkRow({ ...good, birthDate: '1990-01-01' }, options);
    assert.ok(young.input, 'a warning does not stop the row');
    assert.ok(young.input.warnings.includes('LC-FOUR-GROUPS-AGE'));
  });

  it('the legal minimum: no test and no clinical diagnosis is missing at the test method', () => {
    const r = checkRow({ ...good, testMethod: '', testSpecimen: '', testResult: '' }, options);
    assert.ok(r.problems.some((p) => p.column === 'testMethod' && p.code === 'legal_minimum_missing'));
  });

  it('the version in force on the diagnosis date decides: none after 2023-05-08, and an item the version dropped is refused', () => {
    const late = checkRow({ ...good, diagnosedOn: '2024-01-10' }, { ...options, today: '2024-02-01' });
    assert.ok(late.problems.some((p) => p.column === 'diagnosedOn' && p.code === 'no_form_in_force'));
    const dropped = checkRow({ ...good, onsetOn: '2022-10-01' }, options);
    assert.ok(dropped.problems.some((p) => p.column === 'onsetOn' && p.code === 'not_collected_by_form'));
  });

  it('a health centre keying in a fax needs the doctor on each row', () => {
    const r = checkRow(good, { ...options, proxy: true });
    assert.ok(r.problems.some((p) => p.column === 'doctorName'));
    assert.ok(checkRow({ ...good, doctorName: '佐藤 一郎' }, { ...options, proxy: true }).input);
  });

  it('headings match by key, Japanese or English label, with or without the required mark; missing and unknown ones are named', () => {
    const form = currentForm(forms, 'covid19', '2022-10-20')!;
    const cols = columnsOf(form);
    const required = cols.filter((c) => c.required);
    assert.equal(matchHeaders(cols.map((c) => `${c.label.ja}*`), columns, required).ok, true);
    assert.equal(matchHeaders(cols.map((c) => c.label.en.toUpperCase()), columns, required).ok, true);
    const bad = matchHeaders(['氏名', 'Favourite colour'], columns, required);
    assert.equal(bad.ok, false);
    if (!bad.ok) {
      assert.deepEqual(bad.unknown, ['Favourite colour']);
      assert.ok(bad.missing.some((c) => c.key === 'nameKana'));
    }
  });

  it('dates in the usual ways, and only real ones', () => {
    assert.equal(parseDate('２０２２／１０／３'), '2022-10-03');
    assert.equal(parseDate('2022年10月3日'), '2022-10-03');
    assert.equal(parseDate('44837'), '2022-10-03');
    assert.equal(parseDate('2022-02-29'), undefined);
    assert.equal(parseDate('3 Oct 2022'), undefined);
  });

  it('a file of another disease: its form in force today, its tests and classifications, its own rules', () => {
    const measles = { disease: 'measles', forms, columns: knownColumns(forms.filter((f) => f.formId === 'measles')), today: '2026-12-04', proxy: false };
    const row: Cells = {
      nameKanji: '山田 一郎',
      nameKana: 'ヤマダ イチロウ',
      sex: '男',
      birthDate: '2020-05-01',
      residenceAddress: '東京都新宿区西新宿二丁目8番1号',
      classification: '患者（確定例）',
      diagnosedOn: '2026-12-03',
      specimenCollectedOn: '2026-12-02',
      testMethod: 'naat',
      testSpecimen: 'throat_swab',
      testResult: '陽性',
      'answers.disease_type': 'measles_lab',
    };
    const ok = checkRow(row, measles);
    assert.deepEqual(ok.problems.filter((p) => p.severity === 'error'), []);
    assert.equal(ok.input?.notification.formId, 'measles');
    assert.equal(ok.input?.formVersion, '2018-01-01');

    const problems = (cells: Cells) => checkRow(cells, measles).problems.filter((p) => p.severity === 'error').map((p) => `${p.column}:${p.code}`);
    assert.ok(problems({ ...row, classification: 'suspected' }).includes('classification:invalid_value'), 'measles has no suspected case');
    assert.ok(problems({ ...row, testSpecimen: 'nasopharyngeal_swab' }).includes('testSpecimen:invalid_value'), 'not a measles specimen');
    assert.ok(problems({ ...row, testMethod: 'antibody_igm' }).includes('testSpecimen:logic_check'), 'IgM is measured in serum');
    const { 'answers.disease_type': _type, ...untyped } = row;
    assert.ok(problems(untyped).includes('answers.disease_type:logic_check'), 'the disease’s own rule: the case type');

    // COVID-19's columns are not measles' (a COVID-19 template uploaded as measles is refused at its headings).
    const covidHeadings = columnsOf(currentForm(forms, 'covid19', '2022-10-20')!).map((c) => c.label.ja);
    const m = matchHeaders(covidHeadings, measles.columns, []);
    assert.equal(m.ok, false);
    if (!m.ok) assert.ok(m.unknown.some((h) => h.includes('基礎疾患') || h.includes('重症化') || h.includes('65')), m.unknown.join(', '));
  });

  it('a COVID-19 row diagnosed today: no form in force, said with the disease', () => {
    const r = checkRow({ ...good, diagnosedOn: '2026-12-03', specimenCollectedOn: '2026-12-02' }, { ...options, today: '2026-12-04' });
    const p = r.problems.find((x) => x.code === 'no_form_in_force');
    assert.equal(p?.column, 'diagnosedOn');
    assert.match(p!.message.en, /COVID-19/);
    assert.equal(r.input, null);
  });
});
