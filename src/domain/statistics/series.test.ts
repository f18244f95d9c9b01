import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { average7, daysBetween, levels, weekOnWeek } from './series.ts';

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
