// The export's fingerprint (issue 14): it names the export from a leaked copy or a fragment of it,
// without altering or inventing any data (staff act on these lists: no decoy rows).
//
// - Each row carries a check code in its own column: 'C' + a tag of the export (6 characters, the
//   same on every row) + a MAC of the row (6 characters) — both keyed by the export's secret key.
//   The tag names the export from the code alone; the MAC, with the row's HER-SYS ID, proves the
//   row came from that export (nobody without the key makes a code that verifies).
// - The rows come in an order of their own: by md5(order salt || HER-SYS ID), the salt an HMAC of the
//   export's key. A copy that kept the order but lost the check codes still matches that export
//   only (a wrong export matches n rows in order with chance 1/n!).
// Codes use Crockford's base32 behind a letter, so no spreadsheet reads one as a number or a date.
import { createHash, createHmac, randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PART = 6; // characters of 5 bits: 30 bits each for the tag and the row's MAC

export const CHECK_CODE = /(?<![0-9A-Z])C([0-9A-HJKMNP-TV-Z]{6})([0-9A-HJKMNP-TV-Z]{6})(?![0-9A-Z])/g;
export const CASE_NUMBER = /(?<!\d)\d{8}(?!\d)/g;

export const newExportKey = () => randomBytes(32);

const mac = (key: Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest();

function base32(bytes: Buffer, chars: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5 && out.length < chars) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
    if (out.length === chars) break;
  }
  return out;
}

/** The export's tag: the first half of every check code of the export. */
export const exportTag = (key: Buffer, exportId: string) => base32(mac(key, `tag:${exportId}`), PART);

/** The row's check code: truncated HMAC(export key, HER-SYS ID + export id), behind the export's tag. */
export const checkCode = (key: Buffer, exportId: string, caseNumber: string) => checkCoder(key, exportId)(caseNumber);

/** The check codes of one export, its tag computed once (a million rows). */
export function checkCoder(key: Buffer, exportId: string): (caseNumber: string) => string {
  const tag = `C${exportTag(key, exportId)}`;
  return (caseNumber) => tag + base32(mac(key, `row:${caseNumber}:${exportId}`), PART);
}

/** The salt of the row order, given to SQL (the key itself never leaves the server's memory). */
export const orderSalt = (key: Buffer) => mac(key, 'order').toString('hex');

/** A row's place in the export's order, as the SQL sorts it: md5(salt || HER-SYS ID) in hex. */
export const orderKey = (salt: string, caseNumber: string) => createHash('md5').update(salt + caseNumber, 'utf8').digest('hex');

/** Where an export's sealed key belongs (the envelope's associated data): it opens on its own row only. */
export const exportKeyPlace = (exportId: string) => `export:${exportId}`;
