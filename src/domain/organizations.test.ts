import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { issuesFor, parentKindOf, rolesAllowedAt, type OrgRef } from './organizations.ts';

const ministry: OrgRef = { id: 'm', kind: 'ministry', prefectureId: null, parentId: null };
const tokyo: OrgRef = { id: 'p', kind: 'prefecture', prefectureId: 'p', parentId: 'm' };
const osaka: OrgRef = { id: 'q', kind: 'prefecture', prefectureId: 'q', parentId: 'm' };
const hc: OrgRef = { id: 'h', kind: 'health_center', prefectureId: 'p', parentId: 'p' };
const otherHc: OrgRef = { id: 'h2', kind: 'health_center', prefectureId: 'p', parentId: 'p' };
const clinic: OrgRef = { id: 'c', kind: 'medical_institution', prefectureId: 'p', parentId: 'h' };
const otherClinic: OrgRef = { id: 'c2', kind: 'medical_institution', prefectureId: 'p', parentId: 'h2' };
const hotel: OrgRef = { id: 'w', kind: 'accommodation_facility', prefectureId: 'p', parentId: 'p' };
const osakaHotel: OrgRef = { id: 'w2', kind: 'accommodation_facility', prefectureId: 'q', parentId: 'q' };

describe('issuesFor', () => {
  it('every admin issues for its own organisation', () => {
    for (const o of [ministry, tokyo, hc, clinic, hotel]) assert.equal(issuesFor(o, o), true);
  });
  it('the ministry issues for prefectures (SG IDs), not below them', () => {
    assert.equal(issuesFor(ministry, tokyo), true);
    assert.equal(issuesFor(ministry, hc), false);
    assert.equal(issuesFor(ministry, clinic), false);
  });
  it('a prefecture issues for its own centres and facilities, not another prefecture’s, not clinics', () => {
    assert.equal(issuesFor(tokyo, hc), true);
    assert.equal(issuesFor(tokyo, hotel), true);
    assert.equal(issuesFor(tokyo, osakaHotel), false);
    assert.equal(issuesFor(tokyo, osaka), false);
    assert.equal(issuesFor(tokyo, clinic), false);
    assert.equal(issuesFor(tokyo, ministry), false);
  });
  it('a health centre issues for the medical institutions in its area only', () => {
    assert.equal(issuesFor(hc, clinic), true);
    assert.equal(issuesFor(hc, otherClinic), false);
    assert.equal(issuesFor(hc, otherHc), false);
    assert.equal(issuesFor(hc, hotel), false);
  });
  it('nobody else issues for others', () => {
    assert.equal(issuesFor(clinic, otherClinic), false);
    assert.equal(issuesFor(hotel, clinic), false);
  });
});

describe('rolesAllowedAt and the tree', () => {
  it('gives each kind its work role, the admin role and the privacy officer', () => {
    assert.deepEqual(rolesAllowedAt('medical_institution'), ['doctor', 'clerk', 'org_admin', 'privacy_officer']);
    assert.deepEqual(rolesAllowedAt('public_health_institute'), ['hc_staff', 'org_admin', 'privacy_officer']);
    assert.ok(!rolesAllowedAt('health_center').includes('doctor'));
  });
  it('places medical institutions under a health centre and the rest under a prefecture', () => {
    assert.equal(parentKindOf('medical_institution'), 'health_center');
    assert.equal(parentKindOf('followup_center'), 'prefecture');
    assert.equal(parentKindOf('ministry'), null);
  });
});
