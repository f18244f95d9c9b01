// The review's decision table: what may follow what (issue 12).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ALERT_STATUSES, REVIEW_DECISIONS, refusalOf } from './review.ts';

const user = { subjectUserId: 'u1' };
const centre = { orgParentId: 'pref' };

describe('review decisions', () => {
  it('nothing follows a dismissal or a confirmation', () => {
    for (const status of ['dismissed', 'confirmed'] as const) {
      for (const d of REVIEW_DECISIONS) assert.equal(refusalOf(d, { status, ...user }, centre), 'review_final', `${d} after ${status}`);
    }
  });
  it('every decision is open while the alert waits, except asking again before the answer', () => {
    for (const status of ALERT_STATUSES.filter((s) => s !== 'dismissed' && s !== 'confirmed')) {
      for (const d of REVIEW_DECISIONS) {
        const expected = d === 'ask' && status === 'asked' ? 'review_waiting_answer' : null;
        assert.equal(refusalOf(d, { status, ...user }, centre), expected, `${d} from ${status}`);
      }
    }
  });
  it('asking needs a user (a report may name none); escalating needs a parent (the ministry has none)', () => {
    assert.equal(refusalOf('ask', { status: 'open', subjectUserId: null }, centre), 'review_no_subject');
    assert.equal(refusalOf('dismiss', { status: 'open', subjectUserId: null }, centre), null);
    assert.equal(refusalOf('escalate', { status: 'open', ...user }, { orgParentId: null }), 'review_no_parent');
  });
});
