import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { currentDiseases, enabledItems, meetsFourGroups, selectForm, validateAnswers, type AnswerCheck } from './answers.ts';
import { DISEASE_CATEGORIES, FormDefinition } from './definition.ts';

const dir = new URL('./definitions/', import.meta.url);
const defs = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const covid = (version: string) => defs.find((d) => d.formId === 'covid19' && d.version === version)!;

// A small form with every type and operator, so each rule is tested once, away from COVID wording.
const label = (ja: string, en: string) => ({ ja, en });
const opt = (code: string, extra = {}) => ({ code, ja: code, en: code, ...extra });
const test = FormDefinition.parse({
  formId: 'test',
  version: '1',
  disease: { code: 'test', ja: 'テスト感染症', en: 'Test disease' },
  category: 'category_5',
  deadline: 'within_7_days',
  classifications: ['patient'],
  diagnosis: { methods: [{ method: 'naat', specimens: ['serum'] }] },
  sources: [{ title: 'A test notice', date: '2020-01-01' }],
  effectiveFrom: '2020-01-01',
  allowsClinicalDiagnosis: false,
  requiresOneOfFourGroups: false,
  core: covid('2021-11').core,
  items: [
    { id: 'flag', type: 'boolean', label: label('旗', 'Flag'), required: 'submit' },
    { id: 'count', type: 'integer', label: label('回数', 'Count'), required: 'law', min: 0, max: 10 },
    { id: 'ratio', type: 'decimal', label: label('比率', 'Ratio'), required: 'optional', min: 0.5 },
    { id: 'day', type: 'date', label: label('日付', 'Day'), required: 'optional' },
    { id: 'note', type: 'text', label: label('備考', 'Note'), required: 'optional', maxLength: 5 },
    { id: 'color', type: 'choice', label: label('色', 'Colour'), required: 'optional', valueSet: [opt('red'), opt('blue'), opt('other', { other: true })] },
    { id: 'tags', type: 'multi_choice', label: label('タグ', 'Tags'), required: 'optional', maxLength: 10, valueSet: [opt('a'), opt('b'), opt('other', { other: true }), opt('none', { exclusive: true })] },
    { id: 'why_red', type: 'text', label: label('赤の理由', 'Why red'), required: 'law', enableWhen: [{ item: 'color', operator: 'equals', value: 'red' }] },
    { id: 'why_red_more', type: 'text', label: label('補足', 'More'), required: 'optional', enableWhen: [{ item: 'why_red', operator: 'exists' }] },
    { id: 'not_blue', type: 'text', label: label('青以外', 'Not blue'), required: 'optional', enableWhen: [{ item: 'color', operator: 'not_equals', value: 'blue' }] },
    { id: 'a_detail', type: 'text', label: label('Aの詳細', 'A detail'), required: 'optional', enableWhen: [{ item: 'tags', operator: 'includes', value: 'a' }] },
    { id: 'why_no_count', type: 'text', label: label('回数なしの理由', 'Why no count'), required: 'optional', enableWhen: [{ item: 'count', operator: 'exists', value: false }] },
    {
      id: 'details',
      type: 'group',
      label: label('詳細', 'Details'),
      required: 'law',
      items: [
        { id: 'kind', type: 'choice', label: label('種類', 'Kind'), required: 'submit', valueSet: [opt('x'), opt('y')] },
        { id: 'x_text', type: 'text', label: label('Xの内容', 'X text'), required: 'law', enableWhen: [{ item: 'kind', operator: 'equals', value: 'x' }] },
      ],
    },
    { id: 'after_x', type: 'boolean', label: label('Xの後', 'After X'), required: 'optional', enableWhen: [{ item: 'kind', operator: 'equals', value: 'x' }] },
    {
      id: 'extra',
      type: 'group',
      label: label('追加', 'Extra'),
      required: 'optional',
      items: [{ id: 'extra_needed', type: 'boolean', label: label('必須', 'Needed'), required: 'submit' }],
    },
    {
      id: 'doses',
      type: 'group',
      label: label('接種', 'Doses'),
      required: 'optional',
      repeats: { max: 2 },
      items: [
        { id: 'given', type: 'boolean', label: label('接種', 'Given'), required: 'submit' },
        { id: 'dose_day', type: 'date', label: label('接種日', 'Dose day'), required: 'law', enableWhen: [{ item: 'given', operator: 'equals', value: true }] },
        { id: 'flagged', type: 'boolean', label: label('旗付き', 'Flagged'), required: 'optional', enableWhen: [{ item: 'flag', operator: 'equals', value: true }] },
      ],
    },
  ],
});

