// The compliance report's arithmetic and its period in Japan time.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMPLIANCE_SECTIONS, complianceMethods, percent, periodBounds, periodDays, templateLabel } from './compliance.ts';

describe('compliance report rules', () => {
  it('a share is a percent with one decimal, none of nothing', () => {
    assert.equal(percent(1, 3), 33.3);
    assert.equal(percent(2, 3), 66.7);
    assert.equal(percent(0, 0), null);
  });
  it('a period is whole days in Japan time, the last day included', () => {
    const { since, until } = periodBounds('2026-05-01', '2026-05-31');
    assert.equal(since.toISOString(), '2026-04-30T15:00:00.000Z');
    assert.equal(until.toISOString(), '2026-05-31T15:00:00.000Z');
    assert.equal(periodDays('2026-05-01', '2026-05-31'), 31);
  });
  it('every section says how it was checked, in both languages, with the unused-ID days', () => {
    const methods = complianceMethods(45);
    for (const s of COMPLIANCE_SECTIONS) assert.ok(methods[s].ja && methods[s].en, s);
    assert.match(methods.permissions.en, /unused for 45 days/);
  });
  it('an explanation template without a label shows as its id', () => {
    assert.equal(templateLabel('responsible_centre', 'ja'), '担当保健所の職員（当時の担当）');
    assert.equal(templateLabel('new_template', 'en'), 'new_template');
  });
});
