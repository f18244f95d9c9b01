import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isAccess, isWork, openedRecord } from './accesses.ts';

describe('which audit rows are accesses to a record', () => {
  it('a look at or work on a case is an access; sign-in, IDs, the review itself and lists are not', () => {
    for (const a of ['cases.read', 'observations.record', 'contacts.read', 'notifications.update']) assert.equal(isAccess(a), true, a);
    for (const a of ['auth.login', 'users.suspend', 'audit.read', 'access_review.read', 'patient.home', 'worklist.read', 'cases.search', 'cases.transfers_read']) {
      assert.equal(isAccess(a), false, a);
    }
  });
  it('work is an access that changes something', () => {
    assert.equal(isWork('cases.status_change'), true);
    assert.equal(isWork('observations.record'), true);
    assert.equal(isWork('cases.read'), false);
    assert.equal(isWork('notifications.history'), false);
    assert.equal(isWork('cases.search'), false);
  });
  it('the record an opening names: the case in its details, else its first record id; work and lists open none', () => {
    assert.equal(openedRecord({ action: 'cases.read', recordIds: ['case-1', 'person-1'] }), 'case-1');
    assert.equal(openedRecord({ action: 'notifications.read', recordIds: ['n-1'], details: { caseId: 'case-2' } }), 'case-2');
    assert.equal(openedRecord({ action: 'cases.status_change', recordIds: ['case-1'] }), null);
    assert.equal(openedRecord({ action: 'worklist.read', recordIds: ['case-1', 'case-2'] }), null);
  });
});
