// The intake Bundle's checks before anything is written, and where a notification's field paths
// are in the Bundle that was posted.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Bundle, QuestionnaireResponse } from '@medplum/fhirtypes';
import { FormDefinition } from '../forms/definition.ts';
import { bundleExpression, parseNotificationBundle } from './bundle.ts';
import { EXTENSION } from './canonical.ts';

const dir = new URL('../forms/definitions/', import.meta.url);
const DEFS = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => FormDefinition.parse(JSON.parse(readFileSync(new URL(f, dir), 'utf8'))));
const EXAMPLE = JSON.parse(readFileSync(new URL('../../../docs/fhir/example-notification-bundle.json', import.meta.url), 'utf8')) as Bundle;
const TODAY = '2026-01-10';

describe('the notification Bundle', () => {
  it('the example parses into the person, the web form’s answers and one test record', () => {
    const { value, issues } = parseNotificationBundle(DEFS, EXAMPLE, TODAY);
    assert.deepEqual(issues, []);
    assert.equal(value!.def.version, '2022-09-26');
    assert.equal(value!.person.nameKana, 'シケン ハルコ');
    assert.equal(value!.notification.classification, 'patient');
    assert.deepEqual(value!.tests.map((t) => [t.entry, t.test.method, t.test.result]), [[2, 'naat', 'positive']]);
    assert.deepEqual(value!.registration, { kind: 'unspecified' });
    assert.deepEqual([value!.responseEntry, value!.patientEntry], [0, 1]);
  });

  it('the duplicate choice and acknowledged warnings are read from the QuestionnaireResponse; a malformed one is an error', () => {
    const b = structuredClone(EXAMPLE);
    const qr = b.entry![0].resource as QuestionnaireResponse;
    qr.extension = [
      { url: EXTENSION.registration, valueCode: 'new-person' },
      { url: EXTENSION.acknowledgedWarning, valueCode: 'LC-FOUR-GROUPS-AGE' },
    ];
    const ok = parseNotificationBundle(DEFS, b, TODAY).value!;
    assert.deepEqual(ok.registration, { kind: 'new_person' });
    assert.deepEqual(ok.acknowledgedWarnings, ['LC-FOUR-GROUPS-AGE']);
    qr.extension = [{ url: EXTENSION.registration, valueString: 'yes' }];
    assert.deepEqual(parseNotificationBundle(DEFS, b, TODAY).issues.map((i) => i.expression[0]), ['Bundle.entry[0].resource.extension[0]']);
  });

  it('subjects must be the Bundle’s Patient; other resources are refused or noted as not stored', () => {
    const b = structuredClone(EXAMPLE);
    (b.entry![0].resource as QuestionnaireResponse).subject = { reference: 'Patient/someone-else' };
    b.entry!.push({ resource: { resourceType: 'Practitioner' } }, { resource: { resourceType: 'MedicationRequest', status: 'active', intent: 'order', subject: {} } as never });
    assert.deepEqual(
      parseNotificationBundle(DEFS, b, TODAY).issues.map((i) => [i.detail, i.expression[0]]),
      [
        ['unsupported_resource', 'Bundle.entry[4]'],
        ['subject', 'Bundle.entry[0].resource.subject'],
      ],
    );
  });

  it('a diagnosis date outside the named version is refused: the version in force then applies', () => {
    const b = structuredClone(EXAMPLE);
    const qr = b.entry![0].resource as QuestionnaireResponse;
    qr.item!.find((i) => i.linkId === 'diagnosedOn')!.answer = [{ valueDate: '2022-09-01' }];
    assert.deepEqual(parseNotificationBundle(DEFS, b, TODAY).issues.map((i) => [i.detail, i.expression[0]]), [['questionnaire_not_in_force', 'Bundle.entry[0].resource.questionnaire']]);
  });

  it('field paths of the legal minimum and the logic checks point into the Bundle', () => {
    const b = parseNotificationBundle(DEFS, EXAMPLE, TODAY).value!;
    const at = (path: (string | number)[]) => bundleExpression(b, path, (i) => (i === 0 ? 2 : undefined));
    assert.equal(at(['dates', 'specimenCollected']), "Bundle.entry[0].resource.item.where(linkId='specimenCollectedOn').answer[0].valueDate");
    assert.equal(at(['person', 'birthDate']), 'Bundle.entry[1].resource.birthDate');
    assert.equal(at(['person', 'residenceAddress']), 'Bundle.entry[1].resource.address');
    assert.equal(at(['fourGroups', 'aged65OrOver']), "Bundle.entry[0].resource.item.where(linkId='four_groups').item.where(linkId='aged_65_or_over').answer[0].valueBoolean");
    assert.equal(at(['tests', 0, 'collectedOn']), 'Bundle.entry[2].resource.effective');
    assert.equal(at(['tests']), 'Bundle.entry.resource.ofType(Observation)');
    assert.equal(at(['classification']), "Bundle.entry[0].resource.item.where(linkId='classification').answer[0].valueCoding");
  });

  it('any JSON in any place of the Bundle is an answer, never a crash: value or issues, and every issue has an expression', () => {
    const paths: (string | number)[][] = [];
    const walk = (v: unknown, at: (string | number)[]) => {
      paths.push(at);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...at, i]));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
    };
    walk(EXAMPLE, []);
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths.filter((p) => p.length > 0)), fc.jsonValue({ maxDepth: 3 })), { minLength: 1, maxLength: 3 }), (edits) => {
        const b = structuredClone(EXAMPLE) as unknown as Record<string | number, unknown>;
        for (const [path, value] of edits) {
          let at: unknown = b;
          for (const p of path.slice(0, -1)) at = at && typeof at === 'object' ? (at as Record<string | number, unknown>)[p] : undefined;
          if (at && typeof at === 'object') (at as Record<string | number, unknown>)[path[path.length - 1]] = value;
        }
        const r = parseNotificationBundle(DEFS, b, TODAY);
        assert.ok(r.value !== undefined || r.issues.length > 0);
        for (const i of r.issues) assert.ok(i.expression.length > 0 && i.message.ja && i.message.en, JSON.stringify(i));
      }),
      { numRuns: 1000 },
    );
  });
});
