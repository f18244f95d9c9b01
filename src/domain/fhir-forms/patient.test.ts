// The person as a Patient and a test record as an Observation: both ways, valid R4, and what
// registration would refuse refused at the element.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertValidFhir } from '../../../test/harness/fhir-validate.ts';
import { observationOf, testFromObservation } from './observation.ts';
import { patientOf, personFromPatient } from './patient.ts';

const person = {
  nameKanji: '山田 花子',
  nameKana: 'ヤマダ ハナコ',
  sex: 'female' as const,
  birthDate: '2012-05-01',
  residenceAddress: '東京都新宿区西新宿二丁目8番1号',
  registeredAddress: '東京都中野区中野四丁目8番1号',
  phone: '090-0000-1234',
  email: 'hanako@example.jp',
  guardian: { name: '山田 一郎', phone: '090-0000-5678', address: '東京都新宿区西新宿二丁目8番1号' },
};

describe('Patient <-> person', () => {
  it('kanji and kana names, sex, birth date, both addresses, phone, e-mail and guardian survive the round trip', () => {
    const patient = patientOf({ id: '7d0e2f1c-7a0c-4b7a-9a55-0d5c1d2f3e4a', ...person });
    assertValidFhir(patient);
    assert.equal(patient.name![0].family, '山田');
    assert.deepEqual(personFromPatient(patient), { value: person, issues: [] });
  });

  it('names without the representation extension: the kana one is told by its script', () => {
    const r = personFromPatient({ resourceType: 'Patient', name: [{ text: 'ヤマダ ハナコ' }, { family: '山田', given: ['花子'] }], gender: 'female', birthDate: '2012-05-01', address: [{ text: '東京都新宿区' }] });
    assert.equal(r.value?.nameKanji, '山田 花子');
    assert.equal(r.value?.nameKana, 'ヤマダ ハナコ');
    assert.equal(r.value?.residenceAddress, '東京都新宿区');
  });

  it('what registration refuses is an error at its Patient element', () => {
    const r = personFromPatient({ resourceType: 'Patient', name: [{ text: '山田 花子' }, { text: 'ヤマダ ハナコ' }], gender: 'other', birthDate: '1850-01-01' });
    assert.equal(r.value, undefined);
    assert.deepEqual(r.issues.map((i) => i.expression[0]).sort(), ['Patient.birthDate', 'Patient.gender']);
    const noKana = personFromPatient({ resourceType: 'Patient', name: [{ text: '山田 花子' }], gender: 'female', birthDate: '2000-01-01' });
    assert.deepEqual(noKana.issues.map((i) => [i.code, i.expression[0]]), [['required', 'Patient.name']]);
  });
});

describe('Observation <-> test record', () => {
  it('method, specimen (other, with its text), dates, result and laboratory survive the round trip; pending has no value', () => {
    for (const t of [
      { method: 'naat' as const, specimen: 'other' as const, specimenOther: '胸水', collectedOn: '2022-10-02', result: 'positive' as const, resultOn: '2022-10-03', labName: '新宿検査センター' },
      { method: 'antigen_qualitative' as const, specimen: 'nasal_swab' as const, result: 'pending' as const },
    ]) {
      const obs = observationOf(t, { reference: 'Patient/p1' });
      assertValidFhir(obs);
      assert.deepEqual(testFromObservation(obs, 'Observation'), { value: t, issues: [] });
    }
  });

  it('an unknown method code and a specimen the method does not allow are refused', () => {
    const bad = observationOf({ method: 'naat', specimen: 'saliva', result: 'positive' });
    bad.code = { coding: [{ system: 'http://loinc.org', code: '94500-6' }] };
    assert.deepEqual(testFromObservation(bad, 'Bundle.entry[2].resource').issues.map((i) => [i.detail, i.expression[0]]), [['unknown_test_method', 'Bundle.entry[2].resource.code']]);
    const notAllowed = observationOf({ method: 'naat', specimen: 'saliva', result: 'positive' });
    notAllowed.code!.coding![0].code = 'igra';
    assert.deepEqual(testFromObservation(notAllowed, 'Observation').issues.map((i) => i.expression[0]), ['Observation.specimen']);
  });
});
