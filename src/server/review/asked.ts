// The user an officer asked: "questions about your access" on their home screen, and their answer.
// They read only the officer's question and their own answer (app_my_review_questions), never the
// alert's evidence or rules; the answer is kept as the alert's 'answer' action and the alert becomes
// 'answered' (app_answer_review_question, migration 0026). Any signed-in user may have questions.
import type { RequestContext } from '../access/actor.ts';
import { audit } from '../audit/audit.ts';
import type { Database } from '../db/database.ts';
import { AppError } from '../errors.ts';
import * as repo from './repo.ts';
import { iso } from './view.ts';

export async function myReviewQuestions(db: Database, ctx: RequestContext) {
  return db.asActor(ctx.actor, async (tx) => {
    const found = await repo.myQuestions(tx);
    return {
      questions: found.map((q) => ({ alertId: q.alert_id, askedAt: iso(q.asked_at)!, question: q.question, answeredAt: iso(q.answered_at), answer: q.answer })),
    };
  });
}

export async function answerReviewQuestion(db: Database, ctx: RequestContext, alertId: string, answer: string) {
  return db.asActor(ctx.actor, async (tx) => {
    if (!(await repo.answer(tx, alertId, answer))) throw new AppError(409, 'review_question_closed');
    await audit(tx, ctx, { action: 'access_review.answer', recordType: 'review_alert', recordIds: [alertId] });
    const q = (await repo.myQuestions(tx)).find((r) => r.alert_id === alertId)!;
    return { alertId, askedAt: iso(q.asked_at)!, question: q.question, answeredAt: iso(q.answered_at), answer: q.answer };
  });
}
