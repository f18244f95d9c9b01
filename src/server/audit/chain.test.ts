import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditRowHash, GENESIS_HASH } from './chain.ts';

const row = {
  seq: 1,
  at: new Date('2026-11-21T00:00:00.123Z'),
  actorUserId: null,
  actorOrgId: null,
  action: 'auth.login',
  recordType: 'user',
  recordIds: ['a'],
  purpose: null,
  clientAddr: '192.0.2.1',
  outcome: 'ok',
  details: { b: 1, a: { d: [1, 2], c: 'x' } },
};

describe('auditRowHash', () => {
  it('does not depend on the key order of details (jsonb reorders them)', () => {
    const reordered = { ...row, details: { a: { c: 'x', d: [1, 2] }, b: 1 } };
    assert.equal(auditRowHash(GENESIS_HASH, row), auditRowHash(GENESIS_HASH, reordered));
  });
  it('changes with any field and with the previous hash', () => {
    const h = auditRowHash(GENESIS_HASH, row);
    assert.notEqual(auditRowHash(GENESIS_HASH, { ...row, purpose: 'x' }), h);
    assert.notEqual(auditRowHash(GENESIS_HASH, { ...row, at: new Date(row.at.getTime() + 1) }), h);
    assert.notEqual(auditRowHash(GENESIS_HASH, { ...row, details: { ...row.details, b: 2 } }), h);
    assert.notEqual(auditRowHash('f'.repeat(64), row), h);
    assert.match(h, /^[0-9a-f]{64}$/);
  });
});