const complete = {
  flag: true,
  count: 3,
  ratio: 0.75,
  day: '2024-02-29',
  note: 'あいうえお',
  color: 'red',
  tags: ['a', { code: 'other', text: '自由記述' }],
  why_red: '夕日',
  why_red_more: '補足',
  not_blue: 'ok',
  a_detail: 'detail',
  details: { kind: 'x', x_text: 'text' },
  after_x: false,
  doses: [{ given: true, dose_day: '2021-06-01', flagged: true }, { given: false }],
};

const codes = (c: AnswerCheck) => c.errors.map((e) => [e.path, e.code]);
const check = (answers: unknown) => validateAnswers(test, answers, 'law');
const clean = { errors: [], missing: [] };

describe('validateAnswers: types and values', () => {
  it('accepts complete, correct answers', () => {
    assert.deepEqual(check(complete), clean);
  });

  it('reports an answer of the wrong type, for every type', () => {
    const wrong = {
      flag: 'yes',
      count: 1.5,
      ratio: '1',
      day: 20240101,
      note: 5,
      color: 7,
      tags: 'a',
      details: ['x'],
      doses: { given: true },
    };
    assert.deepEqual(codes(check(wrong)), [
      [['flag'], 'wrong_type'],
      [['count'], 'wrong_type'],
      [['ratio'], 'wrong_type'],
      [['day'], 'wrong_type'],
      [['note'], 'wrong_type'],
      [['color'], 'wrong_type'],
      [['tags'], 'wrong_type'],
      [['details'], 'wrong_type'],
      [['doses'], 'wrong_type'],
    ]);
    assert.deepEqual(codes(check([])), [[[], 'wrong_type']]);
    assert.deepEqual(codes(check({ ...complete, color: { code: 'red', colour: 'crimson' } })), [[['color'], 'wrong_type']]);
  });

  it('says what is wrong in Japanese and English, naming the item', () => {
    const [e] = check({ ...complete, flag: 'yes' }).errors;
    assert.deepEqual(e.message, {
      ja: '「旗」の回答の形式が正しくありません（はい／いいえで入力してください）。',
      en: 'The answer to "Flag" has the wrong form (expected yes or no).',
    });
  });

  it('refuses dates that do not exist or are not YYYY-MM-DD', () => {
    for (const day of ['2023-02-29', '2022-13-01', '2022-2-1', '2022-02-01T00:00:00Z']) {
      assert.deepEqual(codes(check({ ...complete, day })), [[['day'], 'invalid_date']], day);
    }
  });

  it('reports items the form does not have, at any depth', () => {
    const answers = { ...complete, symptoms: ['fever'], details: { kind: 'x', x_text: 't', extra: 1 }, doses: [{ given: false, lot: 'A1' }] };
    assert.deepEqual(codes(check(answers)), [
      [['symptoms'], 'unknown_item'],
      [['details', 'extra'], 'unknown_item'],
      [['doses', 0, 'lot'], 'unknown_item'],
    ]);
    assert.match(check(answers).errors[0].message.ja, /「symptoms」という項目は、この様式（テスト感染症 1版）にはありません/);
  });

  it('reports codes outside the value set, duplicates, and an exclusive option with others', () => {
    assert.deepEqual(codes(check({ ...complete, color: 'green' })), [[['color'], 'unknown_code']]);
    assert.deepEqual(codes(check({ ...complete, tags: ['a', 'z'], a_detail: undefined })), [[['tags', 1], 'unknown_code']]);
    assert.deepEqual(codes(check({ ...complete, tags: ['a', 'a'] })), [[['tags'], 'duplicate_code']]);
    assert.deepEqual(codes(check({ ...complete, tags: ['none', 'b'], a_detail: undefined })), [[['tags'], 'exclusive_option']]);
    assert.deepEqual(check({ ...complete, tags: ['none'], a_detail: undefined }), clean);
  });

  it('takes free text only on an `other` option, within the length limit', () => {
    assert.deepEqual(check({ ...complete, color: { code: 'other', text: '緑' }, why_red: null, why_red_more: null }), clean);
    assert.deepEqual(check({ ...complete, color: { code: 'red' } }), clean);
    assert.deepEqual(codes(check({ ...complete, color: { code: 'red', text: '朱' } })), [[['color'], 'other_text_not_allowed']]);
    assert.deepEqual(codes(check({ ...complete, tags: [{ code: 'other', text: 'あ'.repeat(11) }] })), [[['tags', 0, 'text'], 'too_long']]);
  });

  it('reports numbers out of range, with the bounds in the message', () => {
    assert.deepEqual(codes(check({ ...complete, count: 11 })), [[['count'], 'out_of_range']]);
    assert.deepEqual(check({ ...complete, count: -1 }).errors[0].message, { ja: '「回数」は0から10までの値で入力してください。', en: '"Count" must be between 0 and 10.' });
    assert.deepEqual(check({ ...complete, ratio: 0.4 }).errors[0].message.en, '"Ratio" must be at least 0.5.');
    assert.deepEqual(check({ ...complete, count: 0, ratio: 0.5 }), clean);
  });

  it('counts text length in characters as a person sees them', () => {
    assert.deepEqual(check({ ...complete, note: '𠮷野家です' }), clean);
    assert.deepEqual(codes(check({ ...complete, note: 'あいうえおか' })), [[['note'], 'too_long']]);
  });
});

