import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { FormDefinition, versionSequenceProblems, type FormItem } from './definition.ts';

// The server loads the definitions directory the same way: one JSON file per form version.
const dir = new URL('./definitions/', import.meta.url);
const shipped = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as unknown }));
const defs = shipped.map(({ json }) => FormDefinition.parse(json));
const covid = (version: string) => defs.find((d) => d.formId === 'covid19' && d.version === version)!;

function flatten(items: FormItem[]): FormItem[] {
  return items.flatMap((i) => [i, ...flatten(i.items ?? [])]);
}
const ids = (items: FormItem[]) => flatten(items).map((i) => i.id);

describe('shipped form definitions', () => {
  it('are named <formId>-<version>.json, and cover a disease of each category of the law', () => {
    defs.forEach((d, i) => assert.equal(shipped[i].file, `${d.formId}-${d.version}.json`));
    const byCategory = (c: string) => [...new Set(defs.filter((d) => d.category === c).map((d) => d.formId))].sort();
    assert.deepEqual(byCategory('category_1'), ['ebola']);
    assert.deepEqual(byCategory('category_2'), ['tuberculosis']);
    assert.deepEqual(byCategory('category_3'), ['ehec']);
    assert.deepEqual(byCategory('category_4'), ['dengue', 'sfts']);
    assert.deepEqual(byCategory('category_5'), ['invasive_pneumococcal', 'measles', 'pertussis', 'rubella', 'syphilis']);
  });

  it('each cite a source, and keep to the deadline of their category', () => {
    for (const d of defs) {
      assert.ok(d.sources.length > 0, `${d.formId}-${d.version}`);
      // 直ちに for Categories 1–4 and COVID-19; Category 5 diseases each say which.
      if (d.category !== 'category_5') assert.equal(d.deadline, 'immediate', `${d.formId}-${d.version}`);
    }
    const deadline = (id: string) => defs.find((d) => d.formId === id)!.deadline;
    assert.deepEqual(['measles', 'rubella', 'pertussis', 'syphilis', 'invasive_pneumococcal'].map(deadline), ['immediate', 'immediate', 'within_7_days', 'within_7_days', 'within_7_days']);
  });

  it('each offer only what their disease takes: classifications, methods, rules', () => {
    const tb = defs.find((d) => d.formId === 'tuberculosis')!;
    assert.ok(tb.classifications.includes('asymptomatic_carrier'), 'latent TB infection');
    assert.ok(tb.logicChecks?.rules?.some((r) => r.classifications?.includes('asymptomatic_carrier')), 'with its own rule');
    assert.ok(tb.diagnosis.methods.some((m) => m.method === 'igra'));
    const measles = defs.find((d) => d.formId === 'measles')!;
    assert.ok(!measles.classifications.includes('suspected'), 'measles has no suspected case');
    assert.ok(measles.allowsClinicalDiagnosis, '臨床診断例');
    for (const d of defs) assert.ok(d.diagnosis.methods.length > 0, `${d.formId}-${d.version}`);
  });

  it('parse with the schema', () => {
    for (const { file, json } of shipped) {
      const result = FormDefinition.safeParse(json);
      assert.ok(result.success, `${file}: ${result.success ? '' : JSON.stringify(result.error.issues)}`);
    }
  });

  it('have no dangling enableWhen: each refers to an item defined before it', () => {
    for (const d of defs) {
      const before = new Set<string>();
      for (const item of flatten(d.items)) {
        for (const c of item.enableWhen ?? []) assert.ok(before.has(c.item), `${d.version}: ${item.id} -> ${c.item}`);
        before.add(item.id);
      }
    }
  });

  it('follow each other without gap or overlap: COVID-19 from its first notification until it became Category 5', () => {
    assert.deepEqual(versionSequenceProblems(defs), []);
    const covidPeriods = defs.filter((d) => d.formId === 'covid19').map((d) => [d.effectiveFrom, d.effectiveUntil]);
    assert.deepEqual(covidPeriods[0], ['2020-02-01', covidPeriods[1][0]]);
    assert.equal(covidPeriods.at(-1)![1], '2023-05-08');
    assert.ok(covidPeriods.some(([from]) => from === '2021-11-01'));
    // The others are in force today: one current version each.
    for (const d of defs.filter((x) => x.formId !== 'covid19')) assert.equal(d.effectiveUntil, undefined, d.formId);
  });

  it('2021-11: the late-2021 form with symptoms, infection route and area, and three vaccine doses', () => {
    const d = covid('2021-11');
    const symptoms = d.items.find((i) => i.id === 'symptoms')!;
    assert.equal(symptoms.valueSet?.length, 15);
    assert.ok(symptoms.valueSet?.find((o) => o.code === 'other')?.other);
    assert.ok(symptoms.valueSet?.find((o) => o.code === 'none')?.exclusive);
    assert.equal(d.items.find((i) => i.id === 'vaccination')?.repeats?.max, 3);
    assert.deepEqual(d.items.find((i) => i.id === 'spo2'), {
      id: 'spo2',
      type: 'integer',
      label: { ja: '酸素飽和度（SpO2・室内気、%）', en: 'Oxygen saturation (SpO2 on room air, %)' },
      required: 'optional',
      min: 0,
      max: 100,
    });
    assert.equal(d.allowsClinicalDiagnosis, false);
    assert.equal(d.requiresOneOfFourGroups, false);
    assert.deepEqual(d.core, {
      occupation: 'law',
      registeredAddress: 'law',
      initialConsultationDate: 'law',
      specimenCollectedDate: 'optional',
      onsetDate: 'law',
      estimatedInfectionDate: 'law',
      deathDate: 'optional',
      guardianAddress: 'law',
      guardianPhone: 'optional',
    });
  });

  it('2022-01-24: the same items, now allowing a clinical diagnosis', () => {
    const [a, b] = [covid('2021-11'), covid('2022-01-24')];
    assert.deepEqual(b.items, a.items);
    assert.deepEqual(b.core, a.core);
    assert.equal(b.allowsClinicalDiagnosis, true);
  });

  it('2022-06-30: drops what the ordinance removed and adds item 13 (therapeutics, oxygen)', () => {
    const d = covid('2022-06-30');
    const all = ids(d.items);
    for (const gone of ['symptoms', 'spo2', 'infection_route', 'route', 'infection_area', 'area_type']) assert.ok(!all.includes(gone), gone);
    assert.deepEqual(ids(d.items.filter((i) => i.id === 'treatment_needs')), ['treatment_needs', 'needs_therapeutics', 'needs_oxygen']);
    assert.equal(d.requiresOneOfFourGroups, false);
    assert.deepEqual(
      [d.core.occupation, d.core.registeredAddress, d.core.estimatedInfectionDate, d.core.guardianAddress],
      ['not_collected', 'not_collected', 'not_collected', 'not_collected'],
    );
    assert.deepEqual([d.core.specimenCollectedDate, d.core.guardianPhone], ['law', 'law']);
  });

  it('2022-09-26: the four groups block submission, and the removed items stay out', () => {
    const d = covid('2022-09-26');
    assert.equal(d.requiresOneOfFourGroups, true);
    const four = d.items[0];
    assert.equal(four.id, 'four_groups');
    assert.equal(four.required, 'submit');
    assert.deepEqual(
      four.items?.map((i) => [i.id, i.type, i.required]),
      [
        ['aged_65_or_over', 'boolean', 'submit'],
        ['needs_admission', 'boolean', 'submit'],
        ['risk_and_needs_treatment_or_oxygen', 'boolean', 'submit'],
        ['pregnant', 'boolean', 'submit'],
      ],
    );
    assert.match(four.items?.[2].help?.ja ?? '', /パキロビッド/);
    const all = ids(d.items);
    for (const gone of ['symptoms', 'infection_route', 'infection_area']) assert.ok(!all.includes(gone), gone);
    assert.ok(all.includes('needs_therapeutics') && all.includes('needs_oxygen'));
    assert.deepEqual(d.core, {
      occupation: 'not_collected',
      registeredAddress: 'not_collected',
      initialConsultationDate: 'not_collected',
      specimenCollectedDate: 'law',
      onsetDate: 'not_collected',
      estimatedInfectionDate: 'not_collected',
      deathDate: 'optional',
      guardianAddress: 'not_collected',
      guardianPhone: 'law',
    });
  });
});

