import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessPeriod, RESIDENCE_KIND_LABELS, RESIDENCE_KINDS } from './residence.ts';

describe('residence', () => {
  it('labels every kind in Japanese and English', () => {
    for (const k of RESIDENCE_KINDS) assert.ok(RESIDENCE_KIND_LABELS[k].ja && RESIDENCE_KIND_LABELS[k].en, k);
  });

  it('gives access from the first day’s midnight in Japan through the last day', () => {
    const p = accessPeriod('2022-08-01', '2022-08-10');
    assert.equal(p.startsAt.toISOString(), '2022-07-31T15:00:00.000Z');
    assert.equal(p.endsAt?.toISOString(), '2022-08-10T15:00:00.000Z');
    assert.equal(accessPeriod('2022-12-31', '2022-12-31').endsAt?.toISOString(), '2022-12-31T15:00:00.000Z');
    assert.equal(accessPeriod('2022-08-01', null).endsAt, null);
  });
});