describe('validateAnswers: enableWhen', () => {
  it('refuses an answer to an item that does not apply, and accepts it when it does', () => {
    assert.deepEqual(codes(check({ ...complete, color: 'blue', not_blue: undefined })), [
      [['why_red'], 'not_enabled'],
      [['why_red_more'], 'not_enabled'],
    ]);
    assert.deepEqual(codes(check({ ...complete, color: undefined, not_blue: undefined, why_red_more: undefined })), [[['why_red'], 'not_enabled']]);
  });

  it('treats a disabled answer as no answer for later conditions', () => {
    // why_red does not apply, so its answer does not switch on why_red_more.
    assert.deepEqual(codes(check({ ...complete, color: 'blue', why_red: 'x', why_red_more: 'y', not_blue: undefined })), [
      [['why_red'], 'not_enabled'],
      [['why_red_more'], 'not_enabled'],
    ]);
  });

  it('leaves items that depend on a wrong answer alone: one error at the cause', () => {
    const result = check({ ...complete, color: 'green', why_red: undefined, details: { kind: 7 }, after_x: true });
    assert.deepEqual(codes(result), [
      [['color'], 'unknown_code'],
      [['details', 'kind'], 'wrong_type'],
    ]);
    // why_red (law) is not reported missing, and the answers to why_red_more and after_x are not refused.
    assert.deepEqual(result.missing, []);
  });

  it('ignores cleared answers (null, empty) to items that do not apply', () => {
    assert.deepEqual(check({ ...complete, color: 'blue', why_red: null, why_red_more: '', not_blue: undefined }), clean);
  });

  it('evaluates not_equals only once the other item is answered', () => {
    assert.deepEqual(codes(check({ ...complete, color: 'blue', why_red: null, why_red_more: null })), [[['not_blue'], 'not_enabled']]);
    const paths = enabledItems(test, {}).map((p) => p.join('.'));
    assert.ok(!paths.includes('not_blue'));
    assert.ok(enabledItems(test, { color: 'other' }).some((p) => p.join('.') === 'not_blue'));
  });

  it('evaluates includes on a multi_choice and exists (true or false)', () => {
    assert.deepEqual(codes(check({ ...complete, tags: ['b'] })), [[['a_detail'], 'not_enabled']]);
    assert.deepEqual(codes(check({ ...complete, why_no_count: 'x' })), [[['why_no_count'], 'not_enabled']]);
    assert.deepEqual(check({ ...complete, count: null, why_no_count: 'x' }).errors, []);
  });

  it('lets an item depend on an item inside an earlier group, and an entry on an outer item', () => {
    assert.deepEqual(codes(check({ ...complete, details: { kind: 'y' } })), [[['after_x'], 'not_enabled']]);
    assert.deepEqual(codes(check({ ...complete, flag: false })), [[['doses', 0, 'flagged'], 'not_enabled']]);
  });

  it('evaluates each entry of a repeating group on its own', () => {
    const doses = [{ given: false, dose_day: '2021-06-01' }, { given: true, dose_day: '2021-07-01' }];
    assert.deepEqual(codes(check({ ...complete, doses })), [[['doses', 0, 'dose_day'], 'not_enabled']]);
  });

  it('enabledItems lists the paths that apply, entry by entry', () => {
    const paths = enabledItems(test, { color: 'red', doses: [{ given: true }, { given: false }] }).map((p) => p.join('.'));
    assert.deepEqual(paths, [
      'flag', 'count', 'ratio', 'day', 'note', 'color', 'tags', 'why_red', 'not_blue', 'why_no_count',
      'details', 'details.kind', 'extra', 'extra.extra_needed', 'doses', 'doses.0.given', 'doses.0.dose_day', 'doses.1.given',
    ]);
  });
});

