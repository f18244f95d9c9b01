import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { CASE_STATUSES } from '../case-status.ts';
import { CLASSIFICATIONS } from '../notification.ts';
import { SEVERITIES } from '../severity.ts';
import {
  extractColumns,
  extractDictionary,
  extractRow,
  isoWeek,
  QUASI_IDENTIFIERS,
  vaccinationDoses,
  type ExtractSource,
} from './extract-fields.ts';

const day = fc.integer({ min: Date.UTC(1930, 0, 1), max: Date.UTC(2030, 11, 31) }).map((t) => new Date(t).toISOString().slice(0, 10));
// Identities that a careless extract would leak: each is checked against every value of the row.
const source = fc.record({
  name: fc.constantFrom('山田 太郎', 'ヤマダ タロウ', '佐藤 花子'),
  caseNumber: fc.stringMatching(/^\d{8}$/),
  phone: fc.stringMatching(/^0\d{9,10}$/),
  sex: fc.constantFrom('male', 'female'),
  birthDate: day,
  residenceAddress: fc.option(fc.constantFrom('東京都新宿区西新宿2丁目8番1号', '東京都中野区中野4丁目8番1号', '大阪府大阪市北区梅田1丁目'), { nil: null }),
  disease: fc.constant('covid19'),
  classification: fc.constantFrom(...CLASSIFICATIONS),
  diagnosedOn: fc.option(day, { nil: null }),
  onsetOn: fc.option(day, { nil: null }),
  reportedOn: day,
  currentStatus: fc.option(fc.constantFrom(...CASE_STATUSES), { nil: null }),
  worstSeverity: fc.option(fc.constantFrom(...SEVERITIES), { nil: null }),
  hospitalised: fc.boolean(),
  answers: fc.constantFrom({}, { vaccination: [{ vaccination_status: 'yes', vaccination_date: '2021-07-01' }] }, { vaccination: [{ vaccination_status: 'no' }] }),
});
const qis = fc.subarray([...QUASI_IDENTIFIERS], { minLength: 1 });

describe('extract fields', () => {
  it('no identifying field ever appears: no name, address, phone, date of birth, exact date or case number', () => {
    fc.assert(
      fc.property(source, qis, (s, q) => {
        const row = extractRow(s as ExtractSource, 'p', q);
        assert.deepEqual(Object.keys(row), extractColumns(q));
        const identifying = [s.name, s.caseNumber, s.phone, s.birthDate, s.residenceAddress, s.diagnosedOn, s.onsetOn, s.reportedOn, '2021-07-01'];
        for (const value of Object.values(row)) {
          for (const id of identifying) if (id) assert.ok(!value.includes(id), `${value} carries ${id}`);
          assert.doesNotMatch(value, /\d{4}-\d{2}-\d{2}/, 'no exact date');
        }
      }),
    );
  });

  it('quasi-identifiers are generalised: an age band, a municipality code, an ISO week', () => {
    const row = extractRow(
      { sex: 'female', birthDate: '1958-04-12', residenceAddress: '東京都新宿区西新宿2丁目', disease: 'covid19', classification: 'patient', diagnosedOn: '2022-01-03', onsetOn: '2022-01-01', reportedOn: '2022-01-04', currentStatus: 'home', worstSeverity: null, hospitalised: false, answers: {} },
      'p',
      ['age_band', 'sex', 'municipality', 'onset_week', 'diagnosis_week'],
    );
    assert.deepEqual(row, {
      pseudonym: 'p',
      age_band: '60s',
      sex: 'female',
      municipality: '131041',
      onset_week: '2021-W52',
      diagnosis_week: '2022-W01',
      disease: 'covid19',
      classification: 'patient',
      status: 'home',
      severity: 'none',
      hospitalised: 'no',
      vaccination: 'unknown',
    });
  });

  it('a quasi-identifier the user left out has no column', () => {
    assert.deepEqual(extractColumns(['sex']), ['pseudonym', 'sex', 'disease', 'classification', 'status', 'severity', 'hospitalised', 'vaccination']);
  });

  it('ISO weeks agree with the calendar at year ends', () => {
    assert.equal(isoWeek('2021-01-03'), '2020-W53');
    assert.equal(isoWeek('2021-01-04'), '2021-W01');
    assert.equal(isoWeek('2024-12-30'), '2025-W01');
    assert.equal(isoWeek('2022-09-26'), '2022-W39');
  });

  it('vaccine doses are counted from the notification’s vaccination entries', () => {
    assert.equal(vaccinationDoses({}), 'unknown');
    assert.equal(vaccinationDoses({ vaccination: [{ vaccination_status: 'no' }] }), '0');
    assert.equal(vaccinationDoses({ vaccination: [{ vaccination_status: 'yes' }, { vaccination_status: 'yes' }] }), '2');
    assert.equal(vaccinationDoses({ vaccination: Array(4).fill({ vaccination_status: 'yes' }) }), '3plus');
  });

  it('the dictionary has one entry per column, in file order, with ja and en meanings', () => {
    fc.assert(
      fc.property(qis, (q) => {
        const dictionary = extractDictionary(q, [], [{ code: 'covid19', ja: '新型コロナウイルス感染症', en: 'COVID-19' }]);
        assert.deepEqual(dictionary.map((d) => d.column), extractColumns(q));
        for (const d of dictionary) assert.ok(d.ja && d.en && d.values, d.column);
      }),
    );
  });

  it('the dictionary names the municipalities present and lists "suppressed" where a value was suppressed', () => {
    const rows = [{ municipality: '131041' }, { municipality: 'suppressed' }, { municipality: 'unknown' }];
    const [, municipality] = extractDictionary(['municipality'], rows, []);
    assert.match(municipality.values, /131041 = 新宿区/);
    assert.match(municipality.values, /suppressed = 秘匿/);
    assert.match(municipality.values, /unknown = 不明/);
  });
});
