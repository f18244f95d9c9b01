// Generates a month on the database's world and writes it, keeping the ground truth apart: which
// user misused their access on which day, how, and in which audit rows; and who the normal staff are.
import { generateActivity, type ActivityOptions } from './generate.ts';
import type { MisuseKind } from './model.ts';
import { loadActivityWorld } from './world.ts';
import { writeRows, type WriteMode } from './write.ts';
import type { Database } from '../../db/database.ts';

export interface PlantedMisuse {
  kind: MisuseKind;
  userId: string;
  loginId: string;
  /** The day in Japan, YYYY-MM-DD. */
  day: string;
  seqs: number[];
}

export interface GroundTruth {
  planted: PlantedMisuse[];
  /** Staff with work in the month and no planted misuse. */
  normalUserIds: string[];
}

export interface MonthWritten {
  rows: number;
  firstSeq: number;
  lastSeq: number;
  cases: number;
  staff: number;
  truth: GroundTruth;
}

const DAY = 86_400_000;

export async function writeActivityMonth(
  db: Database,
  options: ActivityOptions,
  mode: WriteMode,
  progress: (day: string, rows: number) => void = () => {},
): Promise<MonthWritten> {
  // Cases of the two weeks before the month are still followed in its first days.
  const world = await loadActivityWorld(db, new Date(options.start.getTime() - 14 * DAY), new Date(options.start.getTime() + options.days * DAY));
  const activity = generateActivity(world, options);
  const loginOf = new Map(world.users.map((u) => [u.id, u.loginId]));
  const planted = new Map<string, PlantedMisuse>();
  const active = new Set<string>();
  let rows = 0;
  let firstSeq = 0;
  let lastSeq = 0;
  for (const day of activity.days()) {
    const seqs = await writeRows(db, day.rows, mode);
    day.rows.forEach((r, i) => {
      active.add(r.userId);
      if (!r.misuse) return;
      const key = `${r.userId}|${day.day}`;
      const p = planted.get(key) ?? planted.set(key, { kind: r.misuse, userId: r.userId, loginId: loginOf.get(r.userId)!, day: day.day, seqs: [] }).get(key)!;
      p.seqs.push(seqs[i]);
    });
    if (seqs.length) {
      firstSeq ||= seqs[0];
      lastSeq = seqs.at(-1)!;
    }
    rows += seqs.length;
    progress(day.day, rows);
  }
  const misusers = new Set(activity.plans.map((p) => p.user.id));
  return {
    rows,
    firstSeq,
    lastSeq,
    cases: world.cases.length,
    staff: activity.staffIds.length,
    truth: { planted: [...planted.values()], normalUserIds: activity.staffIds.filter((id) => active.has(id) && !misusers.has(id)) },
  };
}