describe('validateAnswers: repeats and missing answers', () => {
  it('refuses more entries than a repeating group allows', () => {
    const doses = [{ given: false }, { given: false }, { given: false }];
    assert.deepEqual(codes(check({ ...complete, doses })), [[['doses'], 'too_many_repeats']]);
    assert.equal(check({ ...complete, doses }).errors[0].message.ja, '「接種」は2件まで入力できます。');
  });

  it('reports missing answers by level: submit always, law when asked', () => {
    assert.deepEqual(validateAnswers(test, {}, 'submit'), { errors: [], missing: [{ path: ['flag'], level: 'submit' }] });
    assert.deepEqual(validateAnswers(test, {}, 'law').missing, [
      { path: ['flag'], level: 'submit' },
      { path: ['count'], level: 'law' },
      { path: ['details'], level: 'law' },
    ]);
  });

  it('counts null, empty text, an empty list and an empty group as missing', () => {
    const missing = validateAnswers(test, { flag: null, count: 2, details: {}, note: '', tags: [] }, 'law').missing;
    assert.deepEqual(missing, [
      { path: ['flag'], level: 'submit' },
      { path: ['details'], level: 'law' },
    ]);
  });

  it('reports the required items of an enabled item only: inside groups and entries once they are started', () => {
    const answers = { flag: true, count: 1, color: 'red', details: { kind: 'x' }, extra: { extra_needed: null, stray: 1 }, doses: [{ dose_day: '2021-01-01' }, { given: true }] };
    const result = validateAnswers(test, answers, 'law');
    assert.deepEqual(codes(result), [
      [['extra', 'stray'], 'unknown_item'],
      [['doses', 0, 'dose_day'], 'not_enabled'],
    ]);
    assert.deepEqual(result.missing, [
      { path: ['why_red'], level: 'law' },
      { path: ['details', 'x_text'], level: 'law' },
      { path: ['extra', 'extra_needed'], level: 'submit' },
      { path: ['doses', 0, 'given'], level: 'submit' },
      { path: ['doses', 1, 'dose_day'], level: 'law' },
    ]);
  });
});

