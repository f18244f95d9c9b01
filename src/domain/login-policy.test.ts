import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LOGIN_POLICY, locksAfterFailure, loginRetryAfter, sessionState } from './login-policy.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 9, 0, s));

describe('login back-off and lock', () => {
  it('lets the first failures retry at once', () => {
    for (let n = 0; n < LOGIN_POLICY.freeFailures; n++) assert.equal(loginRetryAfter(n, at(0), at(0)), 0);
  });
  it('then doubles the wait with each failure, up to the maximum', () => {
    assert.equal(loginRetryAfter(3, at(0), at(0)), 2);
    assert.equal(loginRetryAfter(4, at(0), at(1)), 3);
    assert.equal(loginRetryAfter(5, at(0), at(8)), 0);
    assert.equal(loginRetryAfter(30, at(0), at(0)), LOGIN_POLICY.maxDelaySeconds);
  });
  it('locks at the tenth consecutive failure', () => {
    assert.equal(locksAfterFailure(9), false);
    assert.equal(locksAfterFailure(10), true);
  });
});

describe('sessionState', () => {
  const base = { createdAt: at(0), lastSeenAt: at(0), expiresAt: new Date(at(0).getTime() + 12 * 3600_000), endedAt: null };
  const limits = { idleMinutes: 30 };
  it('is active within the idle time', () => {
    assert.equal(sessionState(base, new Date(at(0).getTime() + 29 * 60_000), limits), 'active');
  });
  it('idles out after 30 minutes without a request', () => {
    assert.equal(sessionState(base, new Date(at(0).getTime() + 30 * 60_000), limits), 'idle');
  });
  it('expires at the absolute limit even when in use', () => {
    const busy = { ...base, lastSeenAt: new Date(at(0).getTime() + 12 * 3600_000 - 1000) };
    assert.equal(sessionState(busy, base.expiresAt, limits), 'expired');
  });
  it('stays ended once ended', () => {
    assert.equal(sessionState({ ...base, endedAt: at(1) }, at(2), limits), 'ended');
  });
});
