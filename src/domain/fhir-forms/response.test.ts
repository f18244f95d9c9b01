// Forms as Questionnaires and notifications as QuestionnaireResponses: every shipped version gives
// valid R4, answers survive the round trip (a property over generated valid answers), and a
// response the form refuses is refused with FHIRPath expressions at the problem.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { QuestionnaireResponse } from '@medplum/fhirtypes';
import { assertValidFhir } from '../../../test/harness/fhir-validate.ts';
import { validateAnswers, type Answers } from '../forms/answers.ts';
import { FormDefinition, type FormItem } from '../forms/definition.ts';
import { CLASSIFICATIONS } from '../notification.ts';
import { CODE_SYSTEM } from './canonical.ts';
import { coreItemsOf } from './core-items.ts';
import { operationOutcome } from './issues.ts';
import { definitionOfCanonical, questionnaireCanonical, questionnaireOf } from './questionnaire.ts';
import { answerExpression, answersFromQuestionnaireResponse, questionnaireResponseOf, type NotificationAnswers } from './response.ts';

const dir = new URL('../forms/definitions/', import.meta.url);
const DEFS = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const fourGroupsForm = DEFS.find((d) => d.version === '2022-09-26')!;
const oldForm = DEFS.find((d) => d.version === '2021-11')!;

// --- generating valid answers -------------------------------------------------------------------

const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const text = (max = 50) => fc.string({ minLength: 1, maxLength: Math.min(max, 50) }).filter((s) => s.trim().length > 0);

function itemValue(item: FormItem): fc.Arbitrary<unknown> {
  const option = (o: NonNullable<FormItem['valueSet']>[number]) => (o.other ? fc.oneof(fc.constant(o.code), text(item.maxLength ?? 200).map((t) => ({ code: o.code, text: t }))) : fc.constant(o.code));
  switch (item.type) {
    case 'boolean':
      return fc.boolean();
    case 'date':
      return date;
    case 'integer':
      return fc.integer({ min: item.min ?? -1000, max: item.max ?? 1000 });
    case 'decimal':
      return fc.double({ min: item.min ?? -1000, max: item.max ?? 1000, noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));
    case 'text':
      return text(item.maxLength ?? 50);
    case 'choice':
      return fc.oneof(...item.valueSet!.map(option));
    case 'multi_choice':
      return fc.uniqueArray(fc.constantFrom(...item.valueSet!), { minLength: 1, maxLength: item.valueSet!.length, selector: (o) => o.code }).chain((os) => fc.tuple(...os.map(option)));
    case 'group': {
      const entry = groupValue(item.items!);
      return item.repeats ? fc.array(entry, { minLength: 1, maxLength: item.repeats.max }) : entry;
    }
  }
}
function groupValue(items: FormItem[]): fc.Arbitrary<Answers> {
  return fc.record(Object.fromEntries(items.map((i) => [i.id, itemValue(i)])), { requiredKeys: [] }) as fc.Arbitrary<Answers>;
}

/** Deletes what the definition refuses (answers to items not enabled, exclusive options with others) until nothing is refused. */
function pruned(def: FormDefinition, answers: Answers): Answers {
  const copy = structuredClone(answers);
  for (let round = 0; round < 20; round++) {
    const { errors } = validateAnswers(def, copy, 'law');
    if (!errors.length) break;
    for (const e of errors) {
      // Remove the item the error is about (for an option: the whole item).
      const path = e.path.filter((p, i) => !(typeof p === 'number' && i === e.path.length - 1 && !isGroupEntry(def.items, e.path.slice(0, i))));
      let at: unknown = copy;
      for (const p of path.slice(0, -1)) at = (at as Record<string | number, unknown>)?.[p];
      if (at && typeof at === 'object') delete (at as Record<string | number, unknown>)[path[path.length - 1]];
    }
  }
  return dropEmpty(copy) as Answers;
}
function isGroupEntry(items: FormItem[], path: (string | number)[]): boolean {
  let list: FormItem[] | undefined = items;
  let item: FormItem | undefined;
  for (const p of path) {
    if (typeof p === 'number') continue;
    item = list?.find((i) => i.id === p);
    list = item?.items;
  }
  return item?.type === 'group';
}
function dropEmpty(v: unknown): unknown {
  if (Array.isArray(v)) {
    const kept = v.map(dropEmpty).filter((x) => x !== undefined);
    return kept.length ? kept : undefined;
  }
  if (v && typeof v === 'object' && !('code' in v)) {
    const kept = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, dropEmpty(x)]).filter(([, x]) => x !== undefined));
    return Object.keys(kept).length ? kept : undefined;
  }
  return v;
}

