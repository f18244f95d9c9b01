import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { accessWhat, accessWhy, type CaseRelation } from './access-explanation.ts';

const hotel = 'org-hotel';
const relations: CaseRelation[] = [
  { orgId: 'org-hc', kind: 'responsible', from: null, until: null },
  { orgId: hotel, kind: 'stay', from: '2022-08-10', until: '2022-08-15' },
];

describe('who opened my record: why', () => {
  it('quotes the purpose the user gave', () => {
    assert.match(accessWhy({ at: '2022-08-12T01:00:00Z', orgId: 'x', purpose: '電話照会' }, relations).ja, /電話照会/);
  });
  it('explains a hotel access by the stay only during the stay', () => {
    assert.match(accessWhy({ at: '2022-08-12T01:00:00Z', orgId: hotel, purpose: null }, relations).en, /hotel/);
    assert.match(accessWhy({ at: '2022-08-20T01:00:00Z', orgId: hotel, purpose: null }, relations).en, /No work relationship/);
  });
  it('prefers the responsible centre to a weaker relationship of the same organisation', () => {
    const both: CaseRelation[] = [...relations, { orgId: 'org-hc', kind: 'related', from: null, until: null }];
    assert.match(accessWhy({ at: '2022-08-12T01:00:00Z', orgId: 'org-hc', purpose: null }, both).en, /responsible/);
  });
  it('says what was opened by the area of the action', () => {
    assert.match(accessWhat('notifications.read').en, /notification/);
    assert.match(accessWhat('something.else').en, /Worked on your record/);
  });
});
