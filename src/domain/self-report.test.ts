import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { japanClock, needsLook, reminderDue, underObservation } from './self-report.ts';

const base = { now: { date: '2022-08-19', time: '07:00' }, reminderTime: '07:00', status: 'home', observeUntil: '2022-08-25', lastRemindedOn: null, reportedToday: false, paused: false };

describe('self-report rules (My HER-SYS)', () => {
  it('the last day of the period is included (Sara Alert\'s missing final-day message)', () => {
    assert.equal(underObservation('home', '2022-08-19', '2022-08-19'), true);
    assert.equal(reminderDue({ ...base, observeUntil: '2022-08-19' }), true);
    assert.equal(reminderDue({ ...base, observeUntil: '2022-08-18' }), false);
  });
  it('no reminder after release, death or loss to follow-up, when paused, or once reported', () => {
    for (const status of ['released', 'died', 'unknown']) assert.equal(reminderDue({ ...base, status }), false, status);
    assert.equal(reminderDue({ ...base, status: null }), true, 'no status yet: still followed');
    assert.equal(reminderDue({ ...base, paused: true }), false);
    assert.equal(reminderDue({ ...base, reportedToday: true }), false);
  });
  it('one reminder a day, not before its time', () => {
    assert.equal(reminderDue({ ...base, now: { date: '2022-08-19', time: '06:59' } }), false);
    assert.equal(reminderDue({ ...base, lastRemindedOn: '2022-08-19' }), false);
    assert.equal(reminderDue({ ...base, lastRemindedOn: '2022-08-18' }), true);
  });
  it('a report needs a look when the patient feels worse or lists a symptom', () => {
    assert.equal(needsLook({ feeling: 'worse', symptoms: [] }), true);
    assert.equal(needsLook({ feeling: 'better', symptoms: ['cough'] }), true);
    assert.equal(needsLook({ feeling: 'same', symptoms: [] }), false);
  });
  it('reads the clock in Japan', () => {
    assert.equal(japanClock(new Date('2022-08-18T22:30:00Z')), '07:30');
  });
});
