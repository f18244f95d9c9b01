// The demo world's permission reviews, so that a newcomer sees both sides right after `npm start`:
// Shinjuku's review is open and due in ten days (shinjuku-admin works it); Nakano's, which has no
// administrator of its own, is six days overdue, so the first job run escalates it to Tokyo, whose
// administrator (tokyo-admin) sees the notice, gets the e-mail and can decide in its place.
import { sql } from 'drizzle-orm';
import { DEFAULT_REVIEW_MONTHS, addMonths } from '../../domain/privacy/permission-reviews.ts';
import type { Tx } from '../db/database.ts';
import * as repo from './repo.ts';

const DAY = 86_400_000;

export async function seedPermissionReviews(tx: Tx, orgIds: Record<string, string>, now = new Date()): Promise<void> {
  const open = async (orgKey: string, openedDaysAgo: number, dueInDays: number) => {
    const openedAt = new Date(now.getTime() - openedDaysAgo * DAY);
    const c = await repo.insertCampaign(tx, {
      orgId: orgIds[orgKey],
      periodStart: addMonths(openedAt, -DEFAULT_REVIEW_MONTHS),
      openedAt,
      dueAt: new Date(now.getTime() + dueInDays * DAY),
    });
    if (c) await repo.insertItems(tx, c);
  };
  await open('shinjuku-hc', 4, 10);
  await open('nakano-hc', 20, -6);
  // Where Tokyo's escalation e-mail goes (fictional address).
  await tx.execute(sql`UPDATE users SET email = 'tokyo-admin@example.jp' WHERE login_id = 'tokyo-admin' AND email IS NULL`);
}
