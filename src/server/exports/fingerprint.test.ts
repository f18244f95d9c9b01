// The fingerprint's pure parts: codes that no spreadsheet reads as numbers, one tag per export, and
// a row order of each export's own that a wrong export matches only by a chance of 1/n!.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CHECK_CODE, checkCode, exportTag, newExportKey, orderKey, orderSalt } from './fingerprint.ts';
import { orderChance } from './identify.ts';

const caseNumbers = Array.from({ length: 200 }, (_, i) => String(10_000_000 + i * 7919));
const inOrder = (keys: string[]) => keys.every((k, i) => i === 0 || keys[i - 1] < k);

describe('export fingerprint', () => {
  it('a check code is C, the export’s tag and the row’s MAC, in base32 behind a letter; found in any text', () => {
    const key = newExportKey();
    const code = checkCode(key, 'e1', '12345678');
    assert.match(code, /^C[0-9A-HJKMNP-TV-Z]{12}$/);
    assert.equal(code.slice(1, 7), exportTag(key, 'e1'));
    assert.notEqual(checkCode(key, 'e1', '12345679'), code, 'each row its own');
    assert.notEqual(checkCode(newExportKey(), 'e1', '12345678'), code, 'each export its own');
    assert.deepEqual([...`x,12345678,"${code}"\t`.matchAll(CHECK_CODE)].map((m) => m[0]), [code]);
    assert.ok(Number.isNaN(Number(code)), 'no spreadsheet turns it into a number');
  });

  it('each export orders the same rows differently; rows sorted by its order stand in it, another export’s order does not', () => {
    const [a, b] = [orderSalt(newExportKey()), orderSalt(newExportKey())];
    const sortedA = [...caseNumbers].sort((x, y) => (orderKey(a, x) < orderKey(a, y) ? -1 : 1));
    assert.ok(inOrder(sortedA.map((n) => orderKey(a, n))));
    assert.ok(!inOrder(sortedA.map((n) => orderKey(b, n))), 'another export’s key does not put these rows in this order');
    // Any 10 consecutive rows of A's file are in A's order; by chance in B's only 1 in 10! of the time.
    let matchesB = 0;
    for (let i = 0; i + 10 <= sortedA.length; i++) if (inOrder(sortedA.slice(i, i + 10).map((n) => orderKey(b, n)))) matchesB++;
    assert.equal(matchesB, 0);
    assert.equal(orderChance(10), 1 / 3_628_800);
  });
});
