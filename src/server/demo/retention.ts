// The demo world's old cases (issue 14, retention): a small wave in Shinjuku six years ago, every
// case released (or dead) long since, so `npm run hersys -- retention run --dry-run` lists them at
// once and the retention screen counts them as due. Only for `npm start`, not the tests' world.
import { addDays } from '../../domain/contacts.ts';
import { addYears, DEFAULT_RETENTION_YEARS } from '../../domain/privacy/retention.ts';
import { rows, type Database } from '../db/database.ts';
import { sql } from 'drizzle-orm';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { generateEpidemic } from './epidemic.ts';

export async function addDemoOldCases(db: Database, world: { orgIds: Record<string, string> }, today: string): Promise<number> {
  const from = addDays(addYears(today, -(DEFAULT_RETENTION_YEARS + 1)), -90);
  const [staff] = await db.asSystem((tx) => rows<{ id: string; display_name: string }>(tx, sql`SELECT id, display_name FROM users WHERE login_id = 'shinjuku-h1'`));
  const { cases } = await generateEpidemic(db, {
    areas: [{ prefectureId: world.orgIds['tokyo'], hcId: world.orgIds['shinjuku-hc'], institutionId: world.orgIds['sakura-clinic'], weight: 1, residences: ['東京都新宿区'] }],
    from,
    days: 30,
    cases: 40,
    // Every status up to two months after the wave: all released or dead, none left open.
    today: addDays(from, 90),
    staff: { id: staff.id, name: staff.display_name, orgName: '新宿区保健所' },
  });
  await refreshAllCounts(db);
  return cases;
}
