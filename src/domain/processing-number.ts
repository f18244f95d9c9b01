// 処理番号 for the contact-confirmation app (Q&A 2): issued by the health centre on the patient's
// request, typed by the patient into the app, checked once by the app's server. Like the real one it
// is 8 half-width digits and valid for a limited time. It is drawn at random (never derived from an
// ID), so knowing a case tells nothing about its number. Pure: the server passes crypto.randomInt.

export const PROCESSING_NUMBER_ALPHABET = '0123456789';
export const PROCESSING_NUMBER_LENGTH = 8;
/** How long a number may be redeemed, by default (the routes take another value from configuration). */
export const PROCESSING_NUMBER_VALIDITY_HOURS = 24;

export const PROCESSING_NUMBER_STATES = ['active', 'used', 'expired', 'revoked'] as const;
export type ProcessingNumberState = (typeof PROCESSING_NUMBER_STATES)[number];

/** `random(n)` returns an integer in [0, n). Leading zeros are kept: the number is text, not a count. */
export function newProcessingNumber(random: (n: number) => number): string {
  return Array.from({ length: PROCESSING_NUMBER_LENGTH }, () => PROCESSING_NUMBER_ALPHABET[random(PROCESSING_NUMBER_ALPHABET.length)]).join('');
}

const FULL_WIDTH_DIGIT = /[０-９]/g;

/**
 * The number as issued, from what a person typed: full-width digits become half-width, spaces and
 * hyphens (typed to group the digits) are dropped. null when it cannot be a processing number.
 */
export function normalizeProcessingNumber(input: string): string | null {
  const digits = input
    .replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-‐ー－]/g, '');
  return new RegExp(`^[${PROCESSING_NUMBER_ALPHABET}]{${PROCESSING_NUMBER_LENGTH}}$`).test(digits) ? digits : null;
}

export function expiryOf(issuedAt: Date, validityHours: number = PROCESSING_NUMBER_VALIDITY_HOURS): Date {
  if (!(validityHours > 0)) throw new RangeError('validity must be positive');
  return new Date(issuedAt.getTime() + validityHours * 3_600_000);
}

/** A used number stays used, a revoked one revoked; otherwise it is active until it expires. */
export function processingNumberState(n: { expiresAt: Date; usedAt: Date | null; revokedAt: Date | null }, now: Date): ProcessingNumberState {
  if (n.usedAt) return 'used';
  if (n.revokedAt) return 'revoked';
  return n.expiresAt.getTime() > now.getTime() ? 'active' : 'expired';
}
