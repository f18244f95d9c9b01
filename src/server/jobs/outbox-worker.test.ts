// E-mail goes through the outbox: written with the work, delivered over real SMTP, kept and
// retried while the mail server is down, never sent twice by two workers.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { actorFor } from '../../../test/harness/actors.ts';
import { ENGINES, freshDatabase, type TestDatabase } from '../../../test/harness/engines.ts';
import { startSmtp, type TestSmtp } from '../../../test/harness/smtp.ts';
import { pgErrorCode, rows } from '../db/database.ts';
import { enqueueEmail } from '../mail/outbox.ts';
import { deliverDue, retryDelaySeconds } from './outbox-worker.ts';

const FROM = 'hersys <no-reply@hersys.test>';
const message = { to: 'hc-shinjuku@example.jp', subject: '発生届が提出されました（スマホ入力ID: ABCDEFGH23）', text: '新宿区保健所 御中\n発生届を確認してください。\nhttp://localhost:3000/cases/ABCDEFGH23' };

describe('retryDelaySeconds', () => {
  it('starts at 30 s, doubles, and stops growing at an hour', () => {
    assert.deepEqual([1, 2, 3, 8, 20].map(retryDelaySeconds), [30, 60, 120, 3600, 3600]);
  });
});

for (const engine of ENGINES) {
  describe(`outbox (${engine})`, () => {
    let t: TestDatabase;
    let smtp: TestSmtp;
    before(async () => {
      t = await freshDatabase(engine);
      smtp = await startSmtp();
    });
    after(async () => {
      await smtp.close();
      await t.close();
    });
    const transport = () => nodemailer.createTransport(smtp.url);
    const enqueueAs = async (loginId: string) => {
      const actor = await actorFor(t.db, loginId);
      await t.db.asActor(actor, async (tx) => enqueueEmail(tx, message));
    };

    it('delivers what a user transaction enqueued, in Japanese, to the real SMTP server', async () => {
      await enqueueAs('sakura-dr1');
      assert.deepEqual(await deliverDue(t.db, transport(), FROM), { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, 1);
      assert.deepEqual(smtp.received[0].to, ['hc-shinjuku@example.jp']);
      assert.equal(smtp.received[0].subject, message.subject);
      assert.equal(smtp.received[0].text.trim(), message.text);
      assert.deepEqual(await deliverDue(t.db, transport(), FROM), { sent: 0, failed: 0 }, 'sent once');
    });

    it('enqueues nothing when the work rolls back', async () => {
      const actor = await actorFor(t.db, 'sakura-dr1');
      await assert.rejects(
        t.db.asActor(actor, async (tx) => {
          await enqueueEmail(tx, message);
          throw new Error('the work failed');
        }),
      );
      const pending = await t.superuser('SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL');
      assert.equal(pending.rows[0].n, 0);
    });

    it('keeps the message while the mail server is down and delivers it when it is back', async () => {
      const down = await startSmtp();
      const downPort = down.port;
      await down.close(); // nothing listens there now
      await enqueueAs('sakura-dr1');
      const before = smtp.received.length;
      const failed = await deliverDue(t.db, nodemailer.createTransport(`smtp://127.0.0.1:${downPort}`), FROM);
      assert.deepEqual(failed, { sent: 0, failed: 1 });
      const row = (await t.superuser('SELECT attempts, last_error, next_attempt_at > now() AS later FROM outbox WHERE sent_at IS NULL')).rows[0];
      assert.equal(row.attempts, 1);
      assert.ok(row.last_error);
      assert.equal(row.later, true, 'retried later, not at once');
      assert.deepEqual(await deliverDue(t.db, transport(), FROM), { sent: 0, failed: 0 }, 'not before its time');
      await t.superuser('UPDATE outbox SET next_attempt_at = now() WHERE sent_at IS NULL');
      assert.deepEqual(await deliverDue(t.db, transport(), FROM), { sent: 1, failed: 0 });
      assert.equal(smtp.received.length, before + 1);
      const sent = (await t.superuser('SELECT attempts FROM outbox ORDER BY created_at DESC LIMIT 1')).rows[0];
      assert.equal(sent.attempts, 2);
    });

    it('two workers at once send each message once', async () => {
      for (let i = 0; i < 6; i++) await enqueueAs('midori-dr1');
      const before = smtp.received.length;
      const [a, b] = await Promise.all([deliverDue(t.db, transport(), FROM), deliverDue(t.db, transport(), FROM)]);
      assert.equal(a.sent + b.sent, 6);
      assert.equal(smtp.received.length, before + 6);
    });

    it('the application role may enqueue but not read or change the outbox', async () => {
      const actor = await actorFor(t.db, 'shinjuku-h1');
      await assert.rejects(t.db.asActor(actor, (tx) => rows(tx, sql`SELECT * FROM outbox`)), (e) => pgErrorCode(e) === '42501');
    });
  });
}