// --- the schema refuses what would break evaluation ------------------------------------------

const label = { ja: 'ラベル', en: 'Label' };
const yesNo = [
  { code: 'yes', ja: 'はい', en: 'Yes' },
  { code: 'no', ja: 'いいえ', en: 'No' },
];
// A fresh copy each time: the tests below break it in place.
function minimal(): Record<string, any> {
  return structuredClone({
    formId: 'test',
    version: '1',
    disease: { code: 'test', ja: 'テスト', en: 'Test' },
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
      { id: 'answer', type: 'choice', label, required: 'optional', valueSet: yesNo },
      {
        id: 'doses',
        type: 'group',
        label,
        required: 'optional',
        repeats: { max: 3 },
        items: [{ id: 'dose_date', type: 'date', label, required: 'optional' }],
      },
      { id: 'note', type: 'text', label, required: 'optional' },
    ],
  });
}

function rejects(mutate: (d: Record<string, any>) => void, message: RegExp): void {
  const d = minimal();
  mutate(d);
  const result = FormDefinition.safeParse(d);
  assert.equal(result.success, false, 'should be refused');
  assert.ok(
    result.error.issues.some((i) => message.test(i.message)),
    `no issue matches ${message}: ${JSON.stringify(result.error.issues)}`,
  );
}

