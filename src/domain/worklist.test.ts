import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isStale, staleBefore } from './worklist.ts';

const at = (iso: string) => new Date(iso);

describe('staleBefore', () => {
  it('is the start of the Japan day N days before today', () => {
    assert.equal(staleBefore('2022-03-14', 3).toISOString(), '2022-03-10T15:00:00.000Z'); // 03-11 00:00 JST
    assert.equal(staleBefore('2022-03-01', 1).toISOString(), '2022-02-27T15:00:00.000Z');
  });
});

describe('isStale', () => {
  const home = { status: 'home' as const, statusChangedAt: at('2022-03-01T01:00:00Z'), lastObservedAt: null };

  it('counts whole Japan days since the last status change or observation', () => {
    // 03-10 23:59 JST is 03-10 14:59 UTC: three whole days (11, 12, 13) have passed on 03-14.
    assert.equal(isStale({ ...home, lastObservedAt: at('2022-03-10T14:59:00Z') }, '2022-03-14', 3), true);
    // 03-11 00:00 JST is 03-10 15:00 UTC: not yet.
    assert.equal(isStale({ ...home, lastObservedAt: at('2022-03-10T15:00:00Z') }, '2022-03-14', 3), false);
    assert.equal(isStale({ ...home, lastObservedAt: at('2022-03-10T15:00:00Z') }, '2022-03-15', 3), true);
  });

  it('needs both the status change and the last observation to be old', () => {
    const recentStatus = { ...home, statusChangedAt: at('2022-03-13T00:00:00Z'), lastObservedAt: at('2022-03-01T00:00:00Z') };
    assert.equal(isStale(recentStatus, '2022-03-14', 3), false);
    const recentObservation = { ...home, lastObservedAt: at('2022-03-13T00:00:00Z') };
    assert.equal(isStale(recentObservation, '2022-03-14', 3), false);
    assert.equal(isStale(home, '2022-03-14', 3), true, 'never observed, status set long ago');
    assert.equal(isStale({ ...home, statusChangedAt: null }, '2022-03-14', 3), true, 'no date at all');
  });

  it('leaves out final statuses and cases without a status', () => {
    assert.equal(isStale({ ...home, status: 'released' }, '2022-03-14', 3), false);
    assert.equal(isStale({ ...home, status: 'died' }, '2022-03-14', 3), false);
    assert.equal(isStale({ ...home, status: null }, '2022-03-14', 3), false);
    assert.equal(isStale({ ...home, status: 'unknown' }, '2022-03-14', 3), true);
  });

  it('follows the configured number of days', () => {
    const c = { ...home, lastObservedAt: at('2022-03-12T03:00:00Z') }; // 03-12 JST
    assert.equal(isStale(c, '2022-03-14', 3), false);
    assert.equal(isStale(c, '2022-03-14', 1), true);
  });
});
