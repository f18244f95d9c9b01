import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { addDays } from '../contacts.ts';
import { average7, daysBetween, levels, monthsAndDays, weekOnWeek } from './series.ts';

describe('daily series', () => {
  it('list every day of a period, across a month end', () => {
    assert.deepEqual(daysBetween('2022-07-30', '2022-08-02'), ['2022-07-30', '2022-07-31', '2022-08-01', '2022-08-02']);
  });
  it('average the last seven days, and compare them with the seven before', () => {
    const v = [1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2];
    assert.equal(average7(v, 5), null);
    assert.equal(average7(v, 6), 1);
    assert.equal(average7(v, 13), 2);
    assert.equal(weekOnWeek(v, 12), null);
    assert.equal(weekOnWeek(v, 13), 2);
    assert.equal(weekOnWeek([...Array(7).fill(0), ...Array(7).fill(3)], 13), null); // none the week before
  });
  it('turn flows into levels from a starting level', () => {
    assert.deepEqual(levels(5, [1, 0, -2, 3]), [6, 6, 4, 7]);
  });
});

describe('monthsAndDays', () => {
  it('cuts a period into whole months and the days at either end', () => {
    assert.deepEqual(monthsAndDays('2020-01-16', '2023-05-07'), { months: ['2020-02-01', '2023-05-01'], days: [['2020-01-16', '2020-01-31'], ['2023-05-01', '2023-05-07']] });
    assert.deepEqual(monthsAndDays('2022-03-01', '2022-04-30'), { months: ['2022-03-01', '2022-05-01'], days: [] });
    assert.deepEqual(monthsAndDays('2022-03-05', '2022-03-20'), { months: null, days: [['2022-03-05', '2022-03-20']] });
    assert.deepEqual(monthsAndDays('2022-01-31', '2022-03-01'), { months: ['2022-02-01', '2022-03-01'], days: [['2022-01-31', '2022-01-31'], ['2022-03-01', '2022-03-01']] });
    assert.deepEqual(monthsAndDays('2022-03-05', '2022-03-04'), { months: null, days: [] });
  });

  it('covers every day of the period exactly once', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 800 }), (start, length) => {
        const from = addDays('2019-12-01', start);
        const to = addDays(from, length);
        const { months, days } = monthsAndDays(from, to);
        const covered = days.flatMap(([a, b]) => daysBetween(a, b));
        if (months) covered.push(...daysBetween(months[0], addDays(months[1], -1)));
        assert.deepEqual(covered.sort(), daysBetween(from, to));
        if (months) assert.ok(months[0].endsWith('-01') && months[1].endsWith('-01'));
      }),
    );
  });
});
