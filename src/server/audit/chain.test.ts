import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createHash } from 'node:crypto';
import { auditRowHash, auditRowHashV1, auditRowHashV3, contentHash, GENESIS_HASH, linkHash, redactDetails, redactedValueMatches } from './chain.ts';

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

describe('version 3: details that retention may redact (issue 14)', () => {
  const search = { ...row, action: 'cases.search', details: { filter: { kana: 'ヤマダ タロウ', birthDate: '1980-04-01', limit: 50 } } };
  const paths = [['filter', 'kana'], ['filter', 'birthDate'], ['filter', 'externalId']];
  it('a value replaced by its digest leaves the row’s hash as it was', () => {
    const h = auditRowHashV3(GENESIS_HASH, search);
    const { details, redacted } = redactDetails(search.at, search.details, paths);
    assert.equal(redacted, 2);
    assert.ok(!JSON.stringify(details).includes('ヤマダ'));
    assert.equal(auditRowHashV3(GENESIS_HASH, { ...search, details }), h);
    // Redacting again changes nothing.
    assert.deepEqual(redactDetails(search.at, details, paths), { details, redacted: 0 });
  });
  it('any other change of a value, or a wrong digest, changes the hash', () => {
    const h = auditRowHashV3(GENESIS_HASH, search);
    assert.notEqual(auditRowHashV3(GENESIS_HASH, { ...search, details: { filter: { ...search.details.filter, limit: 51 } } }), h);
    const forged = { filter: { ...search.details.filter, kana: { $redacted: '0'.repeat(64) } } };
    assert.notEqual(auditRowHashV3(GENESIS_HASH, { ...search, details: forged }), h);
  });
  it('the original value, when someone presents it, matches the digest; another does not', () => {
    const { details } = redactDetails(search.at, search.details, paths) as { details: { filter: { kana: unknown } } };
    assert.equal(redactedValueMatches(search.at, details.filter.kana, 'ヤマダ タロウ'), true);
    assert.equal(redactedValueMatches(search.at, details.filter.kana, 'ヤマダ ハナコ'), false);
    // The row's time salts the digest: the same name in another row has another digest.
    assert.equal(redactedValueMatches(new Date(search.at.getTime() + 1), details.filter.kana, 'ヤマダ タロウ'), false);
  });
});
