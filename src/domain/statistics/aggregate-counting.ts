// How a daily aggregate report (日次報告) counts. Its positives were diagnosed on the report's day
// and were not notified individually, so they add to new cases beside the notified ones under a
// classification of their own ('aggregate'): a day's total is notified + aggregate and no person is
// in both (the institution leaves its notified cases out; overlap.ts flags the days where it may
// not have). They have no onset date and are not followed, so they add to no load.
import type { AgeBand } from './age-bands.ts';
import { UNKNOWN_MUNICIPALITY, type Contribution } from './case-counting.ts';
import { sexOf, type Sex } from './sexes.ts';

/** The classification the aggregates count under, beside the notification's classifications. */
export const AGGREGATE = 'aggregate';

export interface AggregateCell {
  ageBand: AgeBand;
  /** Null when the form version does not ask sex. */
  sex: 'male' | 'female' | null;
  n: number;
}

export interface AggregateCount {
  classification: typeof AGGREGATE;
  ageBand: AgeBand;
  sex: Sex;
  /** Reports say nothing of where the positives live. */
  municipality: typeof UNKNOWN_MUNICIPALITY;
  contributions: Contribution[];
}

/** One count per non-empty cell of a report of `day`. */
export function countAggregate(day: string, cells: readonly AggregateCell[]): AggregateCount[] {
  return cells
    .filter((c) => c.n > 0)
    .map((c) => ({
      classification: AGGREGATE,
      ageBand: c.ageBand,
      sex: sexOf(c.sex),
      municipality: UNKNOWN_MUNICIPALITY,
      contributions: [
        ['reported', day, c.n],
        ['diagnosed', day, c.n],
        ['onset_unknown', day, c.n],
      ],
    }));
}
