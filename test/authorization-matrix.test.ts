// The two enforcements of ID issuing agree: the domain rule the services use (issuesFor) and the
// SQL function row-level security uses (org_issues_for), on every pair of demo organisations.
// And the roles × permissions matrix as implemented, so a change to it is a visible test change.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { issuesFor, ROLES, type OrgKind } from '../src/domain/organizations.ts';
import { can, PERMISSIONS } from '../src/domain/permissions.ts';
import { ENGINES, freshDatabase, type TestDatabase } from './harness/engines.ts';

for (const engine of ENGINES) {
  describe(`issuing scope: domain rule = database rule (${engine})`, () => {
    let t: TestDatabase;
    before(async () => {
      t = await freshDatabase(engine);
    });
    after(() => t.close());

    it('agrees on every pair of organisations', async () => {
      const orgs = (await t.superuser('SELECT id, kind, prefecture_id, parent_id FROM organizations')).rows.map((o) => ({
        id: o.id as string,
        kind: o.kind as OrgKind,
        prefectureId: o.prefecture_id as string | null,
        parentId: o.parent_id as string | null,
      }));
      const sqlRule = await t.superuser('SELECT i.id AS issuer, t.id AS target, org_issues_for(i.id, t.id) AS ok FROM organizations i, organizations t');
      assert.equal(sqlRule.rows.length, orgs.length ** 2);
      let allowed = 0;
      for (const r of sqlRule.rows) {
        const issuer = orgs.find((o) => o.id === r.issuer)!;
        const target = orgs.find((o) => o.id === r.target)!;
        assert.equal(r.ok, issuesFor(issuer, target), `${issuer.kind} -> ${target.kind}`);
        if (r.ok) allowed++;
      }
      // 10 own + ministry→prefecture 1 + prefecture→its 2 centres, HQ, facility, follow-up, institute 6
      // + each centre→the clinic in its area 2
      assert.equal(allowed, 19);
    });
  });
}

describe('roles × permissions', () => {
  it('is as documented in the closing note', () => {
    const matrix = Object.fromEntries(ROLES.map((r) => [r, PERMISSIONS.filter((p) => can([r], p))]));
    assert.deepEqual(matrix, {
      doctor: ['cases.read', 'cases.register', 'notifications.draft', 'notifications.submit', 'notifications.correct', 'cases.status', 'hospital_course.write', 'observations.record', 'patients.invite', 'daily_reports.file', 'daily_reports.correct', 'daily_reports.read', 'sentinel.file', 'sentinel.correct', 'sentinel.read', 'break_glass.request'],
      clerk: ['cases.read', 'cases.register', 'notifications.draft', 'cases.status', 'hospital_course.write', 'observations.record', 'daily_reports.file', 'daily_reports.correct', 'daily_reports.read', 'sentinel.file', 'sentinel.correct', 'sentinel.read'],
      hc_staff: [
        'cases.read', 'cases.register', 'notifications.draft', 'notifications.submit', 'notifications.correct', 'notifications.confirm', 'notifications.withdraw',
        'cases.status', 'residences.write', 'cases.responsibility', 'hospital_course.write', 'observations.record', 'worklist.read', 'alerts.acknowledge',
        'contacts.read', 'contacts.manage', 'processing_numbers.issue', 'external_ids.manage', 'patients.invite', 'patients.manage', 'persons.mark_sensitive',
        'statistics.counts', 'weekly_report.read', 'daily_reports.read', 'daily_reports.monitor', 'sentinel.read', 'break_glass.request', 'break_glass.review',
        'extracts.create', 'extracts.read', 'helpdesk.review', 'export',
      ],
      prefecture_staff: ['cases.read', 'notifications.correct', 'contacts.read', 'external_ids.manage', 'statistics.read', 'statistics.counts', 'weekly_report.read', 'daily_reports.correct', 'daily_reports.read', 'daily_reports.monitor', 'sentinel.designate', 'sentinel.correct', 'sentinel.read', 'sentinel.statistics', 'extracts.create', 'extracts.read', 'export'],
      coordination_hq: ['cases.read', 'contacts.read', 'statistics.read', 'statistics.counts', 'weekly_report.read'],
      facility_staff: ['cases.read', 'cases.status', 'observations.record'],
      followup_staff: ['cases.read', 'cases.status', 'observations.record', 'patients.invite', 'patients.manage'],
      ministry_staff: ['statistics.read', 'statistics.counts', 'weekly_report.read', 'daily_reports.read', 'sentinel.read', 'sentinel.statistics'],
      org_admin: ['users.manage', 'users.read', 'audit.read', 'access_questions.answer', 'retention.read', 'fhir_clients.manage'],
      privacy_officer: ['access_review.read', 'access_review.decide', 'incidents.manage', 'compliance.read', 'extracts.read', 'retention.read'],
      // Reads a case only while an access its centre allowed lasts (row-level security, migration 0038).
      helpdesk: ['cases.read', 'helpdesk.request'],
    });
  });
  it('denies by default: no roles, no permission', () => {
    for (const p of PERMISSIONS) assert.equal(can([], p), false);
  });
});
