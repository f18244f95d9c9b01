import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ageBandOn } from '../statistics/age-bands.ts';
import { MUNICIPALITIES, municipalityOfAddress } from '../statistics/municipality.ts';
import type { FormDefinition } from '../forms/definition.ts';
import { addYears, caseEndedOn, generalisedAddress, generalisedBirthDate, isDue, personDueOn, pseudonym, withoutFreeText } from './retention.ts';

const released = (on: string) => ({ currentStatus: 'released' as const, statusEffectiveOn: on });

describe('retention rule (issue 14)', () => {
  it('a case ends on release or death, never while followed', () => {
    assert.equal(caseEndedOn(released('2021-03-01')), '2021-03-01');
    assert.equal(caseEndedOn({ currentStatus: 'died', statusEffectiveOn: '2021-03-02' }), '2021-03-02');
    assert.equal(caseEndedOn({ currentStatus: 'home', statusEffectiveOn: '2021-03-02' }), null);
    assert.equal(caseEndedOn({ currentStatus: null, statusEffectiveOn: null }), null);
  });

  it('a person is due when every case ended the period ago, counted from the latest end', () => {
    assert.equal(personDueOn([released('2020-01-10'), released('2021-06-01')], 5), '2026-06-01');
    assert.equal(isDue([released('2020-01-10'), released('2021-06-01')], 5, '2026-05-31'), false);
    assert.equal(isDue([released('2020-01-10'), released('2021-06-01')], 5, '2026-06-01'), true);
    // A case still followed keeps the whole identity.
    assert.equal(isDue([released('2010-01-10'), { currentStatus: 'home', statusEffectiveOn: '2010-02-01' }], 5, '2026-06-01'), false);
    assert.equal(isDue([], 5, '2026-06-01'), false);
    // A close contact: five years after the last day of monitoring, with or without a case.
    assert.equal(personDueOn([], 5, ['2021-02-01']), '2026-02-01');
    assert.equal(personDueOn([released('2020-01-10')], 5, ['2021-02-01']), '2026-02-01');
    assert.equal(isDue([], 5, '2026-01-31', ['2021-02-01']), false);
  });

  it('years are added on the calendar, 29 February to 28 February', () => {
    assert.equal(addYears('2020-02-29', 5), '2025-02-28');
    assert.equal(addYears('2020-02-29', 4), '2024-02-29');
  });

  it('the kept birth date gives every case the same age band, and does not depend on the day of birth', () => {
    const refs = ['2021-08-15', '2022-01-20'];
    const bands = (d: string) => refs.map((r) => ageBandOn(d, r));
    const keptFor = new Map<string, string>();
    for (let i = 0; i < 400; i++) {
      const birth = addYears(`${1920 + (i % 100)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`, 0);
      const kept = generalisedBirthDate(birth, bands);
      assert.deepEqual(bands(kept), bands(birth), birth);
      // Everyone counted under the same bands keeps the same date.
      const key = bands(birth).join();
      assert.equal(keptFor.get(key) ?? kept, kept, birth);
      keptFor.set(key, kept);
    }
    // Two people born apart within the same bands keep the same date.
    assert.equal(generalisedBirthDate('1990-03-03', bands), generalisedBirthDate('1991-05-01', bands));
    assert.equal(generalisedBirthDate('1990-03-03', bands), '1991-08-15');
    // Over 90 (no upper bound of the band) and never counted by age.
    assert.equal(generalisedBirthDate('1915-05-05', bands), '1931-08-15');
    assert.equal(generalisedBirthDate('1985-07-07', () => ['unknown']), '1985-01-01');
    // A child: any later birth is still under 10, so the earliest date that keeps the band.
    assert.equal(generalisedBirthDate('2012-03-03', bands), '2012-01-21');
    assert.deepEqual(bands('2012-01-21'), ['under10', 'under10']);
    assert.deepEqual(bands('2012-01-20'), ['under10', '10s']);
  });

  it('the kept address tells the same municipality and nothing more', () => {
    assert.equal(generalisedAddress('東京都新宿区西新宿2丁目8番1号 ○○マンション101'), '東京都新宿区');
    assert.equal(generalisedAddress('横浜市中区日本大通1'), '神奈川県横浜市');
    assert.equal(generalisedAddress('どこか遠く'), null);
    assert.equal(generalisedAddress(null), null);
    for (const m of MUNICIPALITIES) {
      const kept = generalisedAddress(`${m.ja}1-1`);
      if (municipalityOfAddress(`${m.ja}1-1`)?.code !== m.code) continue; // names in two prefectures need theirs
      assert.equal(municipalityOfAddress(kept)?.code, m.code, m.ja);
    }
  });

  it('the pseudonym comes from the id, not the name', () => {
    assert.deepEqual(pseudonym('0123456789abcdef'), { nameKanji: '匿名 01234567', nameKana: 'トクメイ' });
  });

  it('a notification keeps its choices and places but loses its free text', () => {
    const text = (id: string) => ({ id, type: 'text' as const, label: { ja: id, en: id }, required: 'optional' as const });
    const def = {
      items: [
        text('remarks'),
        { id: 'onset_known', type: 'boolean', label: { ja: '', en: '' }, required: 'optional' },
        { id: 'infection_area', type: 'group', label: { ja: '', en: '' }, required: 'optional', items: [text('area_municipality'), text('area_overseas_detail')] },
      ],
    } as unknown as FormDefinition;
    const answers = { remarks: '山田花子の家族', onset_known: true, infection_area: { area_municipality: '新宿区', area_overseas_detail: '山田商店' } };
    assert.deepEqual(withoutFreeText(def, answers), { onset_known: true, infection_area: { area_municipality: '新宿区' } });
  });
});