describe('FormDefinition schema', () => {
  it('accepts the minimal test definition', () => {
    assert.ok(FormDefinition.safeParse(minimal()).success);
  });

  it('refuses disease fields that do not hold together', () => {
    rejects((d) => (d.formId = 'other'), /named by its disease code/);
    rejects((d) => d.classifications.push('patient'), /duplicate classification/);
    rejects((d) => d.diagnosis.methods.push({ method: 'naat', specimens: ['urine'] }), /a method is listed once/);
    rejects((d) => (d.diagnosis.methods[0].specimens = ['serum', 'serum']), /duplicate specimen/);
    rejects((d) => (d.logicChecks = { off: ['LC-NO-SUCH-RULE'] }), /no shared logic check "LC-NO-SUCH-RULE"/);
    rejects((d) => (d.sources = []), /./);
    const rule = (require: object, classifications?: string[]) => ({
      logicChecks: { rules: [{ id: 'TEST-RULE', severity: 'error', require, message: label, ...(classifications ? { classifications } : {}) }] },
    });
    rejects((d) => Object.assign(d, rule({ item: 'nowhere', operator: 'exists' })), /"nowhere", which is not an earlier item/);
    rejects((d) => Object.assign(d, rule({ item: 'dose_date', operator: 'exists' })), /"dose_date", which is not an earlier item/);
    rejects((d) => Object.assign(d, rule({ item: 'answer', operator: 'equals', value: 'maybe' })), /"maybe" is not a code/);
    rejects((d) => Object.assign(d, rule({ item: 'answer', operator: 'equals', value: 'yes' }, ['suspected'])), /not a classification of this form: suspected/);
    const ok = Object.assign(minimal(), rule({ item: 'answer', operator: 'equals', value: 'yes' }, ['patient']));
    assert.ok(FormDefinition.safeParse(ok).success);
  });

  it('refuses duplicate item ids, also across nesting levels', () => {
    rejects((d) => d.items[1].items.push({ id: 'note', type: 'text', label, required: 'optional' }), /duplicate item id "note"/);
  });

  it('refuses an enableWhen on an unknown, a later or an out-of-scope item', () => {
    const cond = (item: string) => [{ item, operator: 'exists' }];
    rejects((d) => (d.items[2].enableWhen = cond('nowhere')), /"nowhere", which is not an earlier item/);
    rejects((d) => (d.items[0].enableWhen = cond('note')), /"note", which is not an earlier item/);
    rejects((d) => (d.items[0].enableWhen = cond('answer')), /"answer", which is not an earlier item/);
    // Which dose would that be? Items of a repeating group are visible only inside an entry.
    rejects((d) => (d.items[2].enableWhen = cond('dose_date')), /"dose_date", which is not an earlier item/);
  });

  it('allows an enableWhen on an earlier item of an enclosing list, or inside an earlier non-repeating group', () => {
    const d = minimal();
    d.items[1].items[0].enableWhen = [{ item: 'answer', operator: 'equals', value: 'yes' }];
    delete d.items[1].repeats;
    d.items[2].enableWhen = [{ item: 'dose_date', operator: 'exists' }];
    assert.ok(FormDefinition.safeParse(d).success);
  });

  it('refuses enableWhen values that can never match', () => {
    rejects((d) => (d.items[2].enableWhen = [{ item: 'answer', operator: 'equals', value: 'maybe' }]), /"maybe" is not a code/);
    rejects((d) => (d.items[2].enableWhen = [{ item: 'answer', operator: 'equals' }]), /equals needs a value/);
    rejects((d) => (d.items[2].enableWhen = [{ item: 'answer', operator: 'includes', value: 'yes' }]), /includes/);
    rejects((d) => (d.items[2].enableWhen = [{ item: 'doses', operator: 'equals', value: 'x' }]), /only be tested with exists/);
    rejects((d) => (d.items[2].enableWhen = [{ item: 'answer', operator: 'exists', value: 'yes' }]), /exists takes true or false/);
  });

  it('refuses empty value sets, duplicate codes and value sets on non-choice items', () => {
    rejects((d) => (d.items[0].valueSet = []), /at least 1|>=1/i);
    rejects((d) => d.items[0].valueSet.push({ code: 'yes', ja: 'はい', en: 'Yes' }), /duplicate code/);
    rejects((d) => (d.items[2].valueSet = yesNo), /a text item has no valueSet/);
    rejects((d) => delete d.items[0].valueSet, /a choice needs a valueSet/);
    rejects((d) => (d.items[0].valueSet[1].exclusive = true), /only a multi_choice option can be exclusive/);
  });

  it('refuses fields that do not fit the type', () => {
    rejects((d) => Object.assign(d.items[2], { min: 1 }), /min\/max are for numbers/);
    rejects((d) => Object.assign(d.items[2], { type: 'integer', min: 5, max: 1 }), /min is above max/);
    rejects((d) => Object.assign(d.items[2], { type: 'boolean', maxLength: 5 }), /maxLength is for text/);
    rejects((d) => Object.assign(d.items[2], { repeats: { max: 2 } }), /only groups repeat/);
    rejects((d) => delete d.items[1].items, /a group needs items/);
  });

  it('refuses bad ids, unknown properties and an incomplete core', () => {
    rejects((d) => (d.items[2].id = 'freeText'), /snake_case/);
    rejects((d) => (d.items[2].answerValueSet = 'x'), /unrecognized key/i);
    rejects((d) => delete d.core.onsetDate, /expected one of/);
    rejects((d) => (d.core.favouriteColour = 'law'), /Unrecognized key: "favouriteColour"/);
    rejects((d) => (d.core.onsetDate = 'sometimes'), /expected one of/);
  });

  it('refuses an effective period that ends before it starts', () => {
    rejects((d) => (d.effectiveUntil = '2020-01-01'), /after effectiveFrom/);
    rejects((d) => (d.effectiveFrom = '2020-02-30'), /Invalid ISO date/);
  });
});

describe('versionSequenceProblems', () => {
  const v = (version: string, effectiveFrom: string, effectiveUntil?: string) =>
    FormDefinition.parse({ ...minimal(), version, effectiveFrom, effectiveUntil });
  it('reports gaps, overlaps and duplicate versions', () => {
    assert.deepEqual(versionSequenceProblems([v('2', '2021-01-01'), v('1', '2020-01-01', '2020-06-01')]), [
      'test: gap from 2020-06-01 to 2021-01-01 after 1',
    ]);
    assert.deepEqual(versionSequenceProblems([v('1', '2020-01-01'), v('2', '2021-01-01')]), ['test: 1 overlaps 2']);
    assert.deepEqual(versionSequenceProblems([v('1', '2020-01-01', '2021-01-01'), v('1', '2021-01-01')]), ['test: duplicate version']);
  });
});
