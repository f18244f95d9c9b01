import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { auditRowHash, auditRowHashV1, contentHash, GENESIS_HASH, linkHash } from './chain.ts';

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

describe('the chain link', () => {
  it('is SHA-256 of the previous hash, the sequence number and the content hash, as audit_append() computes it', () => {
    const content = contentHash(row);
    const expected = createHash('sha256').update(`${GENESIS_HASH}\n1\n${content}`).digest('hex');
    assert.equal(linkHash(GENESIS_HASH, 1, content), expected);
    assert.equal(auditRowHash(GENESIS_HASH, row), expected);
    assert.notEqual(auditRowHash(GENESIS_HASH, { ...row, seq: 2 }), expected);
  });
  it('rows of version 1 (before migration 0019) keep their own hash', () => {
    assert.match(auditRowHashV1(GENESIS_HASH, row), /^[0-9a-f]{64}$/);
    assert.notEqual(auditRowHashV1(GENESIS_HASH, row), auditRowHash(GENESIS_HASH, row));
  });
});
