// The permission review's rules: when a campaign opens and is due, when it is complete, when it
// escalates and to whom, and what a revocation may keep.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  addMonths,
  campaignComplete,
  campaignDue,
  campaignState,
  dueAt,
  escalationEmail,
  issuingOrgOf,
  periodStart,
  rolesKeptProblem,
  shouldEscalate,
  summarizeCampaigns,
} from './permission-reviews.ts';

const at = (iso: string) => new Date(iso);

describe('permission review rules', () => {
  it('months are calendar months; the 31st falls back to the month’s last day', () => {
    assert.equal(addMonths(at('2026-01-15T00:00:00Z'), 3).toISOString(), '2026-04-15T00:00:00.000Z');
    assert.equal(addMonths(at('2026-11-30T00:00:00Z'), 3).toISOString(), '2027-02-28T00:00:00.000Z');
    assert.equal(addMonths(at('2026-05-31T00:00:00Z'), -3).toISOString(), '2026-02-28T00:00:00.000Z');
  });

  it('an organisation never reviewed opens its first campaign at once', () => {
    assert.equal(campaignDue(null, 3, at('2026-12-01T00:00:00Z')), true);
  });

  it('the next campaign opens a quarter (the configured interval) after the last one opened, not before', () => {
    const last = { openedAt: at('2026-09-01T00:00:00Z'), completedAt: at('2026-09-05T00:00:00Z') };
    assert.equal(campaignDue(last, 3, at('2026-11-30T23:59:59Z')), false);
    assert.equal(campaignDue(last, 3, at('2026-12-01T00:00:00Z')), true);
    assert.equal(campaignDue(last, 1, at('2026-10-01T00:00:00Z')), true, 'a monthly interval');
  });

  it('no new campaign while the last one is still open, however late it is', () => {
    assert.equal(campaignDue({ openedAt: at('2026-01-01T00:00:00Z'), completedAt: null }, 3, at('2026-12-01T00:00:00Z')), false);
  });

  it('a campaign is due 14 days after it opens; its period starts at the last campaign', () => {
    assert.equal(dueAt(at('2026-12-01T03:00:00Z')).toISOString(), '2026-12-15T03:00:00.000Z');
    assert.equal(periodStart(at('2026-09-01T00:00:00Z'), at('2026-12-01T00:00:00Z'), 3).toISOString(), '2026-09-01T00:00:00.000Z');
    assert.equal(periodStart(null, at('2026-12-01T00:00:00Z'), 3).toISOString(), '2026-09-01T00:00:00.000Z');
  });

  it('complete when every ID has a decision; an ID suspended as unused (or deleted) needs none', () => {
    assert.equal(campaignComplete([{ decision: 'confirmed', userStatus: 'active' }, { decision: null, userStatus: 'active' }]), false);
    assert.equal(campaignComplete([{ decision: 'confirmed', userStatus: 'active' }, { decision: null, userStatus: 'suspended' }]), true);
    assert.equal(campaignComplete([{ decision: 'suspended', userStatus: 'suspended' }, { decision: 'roles_revoked', userStatus: 'active' }]), true);
    assert.equal(campaignComplete([]), true);
  });

  it('open, overdue after the due date, done on time or late', () => {
    const due = at('2026-12-15T00:00:00Z');
    assert.equal(campaignState({ dueAt: due, completedAt: null }, at('2026-12-14T00:00:00Z')), 'open');
    assert.equal(campaignState({ dueAt: due, completedAt: null }, at('2026-12-15T00:00:01Z')), 'overdue');
    assert.equal(campaignState({ dueAt: due, completedAt: at('2026-12-15T00:00:00Z') }, at('2027-01-01T00:00:00Z')), 'done_on_time');
    assert.equal(campaignState({ dueAt: due, completedAt: at('2026-12-16T00:00:00Z') }, at('2027-01-01T00:00:00Z')), 'done_late');
  });

  it('an overdue review escalates once, to the organisation that issues its IDs', () => {
    const c = { dueAt: at('2026-12-15T00:00:00Z'), completedAt: null, escalatedAt: null };
    assert.equal(shouldEscalate(c, at('2026-12-14T00:00:00Z')), false);
    assert.equal(shouldEscalate(c, at('2026-12-16T00:00:00Z')), true);
    assert.equal(shouldEscalate({ ...c, escalatedAt: at('2026-12-16T00:00:00Z') }, at('2026-12-17T00:00:00Z')), false);
    assert.equal(shouldEscalate({ ...c, completedAt: at('2026-12-16T00:00:00Z') }, at('2026-12-17T00:00:00Z')), false);
    assert.equal(issuingOrgOf({ parentId: 'tokyo' }), 'tokyo');
    assert.equal(issuingOrgOf({ parentId: null }), null, 'the ministry has no issuer');
  });

  it('revoking keeps some of the roles held and drops at least one; dropping all is suspending', () => {
    assert.equal(rolesKeptProblem(['clerk', 'org_admin'], ['clerk']), null);
    assert.equal(rolesKeptProblem(['clerk', 'org_admin'], []), 'review_roles_required');
    assert.equal(rolesKeptProblem(['clerk', 'org_admin'], undefined), 'review_roles_required');
    assert.equal(rolesKeptProblem(['clerk'], ['doctor']), 'review_role_not_held');
    assert.equal(rolesKeptProblem(['clerk', 'org_admin'], ['org_admin', 'clerk']), 'review_nothing_revoked');
  });

  it('the compliance line counts campaigns by outcome and the IDs revoked', () => {
    const now = at('2027-01-01T00:00:00Z');
    const due = at('2026-12-15T00:00:00Z');
    const s = summarizeCampaigns(
      [
        { dueAt: due, completedAt: at('2026-12-10T00:00:00Z'), suspended: 1, rolesRevoked: 2 },
        { dueAt: due, completedAt: at('2026-12-20T00:00:00Z'), suspended: 0, rolesRevoked: 0 },
        { dueAt: due, completedAt: null, suspended: 1, rolesRevoked: 0 },
        { dueAt: at('2027-01-10T00:00:00Z'), completedAt: null, suspended: 0, rolesRevoked: 0 },
      ],
      now,
    );
    assert.deepEqual(s, { campaigns: 4, doneOnTime: 1, doneLate: 1, overdue: 1, open: 1, idsSuspended: 2, rolesRevoked: 2 });
  });

  it('the escalation e-mail names organisations and counts, no ID or person', () => {
    const m = escalationEmail({ orgNameJa: '中野区保健所', orgNameEn: 'Nakano Health Centre', dueOn: '2026-12-15', pending: 3, url: 'https://hersys.example/admin/permission-reviews' });
    assert.match(m.text, /中野区保健所/);
    assert.match(m.text, /3 件/);
    assert.doesNotMatch(m.text, /nakano-h1|@/);
  });
});
