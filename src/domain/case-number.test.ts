import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { isValidCaseNumber, newCaseNumber, newSelfReportId } from './case-number.ts';

describe('case numbers (HER-SYS ID)', () => {
  it('are 8 digits with a valid check digit and no leading zero', () => {
    for (let i = 0; i < 200; i++) {
      const n = newCaseNumber(randomInt);
      assert.match(n, /^[1-9]\d{7}$/);
      assert.ok(isValidCaseNumber(n));
    }
  });
  it('catch any single mistyped digit', () => {
    const n = newCaseNumber(randomInt);
    for (let pos = 0; pos < 8; pos++) {
      for (let d = 0; d <= 9; d++) {
        const typo = n.slice(0, pos) + d + n.slice(pos + 1);
        if (typo !== n) assert.equal(isValidCaseNumber(typo), false, typo);
      }
    }
  });
  it('computes the Luhn digit (known value)', () => {
    assert.equal(newCaseNumber(() => 0), '10000008');
  });
  it('self-report IDs use an unambiguous alphabet', () => {
    assert.match(newSelfReportId(randomInt), /^[A-HJ-NP-Z2-9]{10}$/);
  });
});