describe('the COVID-19 forms', () => {
  const v2021 = covid('2021-11');
  const filled = {
    symptoms: ['fever', 'cough', { code: 'other', text: '関節痛' }],
    spo2: 97,
    infection_route: { route_certainty: 'presumed', route: [{ code: 'droplet', text: '同居家族' }] },
    infection_area: { area_certainty: 'confirmed', area_type: 'domestic', area_prefecture: '13', area_municipality: '新宿区' },
    admitted_at_report: true,
    admission_date: '2022-01-10',
    risk_factors: ['hypertension', 'obesity'],
    immunosuppressed: false,
    pregnant: false,
    severity: 'moderate_1',
    needs_admission: true,
    special_telemedicine: false,
    vaccination: [
      { vaccination_status: 'yes', vaccination_date: '2021-07-01', vaccine_type: 'pfizer', vaccination_age: 70 },
      { vaccination_status: 'yes', vaccination_date: '2021-07-22', vaccine_type: 'pfizer', vaccination_age: 70 },
      { vaccination_status: 'no' },
    ],
    remarks: '妊婦支援事業',
  };

  it('2021-11: accepts a complete notification', () => {
    assert.deepEqual(validateAnswers(v2021, filled, 'law'), clean);
  });

  it('2021-11: statutory items missing are reported at the law level, never as errors', () => {
    assert.deepEqual(validateAnswers(v2021, {}, 'law'), {
      errors: [],
      missing: [
        { path: ['symptoms'], level: 'law' },
        { path: ['infection_route'], level: 'law' },
        { path: ['infection_area'], level: 'law' },
      ],
    });
    assert.deepEqual(validateAnswers(v2021, {}, 'submit'), clean);
  });

  it('2021-11: the admission date needs an admission, なし stands alone, SpO2 is 0–100', () => {
    const bad = { ...filled, admitted_at_report: false, symptoms: ['none', 'fever'], spo2: 101 };
    assert.deepEqual(codes(validateAnswers(v2021, bad, 'law')), [
      [['symptoms'], 'exclusive_option'],
      [['spo2'], 'out_of_range'],
      [['admission_date'], 'not_enabled'],
    ]);
  });

  it('2021-11: the route applies when its certainty is confirmed or presumed (enableBehavior any)', () => {
    const unknown = { ...filled, infection_route: { route_certainty: 'unknown', route: ['contact'] } };
    assert.deepEqual(codes(validateAnswers(v2021, unknown, 'law')), [[['infection_route', 'route'], 'not_enabled']]);
    const confirmed = { ...filled, infection_route: { route_certainty: 'confirmed' } };
    assert.deepEqual(validateAnswers(v2021, confirmed, 'law').missing, [{ path: ['infection_route', 'route'], level: 'law' }]);
  });

  it('2021-11: an overseas area asks for the country, not the prefecture', () => {
    const abroad = { ...filled, infection_area: { area_certainty: 'presumed', area_type: 'overseas', area_prefecture: '13' } };
    const result = validateAnswers(v2021, abroad, 'law');
    assert.deepEqual(codes(result), [[['infection_area', 'area_prefecture'], 'not_enabled']]);
    assert.deepEqual(result.missing, [{ path: ['infection_area', 'area_country'], level: 'law' }]);
  });

  it('2021-11: at most three vaccine doses, and details only for a dose given', () => {
    const four = [...filled.vaccination, { vaccination_status: 'unknown' }];
    assert.deepEqual(codes(validateAnswers(v2021, { ...filled, vaccination: four }, 'law')), [[['vaccination'], 'too_many_repeats']]);
    const detail = [{ vaccination_status: 'no', vaccine_type: 'moderna' }];
    assert.deepEqual(codes(validateAnswers(v2021, { ...filled, vaccination: detail }, 'law')), [[['vaccination', 0, 'vaccine_type'], 'not_enabled']]);
  });

  it('2022-09-26: the four groups block submission, and removed items are refused', () => {
    const v = covid('2022-09-26');
    assert.deepEqual(validateAnswers(v, {}, 'submit').missing, [{ path: ['four_groups'], level: 'submit' }]);
    const partial = { four_groups: { aged_65_or_over: true } };
    assert.deepEqual(validateAnswers(v, partial, 'submit').missing, [
      { path: ['four_groups', 'needs_admission'], level: 'submit' },
      { path: ['four_groups', 'risk_and_needs_treatment_or_oxygen'], level: 'submit' },
      { path: ['four_groups', 'pregnant'], level: 'submit' },
    ]);
    assert.deepEqual(codes(validateAnswers(v, { symptoms: ['fever'], infection_route: { route_certainty: 'unknown' } }, 'submit')), [
      [['symptoms'], 'unknown_item'],
      [['infection_route'], 'unknown_item'],
    ]);
  });

  it('meetsFourGroups: one of the four must be true from 2022-09-26; no rule before', () => {
    const v = covid('2022-09-26');
    const none = { aged_65_or_over: false, needs_admission: false, risk_and_needs_treatment_or_oxygen: false, pregnant: false };
    assert.equal(meetsFourGroups(v, { four_groups: none }), false);
    assert.equal(meetsFourGroups(v, {}), false);
    assert.equal(meetsFourGroups(v, { four_groups: { ...none, pregnant: true } }), true);
    assert.equal(meetsFourGroups(covid('2022-06-30'), {}), true);
  });
});

