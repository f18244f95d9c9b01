import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressCandidates, fillAddress, formatPostalCode, normalizePostalCode, type PostalRow } from './postal-code.ts';

const shinjuku = { code: '13104', name: '新宿区' };
const tokyo = { code: '13', name: '東京都' };

describe('postal code as typed', () => {
  it('reads 7 digits however they are typed: full width, 〒, spaces, any hyphen', () => {
    for (const typed of ['1600022', '160-0022', '〒160-0022', '〒 160－0022', '１６０ー００２２', '１６０００２２', ' 160‐0022 ', '160−0022', '160ｰ0022', '160 0022']) {
      assert.equal(normalizePostalCode(typed), '1600022', typed);
    }
  });
  it('is not a postal code: too short, too long, letters, hyphen in the wrong place, empty', () => {
    for (const typed of ['160002', '16000222', '16O0022', '1600-022', '', '〒', '160--0022', '160-0022-1']) {
      assert.equal(normalizePostalCode(typed), null, typed);
    }
  });
  it('is written 160-0022', () => assert.equal(formatPostalCode('1600022'), '160-0022'));
});

describe('candidates of a postal code', () => {
  it('one town: prefecture, city and town, and the address they start', () => {
    assert.deepEqual(addressCandidates([{ pref: tokyo, city: shinjuku, name: '新宿' }]), [
      { prefectureCode: '13', prefecture: '東京都', cityCode: '13104', city: '新宿区', town: '新宿', address: '東京都新宿区新宿' },
    ]);
  });
  it('several towns (or cities) under one code are each a candidate, once, in order', () => {
    const rows: PostalRow[] = [
      { pref: { code: '20', name: '長野県' }, city: { code: '20324', name: '北佐久郡立科町' }, name: '芦田八ケ野' },
      { pref: { code: '20', name: '長野県' }, city: { code: '20324', name: '北佐久郡立科町' }, name: '池の平' },
      { pref: { code: '20', name: '長野県' }, city: { code: '20324', name: '北佐久郡立科町' }, name: '池の平' },
    ];
    assert.deepEqual(addressCandidates(rows).map((c) => c.address), ['長野県北佐久郡立科町芦田八ケ野', '長野県北佐久郡立科町池の平']);
  });
  it('a code for a whole city has an empty town', () => {
    assert.deepEqual(addressCandidates([{ pref: tokyo, city: { code: '13101', name: '千代田区' }, name: '' }]).map((c) => [c.town, c.address]), [['', '東京都千代田区']]);
  });
  it('an unknown code has none', () => assert.deepEqual(addressCandidates([]), []));
});

describe('filling the address field', () => {
  it('an empty field takes the place', () => assert.equal(fillAddress('', '東京都新宿区新宿', null), '東京都新宿区新宿'));
  it('a corrected code keeps the 丁目・番地 typed after the earlier place', () => {
    assert.equal(fillAddress('東京都新宿区新宿1-2-3', '東京都中野区中野', '東京都新宿区新宿'), '東京都中野区中野1-2-3');
  });
  it('the same place again keeps the rest', () => assert.equal(fillAddress('東京都新宿区新宿1-2-3', '東京都新宿区新宿', null), '東京都新宿区新宿1-2-3'));
  it('an address typed by hand is not overwritten unasked', () => {
    assert.equal(fillAddress('大阪府大阪市北区梅田1-1', '東京都新宿区新宿', null), null);
    assert.equal(fillAddress('大阪府大阪市北区梅田1-1', '東京都新宿区新宿', '東京都中野区中野'), null);
  });
});