function notificationAnswers(def: FormDefinition): fc.Arbitrary<NotificationAnswers> {
  const core = Object.fromEntries(
    coreItemsOf(def)
      .filter((c) => c.key !== 'classification')
      .map((c) => [c.key, c.type === 'date' ? date : c.type === 'boolean' ? fc.boolean() : text(100).map((s) => s.trim())]),
  );
  return fc
    .record({ classification: fc.constantFrom(...CLASSIFICATIONS), core: fc.record(core, { requiredKeys: [] }), answers: groupValue(def.items) })
    .map(({ classification, core, answers }) => ({ classification, ...core, answers: (pruned(def, answers) ?? {}) as Answers }) as NotificationAnswers);
}

// --- tests -----------------------------------------------------------------------------------------

describe('forms as FHIR Questionnaires', () => {
  it('every shipped form version is a valid R4 Questionnaire with its own canonical url|version', () => {
    const canonicals = new Set<string>();
    for (const def of DEFS) {
      const q = questionnaireOf(def);
      assertValidFhir(q, `Questionnaire ${def.version}`);
      assert.equal(q.version, def.version);
      canonicals.add(`${q.url}|${q.version}`);
      assert.equal(definitionOfCanonical(DEFS, questionnaireCanonical(def)), def);
    }
    assert.equal(canonicals.size, DEFS.length);
    assert.equal(definitionOfCanonical(DEFS, 'https://hersys.example.jp/fhir/Questionnaire/covid19|1999-01-01'), undefined);
  });

  it('linkIds are the form keys; required is the submission minimum; option codes and English translations come from the definition', () => {
    const q = questionnaireOf(fourGroupsForm);
    const top = new Map(q.item!.map((i) => [i.linkId, i]));
    assert.equal(top.get('classification')!.required, true, 'the classification is part of the legal minimum');
    assert.deepEqual(top.get('classification')!.answerOption!.map((o) => o.valueCoding!.code), [...CLASSIFICATIONS]);
    assert.equal(top.get('specimenCollectedOn')!.type, 'date');
    assert.equal(top.get('onsetOn'), undefined, 'the 2022-09-26 version does not collect the onset date');
    const groups = top.get('four_groups')!;
    assert.equal(groups.type, 'group');
    assert.equal(groups.required, true);
    assert.deepEqual(groups.item!.map((i) => i.linkId), ['aged_65_or_over', 'needs_admission', 'risk_and_needs_treatment_or_oxygen', 'pregnant']);
    assert.equal(top.get('remarks')!.required, undefined);
    const vaccination = top.get('vaccination')!;
    assert.equal(vaccination.repeats, true);
    const type = vaccination.item!.find((i) => i.linkId === 'vaccine_type')!;
    assert.deepEqual(type.enableWhen, [{ question: 'vaccination_status', operator: '=', answerCoding: { system: `${CODE_SYSTEM.formItem}/covid19/vaccination_status`, code: 'yes' } }]);
    const english = (top.get('remarks') as unknown as { _text: { extension: { extension: { valueString?: string }[] }[] } })._text.extension[0].extension[1].valueString;
    assert.equal(english, fourGroupsForm.items.find((i) => i.id === 'remarks')!.label.en);
    assert.ok(questionnaireOf(oldForm).item!.some((i) => i.linkId === 'onsetOn'), 'the 2021 form collects the onset date');
  });
});

