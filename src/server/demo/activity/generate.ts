// A month of staff activity, day by day, from the world it is given (world.ts): normal work
// (work.ts) and planted misuse (misuse.ts) as audit rows in time order. Pure and deterministic: the
// same world, start and seed give the same rows. It models behaviour (who works on what, when),
// not the access-review rules that later read the rows.
import { indexWorld, isoDay, shiftOf, type ActivityRow, type Shift } from './model.ts';
import { misuseRows, planMisuse, type MisusePlan } from './misuse.ts';
import { dayContext, normalWork } from './work.ts';
import type { ActivityWorld } from './world.ts';

export interface ActivityOptions {
  /** Midnight (Japan) of the month's first day. */
  start: Date;
  days: number;
  seed: string;
  /** How many users misuse their access in each of the six ways. */
  plantsPerKind: number;
}

export interface ActivityDay {
  d: number;
  /** The day in Japan, YYYY-MM-DD. */
  day: string;
  /** In time order. */
  rows: ActivityRow[];
}

export interface Activity {
  plans: MisusePlan[];
  /** Staff the generator gives work to (the denominator of "normal staff"). */
  staffIds: string[];
  days(): Generator<ActivityDay>;
}

export function generateActivity(world: ActivityWorld, options: ActivityOptions): Activity {
  const ix = indexWorld(world, options.start.getTime(), options.days, options.seed);
  const plans = planMisuse(ix, options.plantsPerKind);
  return {
    plans,
    staffIds: ix.staff.map((s) => s.id),
    *days() {
      for (let d = 0; d < options.days; d++) {
        const shifts = new Map<string, Shift | null>(ix.staff.map((s) => [s.id, shiftOf(ix, s, d)]));
        const rows = normalWork(ix, dayContext(ix, d, shifts));
        for (const p of plans) if (p.d === d) rows.push(...misuseRows(ix, p));
        // Stable: rows of one request keep their order.
        rows.sort((a, b) => a.at - b.at);
        yield { d, day: isoDay(ix.start + d * 86_400_000), rows };
      }
    },
  };
}
