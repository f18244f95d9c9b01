// SMS, the way My HER-SYS invitations, one-time codes and reminders reach a phone (issue 11). Like
// e-mail, a message is a row in the outbox written with the work's transaction (atCommit) and
// delivered by the worker through a transport. Two transports: a file (development and tests: one
// JSON line per message, which is the only place the message goes — nothing is "delivered") and an
// HTTP gateway (production: POST to the provider's or an aggregator's endpoint). No SMS provider is
// reachable from here, so the HTTP gateway is tested against a local HTTP server only.
import { randomUUID } from 'node:crypto';
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sql } from 'drizzle-orm';
import { atCommit, type Tx } from '../db/database.ts';
import { outbox } from '../db/schema.ts';

export interface Sms {
  /** The phone number as the person gave it. */
  to: string;
  /** At most 670 characters (10 concatenated UCS-2 parts); no personal data. */
  text: string;
}

export interface SmsTransport {
  send(sms: Sms): Promise<void>;
}

export function enqueueSms(tx: Tx, sms: Sms): void {
  const insert = tx.insert(outbox).values({ kind: 'sms', payload: sms }).returning({ one: sql`1` });
  atCommit(tx, `outbox:${randomUUID()}`, () => insert.getSQL());
}

/** Appends each message to a file as a JSON line: where a developer reads the codes. */
export function fileSmsTransport(path: string): SmsTransport {
  return {
    async send(sms) {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${JSON.stringify({ at: new Date().toISOString(), ...sms })}\n`, { mode: 0o600 });
    },
  };
}

/**
 * An HTTP SMS gateway: POST {to, text} as JSON with a bearer token. Any answer but 2xx is a failure
 * the outbox retries; a timeout too, so a slow gateway never holds the worker.
 */
export function httpSmsGateway(url: string, token: string | undefined, timeoutMs = 10_000): SmsTransport {
  return {
    async send(sms) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ to: sms.to, text: sms.text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
    },
  };
}

/** The transport the configuration names, or null: messages wait in the outbox until one is set. */
export function smsTransport(config: { SMS_TRANSPORT?: 'file' | 'http'; SMS_FILE: string; SMS_GATEWAY_URL?: string; SMS_GATEWAY_TOKEN?: string }): SmsTransport | null {
  if (config.SMS_TRANSPORT === 'file') return fileSmsTransport(config.SMS_FILE);
  if (config.SMS_TRANSPORT === 'http' && config.SMS_GATEWAY_URL) return httpSmsGateway(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN);
  return null;
}
