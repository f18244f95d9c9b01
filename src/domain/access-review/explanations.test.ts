import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXPLANATION_TEMPLATES, explainAccess, relationEndedBefore, TEMPLATE_IDS, type AccessFacts, type CaseRelation } from './explanations.ts';

const A = 'hc-a';
const B = 'hc-b';
// Case transferred from A to B at 10:00 on 08-12; a hotel stay on 08-10..08-15; follow-up until 08-14 12:00.
const relations: CaseRelation[] = [
  { orgId: A, kind: 'responsible', from: null, until: '2022-08-12T01:00:00.000Z' },
  { orgId: B, kind: 'responsible', from: '2022-08-12T01:00:00.000Z', until: null },
  { orgId: 'clinic', kind: 'reporting', from: null, until: null },
  { orgId: 'hotel', kind: 'stay', from: '2022-08-10', until: '2022-08-15' },
  { orgId: 'fc', kind: 'assigned', from: '2022-08-10T00:00:00.000Z', until: '2022-08-14T03:00:00.000Z' },
  { orgId: 'hc-c', kind: 'related', from: '2022-08-11T00:00:00.000Z', until: null },
  { orgId: 'hc-d', kind: 'contact', from: '2022-08-09T00:00:00.000Z', until: null },
];
const user = (orgId: string) => ({ kind: 'user' as const, orgId });
const explain = (orgId: string, at: string, facts: Partial<AccessFacts> = {}, purpose: string | null = null) =>
  explainAccess({ actor: user(orgId), caseId: 'case-1', at, purpose }, { relations, ...facts });

