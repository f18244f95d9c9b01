import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { helpdeskDecidable, helpdeskEmail, helpdeskEndable, helpdeskStatus, type HelpdeskPeriod } from './helpdesk.ts';

const at = (iso: string) => new Date(iso);
const base: HelpdeskPeriod = { requestedAt: '2026-12-01T00:00:00Z', startsAt: null, expiresAt: null, decision: null, endedAt: null, found: true };

describe('helpdesk access rules (Q&A 24)', () => {
  it('a request waits for its centre, and lapses after three days unanswered', () => {
    assert.equal(helpdeskStatus(base, at('2026-12-03T23:59:00Z')), 'pending');
    assert.equal(helpdeskStatus(base, at('2026-12-04T00:00:00Z')), 'lapsed');
  });
  it('an approved access is active from its start until it expires or the centre ends it', () => {
    const approved = { ...base, decision: 'approved' as const, startsAt: '2026-12-01T01:00:00Z', expiresAt: '2026-12-01T05:00:00Z' };
    assert.equal(helpdeskStatus(approved, at('2026-12-01T04:59:00Z')), 'active');
    assert.equal(helpdeskStatus(approved, at('2026-12-01T05:00:00Z')), 'expired');
    assert.equal(helpdeskStatus({ ...approved, endedAt: '2026-12-01T02:00:00Z' }, at('2026-12-01T03:00:00Z')), 'ended');
    assert.equal(helpdeskStatus({ ...base, decision: 'refused', endedAt: '2026-12-01T00:10:00Z' }, at('2026-12-01T00:20:00Z')), 'refused');
  });
  it("'notify' mode: scheduled until the objection time passes; a number without a case looks the same, then lapses", () => {
    const notified = { ...base, startsAt: '2026-12-01T01:00:00Z', expiresAt: '2026-12-01T05:00:00Z' };
    assert.equal(helpdeskStatus(notified, at('2026-12-01T00:30:00Z')), 'scheduled');
    assert.equal(helpdeskStatus({ ...notified, found: false }, at('2026-12-01T00:30:00Z')), 'scheduled');
    assert.equal(helpdeskStatus(notified, at('2026-12-01T01:00:00Z')), 'active');
    assert.equal(helpdeskStatus({ ...notified, found: false }, at('2026-12-01T01:00:00Z')), 'lapsed');
  });
  it('the centre decides before the start and ends whatever could still show the case', () => {
    assert.deepEqual(
      (['pending', 'scheduled', 'active', 'ended', 'expired'] as const).map((s) => [helpdeskDecidable(s), helpdeskEndable(s)]),
      [[true, true], [true, true], [false, true], [false, false], [false, false]],
    );
  });
  it('the e-mail names the ticket and the link, no case', () => {
    const mail = helpdeskEmail({ healthCentreNameJa: '新宿区保健所', ticket: 'HD-1', startsAt: null, hours: 4, listUrl: 'http://x/helpdesk/centre' });
    assert.match(mail.text, /HD-1/);
    assert.match(mail.text, /承認するまで閲覧はできません/);
    const notify = helpdeskEmail({ healthCentreNameJa: '新宿区保健所', ticket: 'HD-1', startsAt: new Date('2026-12-01T01:00:00Z'), hours: 4, listUrl: 'http://x' });
    assert.match(notify.text, /2026\/12\/01 10:00.*拒否しない場合/);
  });
});
