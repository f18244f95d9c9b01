import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { describe, it } from 'node:test';
import { expiryOf, newProcessingNumber, normalizeProcessingNumber, processingNumberState, PROCESSING_NUMBER_VALIDITY_HOURS } from './processing-number.ts';

describe('processing numbers (処理番号)', () => {
  it('are 8 half-width digits, leading zeros kept', () => {
    for (let i = 0; i < 200; i++) assert.match(newProcessingNumber(randomInt), /^\d{8}$/);
    assert.equal(newProcessingNumber(() => 0), '00000000');
    assert.equal(newProcessingNumber(() => 9), '99999999');
  });

  it('use every digit at every position (drawn, not derived)', () => {
    const seen = Array.from({ length: 8 }, () => new Set<string>());
    for (let i = 0; i < 500; i++) [...newProcessingNumber(randomInt)].forEach((d, p) => seen[p].add(d));
    for (const s of seen) assert.equal(s.size, 10);
  });

  it('are read back from what a person typed', () => {
    assert.equal(normalizeProcessingNumber('1234 5678'), '12345678');
    assert.equal(normalizeProcessingNumber('1234-5678'), '12345678');
    assert.equal(normalizeProcessingNumber('１２３４５６７８'), '12345678');
    assert.equal(normalizeProcessingNumber('0012345'), null);
    assert.equal(normalizeProcessingNumber('123456789'), null);
    assert.equal(normalizeProcessingNumber('1234567a'), null);
    assert.equal(normalizeProcessingNumber(''), null);
  });

  it('expire after the validity period, 24 hours by default', () => {
    const issued = new Date('2022-03-10T00:00:00Z');
    assert.equal(PROCESSING_NUMBER_VALIDITY_HOURS, 24);
    assert.equal(expiryOf(issued).toISOString(), '2022-03-11T00:00:00.000Z');
    assert.equal(expiryOf(issued, 2).toISOString(), '2022-03-10T02:00:00.000Z');
    assert.throws(() => expiryOf(issued, 0), RangeError);
  });

  it('have one state: used and revoked stay so, otherwise active until the expiry', () => {
    const expiresAt = new Date('2022-03-11T00:00:00Z');
    const before = new Date('2022-03-10T12:00:00Z');
    const atExpiry = expiresAt;
    assert.equal(processingNumberState({ expiresAt, usedAt: null, revokedAt: null }, before), 'active');
    assert.equal(processingNumberState({ expiresAt, usedAt: null, revokedAt: null }, atExpiry), 'expired');
    assert.equal(processingNumberState({ expiresAt, usedAt: before, revokedAt: null }, new Date('2022-04-01T00:00:00Z')), 'used');
    assert.equal(processingNumberState({ expiresAt, usedAt: null, revokedAt: before }, new Date('2022-04-01T00:00:00Z')), 'revoked');
  });
});
