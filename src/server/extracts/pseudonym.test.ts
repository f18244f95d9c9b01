import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { newPseudonymKey, pseudonymOf } from './pseudonym.ts';

describe('per-extract pseudonyms', () => {
  it('the same case has different pseudonyms in two extracts', () => {
    fc.assert(
      fc.property(fc.uuid(), (caseId) => {
        assert.notEqual(pseudonymOf(newPseudonymKey(), caseId), pseudonymOf(newPseudonymKey(), caseId));
      }),
    );
  });
  it('within one extract a case keeps one pseudonym, and two cases have two', () => {
    fc.assert(
      fc.property(fc.uuid(), fc.uuid(), (a, b) => {
        const key = newPseudonymKey();
        assert.equal(pseudonymOf(key, a), pseudonymOf(key, a));
        if (a !== b) assert.notEqual(pseudonymOf(key, a), pseudonymOf(key, b));
        assert.match(pseudonymOf(key, a), /^[0-9a-f]{32}$/);
      }),
    );
  });
});