describe('selectForm', () => {
  const version = (date: string) => selectForm(defs, 'covid19', date)?.version;
  it('picks the version in force on the date, the start day included and the end day excluded', () => {
    assert.equal(version('2020-01-31'), undefined, 'before COVID-19 was notifiable');
    assert.equal(version('2020-02-01'), '2020-02-01');
    assert.equal(version('2020-10-14'), '2020-10-14', 'the Q&A of 2020-10 (suspected cases only when admitted)');
    assert.equal(version('2021-10-31'), '2021-02-13');
    assert.equal(version('2021-11-01'), '2021-11');
    assert.equal(version('2022-01-23'), '2021-11');
    assert.equal(version('2022-01-24'), '2022-01-24');
    assert.equal(version('2022-06-29'), '2022-01-24');
    assert.equal(version('2022-06-30'), '2022-06-30');
    assert.equal(version('2022-09-25'), '2022-06-30');
    assert.equal(version('2022-09-26'), '2022-09-26');
    assert.equal(version('2023-05-07'), '2022-09-26');
    assert.equal(version('2023-05-08'), undefined);
  });

  it('finds nothing for an unknown form, or before a form began', () => {
    assert.equal(selectForm(defs, 'plague', '2022-07-01'), undefined);
    assert.equal(selectForm(defs, 'measles', '2017-12-31'), undefined);
    assert.equal(selectForm(defs, 'measles', '2026-12-04')?.version, '2018-01-01');
  });

  it('prefers the later start should versions overlap, whatever their order', () => {
    const open = { ...test, version: 'open', effectiveFrom: '2020-01-01', effectiveUntil: undefined };
    const later = { ...test, version: 'later', effectiveFrom: '2021-01-01' };
    assert.equal(selectForm([later, open], 'test', '2021-06-01')?.version, 'later');
    assert.equal(selectForm([open, later], 'test', '2021-06-01')?.version, 'later');
    assert.equal(selectForm([open, later], 'test', '2020-06-01')?.version, 'open');
  });
});

describe('currentDiseases', () => {
  it('lists each disease once, by its newest version, in the law’s order of categories', () => {
    const current = currentDiseases(defs);
    assert.equal(current.length, new Set(defs.map((d) => d.formId)).size);
    assert.equal(current.find((d) => d.formId === 'covid19')?.version, '2022-09-26', 'the last COVID-19 version, though it is no longer in force');
    const order = current.map((d) => DISEASE_CATEGORIES.indexOf(d.category));
    assert.deepEqual(order, [...order].sort((a, b) => a - b));
    assert.equal(current[0]?.formId, 'ebola', 'category 1 first');
  });

  it('does not depend on the order of the files', () => {
    const codes = (list: FormDefinition[]) => currentDiseases(list).map((d) => `${d.formId}@${d.version}`);
    assert.deepEqual(codes([...defs].reverse()), codes(defs));
  });
});
