import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { passwordProblems } from './password-policy.ts';

describe('passwordProblems', () => {
  it('accepts a long uncommon password', () => {
    assert.deepEqual(passwordProblems('kawa-no-nagare-2026', 'sakura-dr1'), []);
  });
  it('wants 12 characters, counting Japanese characters as one each', () => {
    assert.deepEqual(passwordProblems('Abc-123-xyz', 'u1'), ['too_short']);
    assert.deepEqual(passwordProblems('かわのながれはたえずして', 'u1'), []);
  });
  it('refuses common passwords of any case, and ones containing the login ID', () => {
    assert.ok(passwordProblems('QWERTY123456', 'u1').includes('common'));
    assert.ok(passwordProblems('1qaz2wsx3edc', 'u1').includes('common'));
    assert.deepEqual(passwordProblems('my-SAKURA-DR1-secret', 'sakura-dr1'), ['contains_login_id']);
  });
  it('refuses more than 128 characters', () => {
    assert.ok(passwordProblems('x'.repeat(129) + 'Qz-9', 'u1').includes('too_long'));
  });
});
