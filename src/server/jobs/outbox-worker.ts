// Delivers the outbox over SMTP (nodemailer). A message is leased for a while, sent outside any
// transaction (PGlite has one connection; SMTP can be slow), then marked sent, or scheduled again
// with a growing delay. Several processes can run workers at once: leases keep them apart.
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import nodemailer from 'nodemailer';
import type { Config } from '../config.ts';
import { rows, type Database } from '../db/database.ts';
import { outbox } from '../db/schema.ts';
import { loggable } from '../http/error-handler.ts';
import type { Email } from '../mail/outbox.ts';

/** What the worker needs of a mail transport; nodemailer's transporter is one. */
export interface MailTransport {
  sendMail(message: Email & { from: string }): Promise<unknown>;
}

export function smtpTransport(config: Config): MailTransport | null {
  return config.SMTP_URL ? nodemailer.createTransport(config.SMTP_URL) : null;
}

/** 30 s after the first failure, doubling, at most an hour: a mail server may be down for a while. */
export const retryDelaySeconds = (attempts: number) => Math.min(30 * 2 ** Math.max(attempts - 1, 0), 3600);

const LEASE_SECONDS = 120;

export async function deliverDue(db: Database, transport: MailTransport, from: string, batch = 20) {
  const due = await db.asSystem((tx) =>
    rows<{ id: string; payload: Email; attempts: number }>(
      tx,
      sql`UPDATE outbox SET leased_until = now() + make_interval(secs => ${LEASE_SECONDS})
          WHERE id IN (SELECT id FROM outbox
                       WHERE sent_at IS NULL AND next_attempt_at <= now()
                         AND (leased_until IS NULL OR leased_until < now())
                       ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
          RETURNING id, payload, attempts`,
    ),
  );
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    try {
      await transport.sendMail({ from, ...message.payload });
      await db.asSystem((tx) =>
        tx
          .update(outbox)
          .set({ sentAt: new Date(), leasedUntil: null, attempts: message.attempts + 1, lastError: null })
          .where(eq(outbox.id, message.id)),
      );
      sent++;
    } catch (err) {
      const attempts = message.attempts + 1;
      await db.asSystem((tx) =>
        tx
          .update(outbox)
          .set({
            attempts,
            leasedUntil: null,
            nextAttemptAt: new Date(Date.now() + retryDelaySeconds(attempts) * 1000),
            lastError: String((err as Error).message ?? err).slice(0, 500),
          })
          .where(eq(outbox.id, message.id)),
      );
      failed++;
    }
  }
  return { sent, failed };
}

/** Runs deliverDue every few seconds; without SMTP_URL, e-mails wait in the outbox. */
export function startOutboxWorker(db: Database, config: Config, log: FastifyBaseLogger, everyMs = 5000) {
  const transport = smtpTransport(config);
  if (!transport) {
    log.warn('SMTP_URL is not set: e-mails wait in the outbox until a mail server is configured');
    return { stop() {} };
  }
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const { sent, failed } = await deliverDue(db, transport, config.MAIL_FROM);
      if (sent || failed) log.info({ sent, failed }, 'outbox delivered');
    } catch (err) {
      log.error({ err: loggable(err) }, 'outbox worker failed');
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