describe('explanation templates', () => {
  it('are data with ja and en words, one per id', () => {
    assert.deepEqual(EXPLANATION_TEMPLATES.map((t) => t.id), [...TEMPLATE_IDS]);
    for (const t of EXPLANATION_TEMPLATES) assert.ok(t.ja && t.en, t.id);
  });
  it('the responsible centre is explained until its transfer away, and not after', () => {
    assert.equal(explain(A, '2022-08-11T05:00:00Z'), 'responsible_centre');
    assert.equal(explain(A, '2022-08-12T00:59:00Z'), 'responsible_centre');
    assert.equal(explain(A, '2022-08-12T03:00:00Z'), null);
    assert.equal(explain(B, '2022-08-12T03:00:00Z'), 'responsible_centre');
    assert.equal(explain(B, '2022-08-11T03:00:00Z'), null, 'the new centre before the transfer');
  });
  it('the request that made the transfer is still work of the old centre (a minute of grace), not later ones', () => {
    assert.equal(explain(A, '2022-08-12T01:00:30Z'), 'responsible_centre');
    assert.equal(explain(A, '2022-08-12T01:02:00Z'), null);
  });
  it('the reporting institution is explained', () => {
    assert.equal(explain('clinic', '2022-09-01T00:00:00Z'), 'reporting_institution');
  });
  it('a stay given in dates covers the whole Japan days, not the day after', () => {
    assert.equal(explain('hotel', '2022-08-09T15:00:00Z'), 'stay', '08-10 00:00 JST');
    assert.equal(explain('hotel', '2022-08-15T14:59:00Z'), 'stay', '08-15 23:59 JST');
    assert.equal(explain('hotel', '2022-08-15T15:05:00Z'), null, '08-16 JST');
  });
  it('a follow-up centre during its assignment only', () => {
    assert.equal(explain('fc', '2022-08-13T00:00:00Z'), 'assignment');
    assert.equal(explain('fc', '2022-08-14T04:00:00Z'), null);
  });
  it('a related centre from when it was added', () => {
    assert.equal(explain('hc-c', '2022-08-11T01:00:00Z'), 'related_centre');
    assert.equal(explain('hc-c', '2022-08-10T01:00:00Z'), null);
  });
  it('the centre that registered the contact', () => {
    assert.equal(explain('hc-d', '2022-08-10T01:00:00Z'), 'contact_of_case');
  });
  it('prefers the responsible centre to a weaker relationship of the same organisation', () => {
    const both = [...relations, { orgId: B, kind: 'related' as const, from: null, until: null }];
    assert.equal(explainAccess({ actor: user(B), caseId: 'c', at: '2022-08-13T00:00:00Z', purpose: null }, { relations: both }), 'responsible_centre');
  });
  it('the case on the work list the user read within the hour before', () => {
    const facts = { workListAt: ['2022-08-20T00:00:00Z'] };
    assert.equal(explain('pref', '2022-08-20T00:30:00Z', facts), 'work_list');
    assert.equal(explain('pref', '2022-08-20T01:30:00Z', facts), null, 'too long after');
    assert.equal(explain('pref', '2022-08-19T23:50:00Z', facts), null, 'before the list');
  });
  it('a search then work on the case within minutes explains the reads between, a search alone does not', () => {
    const searched = { searchedAt: ['2022-08-20T00:00:00Z'] };
    assert.equal(explain('pref', '2022-08-20T00:05:00Z', searched), null);
    assert.equal(explain('pref', '2022-08-20T00:05:00Z', { ...searched, workAt: ['2022-08-20T00:10:00Z'] }), 'search_then_work');
    assert.equal(explain('pref', '2022-08-20T00:05:00Z', { ...searched, workAt: ['2022-08-20T00:45:00Z'] }), null, 'work too late');
    assert.equal(explain('pref', '2022-08-20T00:05:00Z', { ...searched, workAt: ['2022-08-20T00:02:00Z'] }), null, 'work before the read');
  });
  it('a typed purpose explains only when nothing else does', () => {
    assert.equal(explain('pref', '2022-08-20T00:00:00Z', {}, '電話照会'), 'purpose');
    assert.equal(explain(B, '2022-08-20T00:00:00Z', {}, '電話照会'), 'responsible_centre');
    assert.equal(explain('pref', '2022-08-20T00:00:00Z', {}, '  '), null);
  });
  it('an access under the user\'s break-the-glass grant is explained as such, only while the grant lasts (issue 14)', () => {
    const grants = [{ from: '2022-08-20T00:00:00Z', until: '2022-08-20T04:00:00Z' }];
    assert.equal(explain('er-hospital', '2022-08-20T01:00:00Z', { grants }), 'break_glass');
    assert.equal(explain('er-hospital', '2022-08-19T23:59:30Z', { grants }), 'break_glass', 'the request that made it');
    assert.equal(explain('er-hospital', '2022-08-19T23:55:00Z', { grants }), null, 'before the grant');
    assert.equal(explain('er-hospital', '2022-08-20T04:00:30Z', { grants }), 'break_glass', 'the request that ends it');
    assert.equal(explain('er-hospital', '2022-08-20T05:00:00Z', { grants }), null, 'after it expired or was ended');
    assert.equal(explain('er-hospital', '2022-08-20T01:00:00Z', { grants, workListAt: ['2022-08-20T00:30:00Z'] }), 'break_glass', 'before the weaker work-list reason');
    assert.equal(explain(B, '2022-08-20T01:00:00Z', { grants }), 'responsible_centre', 'a relationship of the organisation comes first');
  });
  it('an access during the helpdesk user\'s access the centre allowed is explained as helpdesk, only while it lasts (issue 14, Q&A 24)', () => {
    const helpdesk = [{ from: '2022-08-20T00:00:00Z', until: '2022-08-20T04:00:00Z' }];
    assert.equal(explain('mhlw', '2022-08-20T01:00:00Z', { helpdesk }), 'helpdesk');
    assert.equal(explain('mhlw', '2022-08-19T23:55:00Z', { helpdesk }), null, 'before it started');
    assert.equal(explain('mhlw', '2022-08-20T05:00:00Z', { helpdesk }), null, 'after it expired or was ended');
    assert.equal(explain('mhlw', '2022-08-20T01:00:00Z', { grants: helpdesk }), 'break_glass', 'a grant is not a helpdesk access');
  });
  it('the patient themselves, for their own cases only', () => {
    const facts = { relations };
    assert.equal(explainAccess({ actor: { kind: 'patient', caseIds: ['case-1'] }, caseId: 'case-1', at: '2022-08-20T00:00:00Z', purpose: null }, facts), 'patient_self');
    assert.equal(explainAccess({ actor: { kind: 'patient', caseIds: ['case-2'] }, caseId: 'case-1', at: '2022-08-20T00:00:00Z', purpose: null }, facts), null);
  });
  it('knows a relationship that had ended before the access', () => {
    assert.equal(relationEndedBefore(relations, A, '2022-08-13T00:00:00Z'), true);
    assert.equal(relationEndedBefore(relations, A, '2022-08-11T00:00:00Z'), false);
    assert.equal(relationEndedBefore(relations, 'pref', '2022-08-13T00:00:00Z'), false);
  });
});