describe('notifications as FHIR QuestionnaireResponses', () => {
  for (const def of DEFS) {
    it(`answers -> QuestionnaireResponse -> answers is the identity for valid answers (${def.version})`, () => {
      fc.assert(
        fc.property(notificationAnswers(def), (n) => {
          const qr = questionnaireResponseOf(def, n);
          const back = answersFromQuestionnaireResponse(def, JSON.parse(JSON.stringify(qr)));
          assert.deepEqual(back.issues, []);
          assert.deepEqual(back.value, n);
        }),
        { numRuns: 150 },
      );
    });
  }

  it('a generated QuestionnaireResponse is valid R4', () => {
    fc.assert(
      fc.property(notificationAnswers(oldForm), (n) => {
        assertValidFhir(questionnaireResponseOf(oldForm, n, { subject: { reference: 'Patient/abc' }, status: 'completed', notificationId: 'n1', caseNumber: 'X-1' }));
      }),
      { numRuns: 40 },
    );
  });

  const qrOf = (items: QuestionnaireResponse['item']): QuestionnaireResponse => ({
    resourceType: 'QuestionnaireResponse',
    status: 'completed',
    questionnaire: questionnaireCanonical(fourGroupsForm),
    item: items,
  });
  const classification = { linkId: 'classification', answer: [{ valueCoding: { system: CODE_SYSTEM.classification, code: 'patient' } }] };

  it('a wrong value type, an unknown item and a refused answer are errors at FHIRPath expressions, and give no answers', () => {
    const r = answersFromQuestionnaireResponse(
      fourGroupsForm,
      qrOf([
        classification,
        { linkId: 'specimenCollectedOn', answer: [{ valueString: 'yesterday' }] },
        { linkId: 'onsetOn', answer: [{ valueDate: '2022-10-01' }] },
        { linkId: 'vaccination', item: [{ linkId: 'vaccination_status', answer: [{ valueCoding: { code: 'maybe' } }] }] },
      ]),
    );
    assert.equal(r.value, undefined);
    assert.deepEqual(
      r.issues.map((i) => [i.detail, i.expression[0]]),
      [
        ['wrong_type', "QuestionnaireResponse.item.where(linkId='specimenCollectedOn').answer[0].valueDate"],
        ['unknown_item', "QuestionnaireResponse.item.where(linkId='onsetOn')"],
      ],
    );
    const refused = answersFromQuestionnaireResponse(fourGroupsForm, qrOf([classification, { linkId: 'vaccination', item: [{ linkId: 'vaccination_status', answer: [{ valueCoding: { code: 'maybe' } }] }] }]));
    assert.deepEqual(
      refused.issues.map((i) => [i.detail, i.expression[0]]),
      [['unknown_code', "QuestionnaireResponse.item.where(linkId='vaccination')[0].item.where(linkId='vaccination_status').answer[0].valueCoding"]],
    );
    assertValidFhir(operationOutcome([...r.issues, ...refused.issues]));
  });

  it('the classification is required (legal minimum)', () => {
    const r = answersFromQuestionnaireResponse(fourGroupsForm, qrOf([]));
    assert.deepEqual(r.issues.map((i) => [i.severity, i.code, i.detail]), [['error', 'required', 'legal_minimum_missing']]);
  });

  it('answer paths map to expressions: repeating groups by index, multi-choice answers by index', () => {
    assert.equal(answerExpression(oldForm, ['symptoms', 2]), "QuestionnaireResponse.item.where(linkId='symptoms').answer[2].valueCoding");
    assert.equal(answerExpression(oldForm, ['infection_route', 'route']), "QuestionnaireResponse.item.where(linkId='infection_route').item.where(linkId='route').answer");
    assert.equal(answerExpression(oldForm, ['vaccination', 1, 'vaccination_age']), "QuestionnaireResponse.item.where(linkId='vaccination')[1].item.where(linkId='vaccination_age').answer[0].valueInteger");
  });
});
