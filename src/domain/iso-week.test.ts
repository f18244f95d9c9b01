import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from './contacts.ts';
import { addWeeks, isoWeekOf, parseWeekKey, weekEnd, weekKey, weeksIn, weekStart } from './iso-week.ts';

describe('ISO weeks', () => {
  it('puts the turn of the year where ISO 8601 does', () => {
    assert.deepEqual(isoWeekOf('2021-01-03'), { year: 2020, week: 53 });
    assert.deepEqual(isoWeekOf('2021-01-04'), { year: 2021, week: 1 });
    assert.deepEqual(isoWeekOf('2024-12-30'), { year: 2025, week: 1 });
    assert.deepEqual(isoWeekOf('2026-12-04'), { year: 2026, week: 49 });
    assert.equal(weeksIn(2020), 53);
    assert.equal(weeksIn(2026), 53);
    assert.equal(weeksIn(2025), 52);
  });

  it('starts a week on Monday and ends it on Sunday', () => {
    assert.equal(weekStart({ year: 2026, week: 49 }), '2026-11-30');
    assert.equal(weekEnd({ year: 2026, week: 49 }), '2026-12-06');
    assert.equal(weekStart({ year: 2020, week: 53 }), '2020-12-28');
  });

  it('keys weeks as ISO 8601 writes them, and reads only real ones back', () => {
    assert.equal(weekKey({ year: 2026, week: 9 }), '2026-W09');
    assert.deepEqual(parseWeekKey('2026-W53'), { year: 2026, week: 53 });
    assert.equal(parseWeekKey('2025-W53'), null);
    assert.equal(parseWeekKey('2026-W00'), null);
    assert.equal(parseWeekKey('2026-49'), null);
  });

  it('every day lies in its week, and weeks follow one another', () => {
    const day = fc.integer({ min: 0, max: 365 * 60 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, (d) => {
        const w = isoWeekOf(d);
        assert.ok(weekStart(w) <= d && d <= weekEnd(w));
        assert.deepEqual(parseWeekKey(weekKey(w)), w);
        assert.deepEqual(addWeeks(addWeeks(w, 1), -1), w);
        assert.equal(addWeeks(w, 1).week === 1 ? addWeeks(w, 1).year : w.year, isoWeekOf(addDays(weekEnd(w), 1)).year);
      }),
    );
  });
});
