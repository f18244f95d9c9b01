// Administrators read and answer patients' questions about their organisation's accesses (issue 11).
import { requirePermission, type RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError, notFound } from '../errors.ts';
import * as repo from './repo.ts';

const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());

const toQuestion = (r: Record<string, any>) => ({
  id: r.id as string,
  askedAt: iso(r.asked_at)!,
  question: r.question as string,
  access: { seq: Number(r.audit_seq), at: iso(r.at) ?? iso(r.asked_at)!, action: (r.action ?? '') as string, userId: (r.actor_user_id ?? null) as string | null, purpose: (r.purpose ?? null) as string | null },
  answeredAt: iso(r.answered_at),
  answer: (r.answer ?? null) as string | null,
});

export async function listQuestions(db: Database, ctx: RequestContext) {
  requirePermission(ctx.actor, 'access_questions.answer');
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.questionsForAdmin(tx);
    await audit(tx, ctx, { action: 'access_questions.list', recordType: 'access_question', recordIds: found.map((q) => q.id) });
    return { questions: found.map(toQuestion) };
  });
}

export async function answerQuestion(db: Database, ctx: RequestContext, id: string, answer: string) {
  requirePermission(ctx.actor, 'access_questions.answer');
  return db.asActor(ctx.actor, async (tx) => {
    const done = await repo.answerQuestion(tx, id, answer, ctx.actor.userId);
    if (!done) {
      const all = await repo.questionsForAdmin(tx);
      if (!all.some((q) => q.id === id)) throw notFound();
      throw new AppError(409, 'question_answered');
    }
    await audit(tx, ctx, { action: 'access_questions.answer', recordType: 'access_question', recordIds: [id] });
    const q = (await repo.questionsForAdmin(tx)).find((r) => r.id === id)!;
    return toQuestion(q);
  });
}
