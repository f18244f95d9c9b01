// Configuration comes from the environment only, validated once at start.
import { z } from 'zod';
import { DEFAULT_BREAK_GLASS_HOURS, MAX_BREAK_GLASS_HOURS } from '../domain/privacy/break-glass.ts';
import { DEFAULT_RETENTION_YEARS } from '../domain/privacy/retention.ts';
import { DEFAULT_HELPDESK_HOURS, DEFAULT_HELPDESK_OBJECTION_MINUTES, HELPDESK_MODES, MAX_HELPDESK_HOURS, MIN_HELPDESK_OBJECTION_MINUTES } from '../domain/privacy/helpdesk.ts';
import { DEFAULT_EXPORT_APPROVAL_THRESHOLD } from '../domain/privacy/exports.ts';
import { isCidr } from './exports/network.ts';
import { DEFAULT_RED_FLAGS, SYMPTOM_CODES } from '../domain/red-flags.ts';

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

/** A 32-byte key in base64 (`hersys keys generate` prints one). */
const key = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'expected 32 bytes in base64 (44 characters; `hersys keys generate` prints one)');

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  /** postgres://… to use PostgreSQL; absent = embedded PGlite in DATA_DIR. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  /**
   * The master key that encrypts the secrets the database keeps (src/server/secrets/). Required with
   * DATABASE_URL; without it the embedded database uses a development key beside DATA_DIR.
   */
  HERSYS_MASTER_KEY: key.optional(),
  /** Only for `hersys keys rotate`: the master key to re-encrypt under (HERSYS_MASTER_KEY after that). */
  HERSYS_NEW_MASTER_KEY: key.optional(),
  /** PostgreSQL: connections per process; the wait for one; the longest a statement may run (see docs/OPERATIONS.md). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(10),
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5000),
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(10_000),
  /** Honour X-Forwarded-For/-Proto from a reverse proxy in front (needed for HSTS and client addresses). */
  TRUST_PROXY: bool.default(false),
  /** Secure cookies; only turn off for a plain-HTTP test setup that is not localhost. */
  COOKIE_SECURE: bool.default(true),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce.number().positive().default(12),
  /** IDs not used for this many days are suspended automatically. */
  UNUSED_ID_DAYS: z.coerce.number().int().positive().default(90),
  /** Bulk upload (issue 15): days an upload may stay untouched before its rows not registered (personal data outside any case) are deleted by the daily job. */
  BULK_UPLOAD_KEEP_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(20),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('hersys <no-reply@hersys.invalid>'),
  /** SMS (src/server/sms/sms.ts): 'file' appends messages to SMS_FILE (development); 'http' posts them to SMS_GATEWAY_URL. Unset: they wait in the outbox. */
  SMS_TRANSPORT: z.enum(['file', 'http']).optional(),
  SMS_FILE: z.string().default('./data/sms-outbox.jsonl'),
  SMS_GATEWAY_URL: z.string().url().optional(),
  SMS_GATEWAY_TOKEN: z.string().min(16).optional(),
  /** My HER-SYS: a patient's session ends after this many idle minutes; a sign-in code lasts this long. */
  PATIENT_IDLE_MINUTES: z.coerce.number().positive().max(120).default(15),
  PATIENT_CODE_MINUTES: z.coerce.number().positive().max(60).default(10),
  /** The address people use to reach this server, for links in e-mails. */
  PUBLIC_URL: z.string().url().default('http://localhost:3000'),
  /** 健康観察 red flags (src/domain/red-flags.ts): SpO2 at or below, fever at or above for so many days. */
  RED_FLAG_SPO2_AT_MOST: z.coerce.number().int().min(50).max(100).default(93),
  RED_FLAG_FEVER_AT_LEAST: z.coerce.number().min(37).max(42).default(39.0),
  RED_FLAG_FEVER_DAYS: z.coerce.number().int().min(1).max(14).default(3),
  /** Checklist symptoms that are a red flag on their own, comma-separated codes (GET /api/observations/symptoms). */
  RED_FLAG_SYMPTOMS: z
    .string()
    .default(DEFAULT_RED_FLAGS.symptoms.join(','))
    .transform((v) => v.split(',').map((c) => c.trim()).filter(Boolean))
    .pipe(z.array(z.enum(SYMPTOM_CODES))),
  /** A case with no status change and no health report for this many days is on the centre's work list. */
  STALE_AFTER_DAYS: z.coerce.number().int().min(1).max(60).default(3),
  /** How long a 処理番号 may be redeemed, and the token the contact app's server redeems with (unset: no redemption). */
  PROCESSING_NUMBER_VALIDITY_HOURS: z.coerce.number().positive().max(24 * 14).default(24),
  PROCESSING_NUMBER_REDEEM_TOKEN: z.string().min(32).optional(),
  PROCESSING_NUMBER_REDEEM_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(60),
  /** 陽性者登録 (public form): starts and code attempts per minute from one address. */
  SELF_REGISTRATION_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(10),
  /** The hard limit (issue 12): past so many distinct records opened without a relationship of the user's organisation, or in all, within the minutes, the ID is suspended. */
  ACCESS_LIMIT_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  ACCESS_LIMIT_UNRELATED: z.coerce.number().int().min(1).default(30),
  ACCESS_LIMIT_TOTAL: z.coerce.number().int().min(1).default(200),
  /** Open data (issue 13): counts from 1 to this − 1 in breakdowns finer than a prefecture-day are suppressed; published daily at this Japan time. */
  OPEN_DATA_THRESHOLD: z.coerce.number().int().min(2).max(20).default(3),
  OPEN_DATA_PUBLISH_AT: z
    .string()
    .regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)
    .default('00:30'),
  /** The weekly report's PDF (issue 16): a TrueType/OpenType font with Japanese glyphs (Debian: fonts-ipafont-gothic). */
  HERSYS_PDF_FONT: z.string().min(1).default('/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf'),
  /** Break-the-glass (issue 14): how long a grant lasts, in hours (at most 24). */
  BREAK_GLASS_HOURS: z.coerce.number().positive().max(MAX_BREAK_GLASS_HOURS).default(DEFAULT_BREAK_GLASS_HOURS),
  /**
   * Retention (issue 14): years after a case's end (release or death) before the person's identity
   * is removed, the operator's legal period (default 5, src/domain/privacy/retention.ts). The daily
   * job runs only when RETENTION_ENABLED; `hersys retention run [--dry-run]` runs it by hand.
   */
  RETENTION_YEARS: z.coerce.number().int().min(1).max(100).default(DEFAULT_RETENTION_YEARS),
  RETENTION_ENABLED: bool.default(false),
  /** Helpdesk access (issue 14, Q&A 24): the centre approves each request, or is told and may refuse within the minutes; how long an access lasts. */
  HELPDESK_APPROVAL: z.enum(HELPDESK_MODES).default('approve'),
  HELPDESK_OBJECTION_MINUTES: z.coerce.number().int().min(MIN_HELPDESK_OBJECTION_MINUTES).max(7 * 24 * 60).default(DEFAULT_HELPDESK_OBJECTION_MINUTES),
  HELPDESK_HOURS: z.coerce.number().positive().max(MAX_HELPDESK_HOURS).default(DEFAULT_HELPDESK_HOURS),
  /** Exports (issue 14): rows above which a second person approves; the client networks (CIDRs, comma-separated; empty = anywhere) exports are allowed from. */
  EXPORT_APPROVAL_THRESHOLD: z.coerce.number().int().min(0).default(DEFAULT_EXPORT_APPROVAL_THRESHOLD),
  EXPORT_NETWORKS: z
    .string()
    .default('')
    .transform((v, ctx) => {
      const cidrs = v.split(',').map((s) => s.trim()).filter(Boolean);
      for (const c of cidrs) if (!isCidr(c)) ctx.addIssue({ code: 'custom', message: `not a CIDR: ${c}` });
      return cidrs;
    }),
  /** The access review's risk score at which a user's day becomes an alert, and the off-hours in Japan time (start-end). */
  ACCESS_ALERT_THRESHOLD: z.coerce.number().int().min(1).default(50),
  ACCESS_OFF_HOURS: z
    .string()
    .regex(/^([01]?[0-9]|2[0-3])-([01]?[0-9]|2[0-3])$/)
    .default('22-6')
    .transform((v) => {
      const [start, end] = v.split('-').map(Number);
      return { start, end };
    }),
});

export type Config = z.infer<typeof Env>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (DATABASE_URL= in a shell or .env) means "not set".
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const parsed = Env.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new ConfigError(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

/** The master key of tests: fixed, so a database template seeded in one process opens in another. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 7).toString('base64');

/** The configuration tests start from: in memory, quiet. */
export const testConfig = (overrides: Partial<Config> = {}): Config => ({
  ...loadConfig({}),
  LOG_LEVEL: 'silent',
  HERSYS_MASTER_KEY: TEST_MASTER_KEY,
  ...overrides,
});
