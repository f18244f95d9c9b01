// The permission reviews' job (scheduler and `hersys jobs run`): opens each organisation's campaign
// when it is due, completes campaigns whose remaining IDs need no decision any more (suspended as
// unused meanwhile), and escalates overdue ones to the issuing organisation with an e-mail that
// names organisations and counts only. Safe from several processes at once: the open-campaign
// unique index and the escalating UPDATE decide.
import { campaignComplete, campaignDue, dueAt, escalationEmail, itemSettled, periodStart } from '../../domain/privacy/permission-reviews.ts';
import { japanToday } from '../../domain/calendar.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import * as repo from './repo.ts';

const SYSTEM = { actor: null, clientAddr: null };
const dateOrNull = (d: Date | string | null) => (d === null ? null : new Date(d));

export async function openDueCampaigns(db: Database, now: Date): Promise<number> {
  const orgs = await db.asSystem((tx) => repo.organizationsToReview(tx));
  let opened = 0;
  // One short transaction per organisation: PGlite has one connection (DESIGN.md §2a).
  for (const o of orgs) {
    const lastOpenedAt = dateOrNull(o.last_opened_at);
    const last = lastOpenedAt ? { openedAt: lastOpenedAt, completedAt: dateOrNull(o.last_completed_at) } : null;
    if (!campaignDue(last, o.months, now)) continue;
    const done = await db.asSystem(async (tx) => {
      const c = await repo.insertCampaign(tx, { orgId: o.id, periodStart: periodStart(lastOpenedAt, now, o.months), openedAt: now, dueAt: dueAt(now) });
      if (!c) return false;
      const ids = await repo.insertItems(tx, c);
      await audit(tx, SYSTEM, { action: 'permission_reviews.open', recordType: 'permission_review', recordIds: [c.id], details: { orgId: o.id, ids } });
      return true;
    });
    if (done) opened++;
  }
  return opened;
}

export async function completeSettled(db: Database, now: Date): Promise<number> {
  return db.asSystem(async (tx) => {
    const open = await repo.openCampaigns(tx);
    if (!open.length) return 0;
    const states = await repo.itemStates(tx, open.map((c) => c.id));
    let completed = 0;
    for (const c of open) {
      const mine = states.filter((s) => s.campaign_id === c.id).map((s) => ({ decision: s.decision, userStatus: s.status }));
      if (!campaignComplete(mine) || !(await repo.completeCampaign(tx, c.id, now))) continue;
      await audit(tx, SYSTEM, { action: 'permission_reviews.complete', recordType: 'permission_review', recordIds: [c.id], details: { orgId: c.orgId } });
      completed++;
    }
    return completed;
  });
}

export async function escalateOverdueCampaigns(db: Database, now: Date, publicUrl: string): Promise<number> {
  return db.asSystem(async (tx) => {
    const escalated = await repo.escalateOverdue(tx, now);
    if (!escalated.length) return 0;
    const states = await repo.itemStates(tx, escalated.map((c) => c.id));
    for (const c of escalated) {
      const pending = states.filter((s) => s.campaign_id === c.id && !itemSettled({ decision: s.decision, userStatus: s.status })).reduce((n, s) => n + s.n, 0);
      const to = c.escalated_to ? await repo.escalationAddresses(tx, c.escalated_to) : [];
      const mail = escalationEmail({
        orgNameJa: c.name_ja,
        orgNameEn: c.name_en,
        dueOn: japanToday(new Date(c.due_at)),
        pending,
        url: `${publicUrl.replace(/\/$/, '')}/admin/permission-reviews/${c.id}`,
      });
      for (const address of to) enqueueEmail(tx, { to: address, ...mail });
      await audit(tx, SYSTEM, {
        action: 'permission_reviews.escalate',
        recordType: 'permission_review',
        recordIds: [c.id],
        details: { orgId: c.org_id, escalatedTo: c.escalated_to, pending, emails: to.length },
      });
    }
    return escalated.length;
  });
}

export async function runPermissionReviews(db: Database, options: { publicUrl: string; now?: Date }) {
  const now = options.now ?? new Date();
  const opened = await openDueCampaigns(db, now);
  const completed = await completeSettled(db, now);
  const escalated = await escalateOverdueCampaigns(db, now, options.publicUrl);
  return { opened, completed, escalated };
}
