// The sealing of secrets: a value opens only with its key, unaltered, in its place.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSealed, keyIdOf, keyIdOfSealed, newKey, open, parseKey, seal, SecretError } from './envelope.ts';

const key = newKey();
const id = keyIdOf(key);

describe('envelope (AES-256-GCM)', () => {
  it('a sealed secret opens to the same bytes and names its key, and never holds the secret in clear', () => {
    const sealed = seal(key, id, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    assert.ok(isSealed(sealed));
    assert.equal(keyIdOfSealed(sealed), id);
    assert.ok(!sealed.includes('JBSWY3DPEHPK3PXP'));
    assert.equal(open(key, id, sealed, 'totp:u1').toString('utf8'), 'JBSWY3DPEHPK3PXP');
  });

  it('the same secret sealed twice gives two values (a fresh IV each time)', () => {
    assert.notEqual(seal(key, id, 'x', 'p'), seal(key, id, 'x', 'p'));
  });

  it('an altered value fails instead of opening to garbage', () => {
    const sealed = seal(key, id, 'JBSWY3DPEHPK3PXP', 'totp:u1');
    const parts = sealed.split(':');
    for (const i of [2, 3, 4]) {
      const bytes = Buffer.from(parts[i], 'base64url');
      bytes[0] ^= 1;
      const altered = [...parts.slice(0, i), bytes.toString('base64url'), ...parts.slice(i + 1)].join(':');
      assert.throws(() => open(key, id, altered, 'totp:u1'), SecretError, `part ${i}`);
    }
  });

  it('another key fails, whether it claims the value’s key id or not', () => {
    const other = newKey();
    const sealed = seal(key, id, 'secret', 'p');
    assert.throws(() => open(other, keyIdOf(other), sealed, 'p'), (e: Error) => e instanceof SecretError && e.message.includes(id));
    assert.throws(() => open(other, id, sealed, 'p'), SecretError);
  });

  it('a value moved to another place (another user’s row) fails', () => {
    const sealed = seal(key, id, 'secret', 'totp:u1');
    assert.throws(() => open(key, id, sealed, 'totp:u2'), SecretError);
  });

  it('a key is 32 bytes in base64, and its id reveals nothing of it', () => {
    assert.deepEqual(parseKey(key.toString('base64')), key);
    assert.throws(() => parseKey(Buffer.alloc(16).toString('base64')), SecretError);
    assert.throws(() => parseKey('not base64 at all, not at all, not at all!!!'), SecretError);
    assert.match(id, /^[0-9a-f]{16}$/);
    assert.ok(!key.toString('hex').includes(id));
  });
});
