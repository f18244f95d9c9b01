// How long PostgreSQL takes to plan each statement of a notification flow under row-level security.
// Policies that refer to other tables under policies (persons → cases, contacts → exposures → cases)
// are expanded into the plan of every statement that touches them; the target is that each plans in
// well under a millisecond, so that even an unprepared statement costs little more than its work.
//
// One flow (register, draft, submit) runs through the API in this process while the driver's
// statements are recorded; each is then planned again with EXPLAIN (SUMMARY) — as the owner for the
// session check, as the doctor under hersys_app for the rest — and the median of 5 is reported.
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { hashPassword } from '../src/server/auth/passwords.ts';
import { actorSettings } from '../src/server/db/database.ts';
import { credentials, users } from '../src/server/db/schema.ts';
import { seedDemoIfEmpty } from '../src/server/demo/seed.ts';
import { loadActor } from '../src/server/auth/session-repo.ts';
import { firstLogin } from '../test/harness/http-client.ts';
import { serve, type BenchTarget } from './engines.ts';
import { flow } from './flow.ts';

export interface PlanRow {
  statement: string;
  planningMs: number;
  /** The same statement planned as the owner, outside row-level security: what the policies add is the difference. */
  ownerMs: number;
}

const RUNS = 5;

export async function planning(target: BenchTarget): Promise<PlanRow[]> {
  await seedDemoIfEmpty(target.db);
  const [org] = await target.query<{ id: string }>("SELECT id FROM organizations WHERE code = 'sakura-clinic'");
  const loginId = `plan-${randomUUID().slice(0, 8)}`;
  const password = `Bench-dr-${randomUUID().slice(0, 13)}`;
  const userId = await target.db.asSystem(async (tx) => {
    const [u] = await tx.insert(users).values({ orgId: org.id, loginId, displayName: '医師', roles: ['doctor'] }).returning({ id: users.id });
    await tx.insert(credentials).values({ userId: u.id, passwordHash: await hashPassword(password), mustChangePassword: true });
    return u.id;
  });
  const actor = (await target.db.asSystem((tx) => loadActor(tx, userId)))!;

  const app = await serve(target);
  const recorded: { text: string; values: unknown[] }[] = [];
  try {
    const client = await firstLogin(app.url, loginId, password);
    await flow(client); // warm: statements named, caches filled
    target.db.stats.onStatement = (text, values) => recorded.push({ text, values });
    await flow(client);
  } finally {
    target.db.stats.onStatement = undefined;
    await app.close();
  }

  const results: PlanRow[] = [];
  for (const { text, values } of recorded) {
    if (/^(BEGIN|COMMIT|ROLLBACK)/i.test(text.trim())) continue;
    const asOwner = /FROM sessions s/.test(text);
    const plan = async (underRls: boolean) => {
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const explained = await target.db.asSystem(async (tx) => {
          if (underRls) await tx.execute(actorSettings(actor));
          const client = (tx as unknown as { $client: pg.PoolClient }).$client;
          return (await client.query(`EXPLAIN (SUMMARY, FORMAT JSON) ${text}`, values)).rows[0]['QUERY PLAN'] as { 'Planning Time': number }[];
        });
        times.push(explained[0]['Planning Time']);
      }
      return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
    };
    results.push({ statement: text.replace(/\s+/g, ' ').replace(/"/g, '').slice(0, 70), planningMs: await plan(!asOwner), ownerMs: await plan(false) });
  }
  return results;
}

export function planningTable(target: BenchTarget, results: PlanRow[]): string {
  const worst = Math.max(...results.map((r) => r.planningMs));
  return [
    `### ${target.engine}: planning time of each statement of a notification flow (median of ${RUNS})`,
    '',
    '| statement | planning as the actor (ms) | as the owner, no RLS (ms) |',
    '|---|---:|---:|',
    ...results.map((r) => `| \`${r.statement}…\` | ${r.planningMs.toFixed(3)} | ${r.ownerMs.toFixed(3)} |`),
    `| **slowest** | **${worst.toFixed(3)}** | |`,
  ].join('\n');
}
