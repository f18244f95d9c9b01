// `hersys demo activity`: a month of staff work on the demo world, ending yesterday, with planted
// misuse for the privacy officers' queue. A few more staff (named, with their roles; contractor
// staff at the follow-up centre) and a few hundred cases make something to review; every row goes
// through audit_append(), so `hersys audit verify` still passes. Once per database.
import { sql } from 'drizzle-orm';
import { japanToday } from '../../../domain/calendar.ts';
import { DEFAULT_WINDOWS } from '../../../domain/access-review/explanations.ts';
import { audit } from '../../audit/audit.ts';
import { rows, type Database } from '../../db/database.ts';
import { writeActivityMonth, type GroundTruth } from './month.ts';
import { explainAll, raiseAll } from './review-jobs.ts';
import { addActivityWorld } from './setup.ts';

const DAY = 86_400_000;

export interface DemoActivity {
  days: number;
  staffAdded: number;
  casesAdded: number;
  rows: number;
  truth: GroundTruth;
  review: { explained: number; unexplained: number; alerts: number };
}

export async function addDemoActivity(db: Database, options: { days: number; seed?: string; now?: Date }): Promise<DemoActivity | null> {
  const now = options.now ?? new Date();
  const seed = options.seed ?? 'demo';
  const [{ done }] = await db.asSystem((tx) => rows<{ done: boolean }>(tx, sql`SELECT EXISTS (SELECT 1 FROM audit_log WHERE action = 'demo.activity') AS done`));
  if (done) return null;
  const centres = await db.asSystem((tx) => rows<{ id: string }>(tx, sql`SELECT id FROM organizations WHERE kind = 'health_center' ORDER BY code`));
  if (centres.length === 0) throw new Error('The database has no health centres: seed the demo world first (hersys seed-demo).');
  const start = new Date(Date.parse(`${japanToday(now)}T00:00:00+09:00`) - options.days * DAY);
  const world = await addActivityWorld(db, {
    centreIds: centres.map((c) => c.id),
    start,
    days: options.days,
    seed,
    casesPerCentrePerDay: 6,
    hcStaffPerCentre: 4,
    doctorsPerInstitution: 2,
    prefectureStaff: 2,
    facilityStaff: 2,
    followupStaff: 4,
    contractorStaff: 2,
    plantsPerKind: 1,
  });
  const month = await writeActivityMonth(db, { start, days: options.days, seed, plantsPerKind: 1 }, 'chain');
  await db.asSystem((tx) =>
    audit(tx, { actor: null, clientAddr: null }, {
      action: 'demo.activity',
      details: { days: options.days, staff: world.users, cases: world.cases, rows: month.rows, planted: month.truth.planted.length },
    }),
  );
  // The job leaves the last half hour for searches still to be followed by work; the demo world
  // seeded a minute ago is settled, so both jobs run as of the end of that window (else the seed's
  // rows, the newest in time but the oldest in the log, would hold the month back until then).
  const settled = new Date(now.getTime() + DEFAULT_WINDOWS.searchWorkMinutes * 60_000 + 1000);
  const explained = await explainAll(db, settled);
  const raised = await raiseAll(db, settled);
  return {
    days: options.days,
    staffAdded: world.users,
    casesAdded: world.cases,
    rows: month.rows,
    truth: month.truth,
    review: { explained: explained.accesses - explained.unexplained, unexplained: explained.unexplained, alerts: raised.alerts },
  };
}
