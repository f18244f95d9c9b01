// The rules between the fields of a leak-incident record (seed 004), each switched on alone.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedFields, incidentProblems, type IncidentFacts } from './incidents.ts';

const now = new Date('2026-06-01T00:00:00Z');
const ok: IncidentFacts = {
  occurredAt: '2026-05-01T10:00:00+09:00',
  discoveredAt: '2026-05-10T09:00:00+09:00',
  media: ['electronic'],
  mediaNote: null,
  secondaryDamage: 'unknown',
  secondaryDamageNote: null,
  status: 'open',
  reports: { prefecture: null, ministry: null, ppc: null },
  notifiedOn: null,
};
const codes = (f: Partial<IncidentFacts>) => incidentProblems({ ...ok, ...f }, now).map((p) => `${p.path.join('.')}:${p.code}`);

describe('leak-incident rules', () => {
  it('a complete open record has no problem', () => assert.deepEqual(codes({}), []));
  it('found before it happened is refused on discoveredAt (instants compared across offsets)', () => {
    assert.deepEqual(codes({ discoveredAt: '2026-05-01T00:59:00Z' }), ['discoveredAt:incident_discovered_before_occurred']);
    assert.deepEqual(codes({ discoveredAt: '2026-05-01T01:00:00Z' }), []);
  });
  it('no date in the future: found, happened, informed, reported', () => {
    assert.deepEqual(codes({ occurredAt: null, discoveredAt: '2026-06-02T00:00:00Z' }), ['discoveredAt:incident_in_future']);
    assert.deepEqual(codes({ notifiedOn: '2026-06-02' }), ['notifiedOn:incident_in_future']);
    assert.deepEqual(codes({ reports: { prefecture: null, ministry: '2026-06-02', ppc: null } }), ['reports.ministry:incident_in_future']);
  });
  it('"reported" needs a report with its date', () => {
    assert.deepEqual(codes({ status: 'reported' }), ['status:incident_reported_without_report']);
    assert.deepEqual(codes({ status: 'reported', reports: { prefecture: null, ministry: null, ppc: '2026-05-20' } }), []);
  });
  it('known secondary damage and an "other" medium must be described', () => {
    assert.deepEqual(codes({ secondaryDamage: 'known', secondaryDamageNote: '  ' }), ['secondaryDamageNote:incident_secondary_damage_note']);
    assert.deepEqual(codes({ media: ['other'] }), ['mediaNote:incident_media_other_note']);
    assert.deepEqual(codes({ media: ['other'], mediaNote: 'USB' }), []);
  });
  it('the history names the fields whose values changed, not those sent again unchanged', () => {
    assert.deepEqual(changedFields({ a: 1, b: [1, 2], c: 'x' }, { a: 1, b: [1, 3], c: undefined }), ['b']);
  });
});
