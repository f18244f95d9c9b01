import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countAggregate } from './aggregate-counting.ts';

describe('countAggregate', () => {
  it('adds each non-empty cell to new cases by report and diagnosis date, with the onset unknown', () => {
    const counts = countAggregate('2022-10-03', [
      { ageBand: '20s', sex: null, n: 4 },
      { ageBand: '30s', sex: null, n: 0 },
      { ageBand: '40s', sex: 'female', n: 1 },
    ]);
    assert.deepEqual(counts, [
      { classification: 'aggregate', ageBand: '20s', sex: 'unknown', municipality: 'unknown', contributions: [['reported', '2022-10-03', 4], ['diagnosed', '2022-10-03', 4], ['onset_unknown', '2022-10-03', 4]] },
      { classification: 'aggregate', ageBand: '40s', sex: 'female', municipality: 'unknown', contributions: [['reported', '2022-10-03', 1], ['diagnosed', '2022-10-03', 1], ['onset_unknown', '2022-10-03', 1]] },
    ]);
  });

  it('adds nothing to any load: aggregated positives are not followed', () => {
    const measures = countAggregate('2022-10-03', [{ ageBand: '50s', sex: null, n: 9 }]).flatMap((c) => c.contributions.map(([m]) => m));
    assert.ok(measures.every((m) => !m.startsWith('load_')));
  });
});
