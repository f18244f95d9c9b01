// Delivers the outbox: e-mail over SMTP (nodemailer), SMS through the configured transport (sms/sms.ts). A message is leased for a while, sent outside any
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
import { smsTransport, type Sms, type SmsTransport } from '../sms/sms.ts';

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

/** Delivers due e-mails. */
export const deliverDue = (db: Database, transport: MailTransport, from: string, batch = 20) =>
  deliver<Email>(db, 'email', (email) => transport.sendMail({ from, ...email }), batch);

/** Delivers due SMS. */
export const deliverDueSms = (db: Database, transport: SmsTransport, batch = 20) => deliver<Sms>(db, 'sms', (sms) => transport.send(sms), batch);

async function deliver<P>(db: Database, kind: 'email' | 'sms', send: (payload: P) => Promise<unknown>, batch: number) {
  const due = await db.asSystem((tx) =>
    rows<{ id: string; payload: P; attempts: number }>(
      tx,
      sql`UPDATE outbox SET leased_until = now() + make_interval(secs => ${LEASE_SECONDS})
          WHERE id IN (SELECT id FROM outbox
                       WHERE kind = ${kind} AND sent_at IS NULL AND next_attempt_at <= now()
                         AND (leased_until IS NULL OR leased_until < now())
                       ORDER BY next_attempt_at LIMIT ${batch} FOR UPDATE SKIP LOCKED)
          RETURNING id, payload, attempts`,
    ),
  );
  let sent = 0;
  let failed = 0;
  for (const message of due) {
    try {
      await send(message.payload);
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

/** Delivers every few seconds; without SMTP_URL (SMS_TRANSPORT), e-mails (SMS) wait in the outbox. */
export function startOutboxWorker(db: Database, config: Config, log: FastifyBaseLogger, everyMs = 5000) {
  const transport = smtpTransport(config);
  const sms = smsTransport(config);
  if (!transport) log.warn('SMTP_URL is not set: e-mails wait in the outbox until a mail server is configured');
  if (!sms) log.warn('SMS_TRANSPORT is not set: SMS wait in the outbox until a gateway is configured');
  if (!transport && !sms) return { stop() {} };
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      const mail = transport ? await deliverDue(db, transport, config.MAIL_FROM) : { sent: 0, failed: 0 };
      const texts = sms ? await deliverDueSms(db, sms) : { sent: 0, failed: 0 };
      if (mail.sent || mail.failed || texts.sent || texts.failed) log.info({ mail, sms: texts }, 'outbox delivered');
    } catch (err) {
      log.error({ err: loggable(err) }, 'outbox worker failed');
    } finally {
      running = false;
    }
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
