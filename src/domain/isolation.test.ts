import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isolationPeriod } from './isolation.ts';

describe('isolation period (療養期間)', () => {
  it('runs 10 days from onset before 2022-09-07, day 0 being the onset', () => {
    assert.deepEqual(isolationPeriod('covid19', { onsetOn: '2022-08-19' }), { startsOn: '2022-08-19', lastDay: '2022-08-29', basis: 'onset', legal: true });
  });
  it('runs 7 days from onset from 2022-09-07', () => {
    assert.equal(isolationPeriod('covid19', { onsetOn: '2022-09-07' })?.lastDay, '2022-09-14');
    assert.equal(isolationPeriod('covid19', { onsetOn: '2022-09-06' })?.lastDay, '2022-09-16');
  });
  it('counts from the specimen for a patient without symptoms, and from the diagnosis when neither is known', () => {
    assert.deepEqual(isolationPeriod('covid19', { specimenOn: '2022-10-01', diagnosedOn: '2022-10-02' }), { startsOn: '2022-10-01', lastDay: '2022-10-08', basis: 'specimen', legal: true });
    assert.equal(isolationPeriod('covid19', { diagnosedOn: '2022-10-02' })?.basis, 'diagnosis');
  });
  it('is only recommended from 2023-05-08 (5類)', () => {
    assert.deepEqual(isolationPeriod('covid19', { onsetOn: '2023-05-08' }), { startsOn: '2023-05-08', lastDay: '2023-05-13', basis: 'onset', legal: false });
  });
  it('is unknown without a start date or before the first rule', () => {
    assert.equal(isolationPeriod('covid19', {}), null);
    assert.equal(isolationPeriod('covid19', { onsetOn: '2019-12-31' }), null);
  });
});
