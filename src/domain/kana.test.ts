import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isKanaName, kanaKey, phoneKey } from './kana.ts';
import { ageBand, maskName } from './masking.ts';

describe('kana keys', () => {
  it('fold hiragana, half-width kana and spaces to one key', () => {
    for (const typed of ['ヤマダ タロウ', 'やまだ　たろう', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ・タロウ']) assert.equal(kanaKey(typed), 'ヤマダタロウ');
  });
  it('accept kana names and refuse kanji or Latin letters', () => {
    assert.equal(isKanaName('ヤマダ タロウ'), true);
    assert.equal(isKanaName('ｻﾄｳ ﾊﾅｺ'), true);
    assert.equal(isKanaName('きむら ゆーこ'), true);
    assert.equal(isKanaName('山田 太郎'), false);
    assert.equal(isKanaName('Yamada'), false);
    assert.equal(isKanaName('  '), false);
  });
  it('reduce phone numbers to digits, full-width too', () => {
    assert.equal(phoneKey('03-1234-5678'), '0312345678');
    assert.equal(phoneKey('０３（１２３４）５６７８'), '0312345678');
    assert.equal(phoneKey('12'), null);
    assert.equal(phoneKey(null), null);
  });
});

describe('masking', () => {
  it('keeps the first character of each part of the name', () => {
    assert.equal(maskName('ヤマダ タロウ'), 'ヤ** タ**');
    assert.equal(maskName('サトウ　ハナコ'), 'サ** ハ**');
  });
  it('gives ten-year age bands', () => {
    assert.deepEqual(ageBand('1958-04-12', '2026-11-21'), { ja: '60代', en: '60s' });
    assert.deepEqual(ageBand('2020-01-01', '2026-11-21'), { ja: '10歳未満', en: 'under 10' });
    assert.deepEqual(ageBand('1930-01-01', '2026-11-21'), { ja: '90歳以上', en: '90 and over' });
  });
});

describe('japanToday', () => {
  it('gives the calendar date in Japan', async () => {
    const { japanToday } = await import('./calendar.ts');
    assert.equal(japanToday(new Date('2026-11-20T15:30:00Z')), '2026-11-21');
    assert.equal(japanToday(new Date('2026-11-20T14:59:59Z')), '2026-11-20');
  });
});
