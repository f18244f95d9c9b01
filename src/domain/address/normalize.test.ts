import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { normalizeAddress } from './normalize.ts';

describe('address normalisation as saved', () => {
  it('full-width digits and letters become ASCII', () => {
    assert.equal(normalizeAddress('東京都新宿区新宿１丁目２番３号　ＡＢＣビル１０１'), '東京都新宿区新宿1丁目2番3号　ABCビル101');
  });
  it('hyphen-like characters between numbers become "-"', () => {
    for (const typed of ['新宿1ー2ー3', '新宿１－２－３', '新宿1‐2‐3', '新宿1−2−3', '新宿1―2―3', '新宿1ｰ2ｰ3', '新宿1 - 2 - 3']) {
      assert.equal(normalizeAddress(typed), '新宿1-2-3', typed);
    }
  });
  it('kana, kanji and a long vowel mark in a word stay as they are', () => {
    for (const kept of ['コーポラス新宿', 'メゾン・ド・ヴィー2', '髙田馬場', '神田', 'ｶﾀｶﾅ荘', 'ハイツ2ーA']) assert.equal(normalizeAddress(kept), kept);
  });
  it('is idempotent', () => {
    const once = normalizeAddress('新宿１ー２ー３　ＡＢＣ');
    assert.equal(normalizeAddress(once), once);
  });
});
