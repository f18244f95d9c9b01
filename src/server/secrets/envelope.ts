// Authenticated encryption of the secrets hersys keeps (TOTP secrets, the processing-number HMAC
// key, later export keys), and of the data keys under the master key: AES-256-GCM from node:crypto.
//
// A sealed value is text, safe in a text column and in a dump:
//   v1:<key id>:<iv>:<ciphertext>:<tag>        (iv, ciphertext and tag in base64url)
// It names the key that sealed it, so rotation can proceed value by value and a value under a key
// that is not at hand fails with that key's name. The 128-bit GCM tag makes any other key, an
// altered byte or a value moved to another place fail loudly: `open` never answers garbage. The
// place is the associated data (e.g. `totp:<user id>`): a sealed secret copied onto another user's
// row does not open there.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export const KEY_BYTES = 32;
const IV_BYTES = 12; // GCM's native nonce size; random per value (at most ~2^32 values per key is far off)
const TAG_BYTES = 16;
const PREFIX = 'v1:';

export class SecretError extends Error {}

/** Whether a stored value is sealed (as opposed to a secret kept in clear before version 0034). */
export const isSealed = (value: string) => value.startsWith(PREFIX);

/**
 * A key's public name: the first 64 bits of an HMAC of a fixed label under the key. It identifies
 * the master key in error messages and data keys' wrappings without revealing anything of it.
 */
export const keyIdOf = (key: Buffer) => createHmac('sha256', key).update('hersys key id').digest('hex').slice(0, 16);

/** A 32-byte key from its base64 form (HERSYS_MASTER_KEY); throws a SecretError for anything else. */
export function parseKey(base64: string): Buffer {
  const key = Buffer.from(base64.trim(), 'base64');
  if (!/^[A-Za-z0-9+/]{43}=$/.test(base64.trim()) || key.length !== KEY_BYTES) {
    throw new SecretError(`a key is ${KEY_BYTES} bytes in base64 (44 characters; \`hersys keys generate\` prints one)`);
  }
  return key;
}

export const newKey = () => randomBytes(KEY_BYTES);

export function seal(key: Buffer, keyId: string, plaintext: Buffer | string, place: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(place, 'utf8'));
  const data = Buffer.concat([cipher.update(typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext), cipher.final()]);
  return [PREFIX + keyId, iv.toString('base64url'), data.toString('base64url'), cipher.getAuthTag().toString('base64url')].join(':');
}

interface Parsed {
  keyId: string;
  iv: Buffer;
  data: Buffer;
  tag: Buffer;
}

function parse(sealed: string): Parsed {
  const parts = sealed.split(':');
  if (parts.length !== 5 || parts[0] !== 'v1' || !/^[\w-]+$/.test(parts[1])) throw new SecretError('not a sealed value');
  const [, keyId, iv, data, tag] = parts;
  const parsed = { keyId, iv: Buffer.from(iv, 'base64url'), data: Buffer.from(data, 'base64url'), tag: Buffer.from(tag, 'base64url') };
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new SecretError('not a sealed value');
  return parsed;
}

/** The id of the key a sealed value names. */
export const keyIdOfSealed = (sealed: string) => parse(sealed).keyId;

/** The plaintext; a SecretError if the key is not the one named, or the value or its place differ from what was sealed. */
export function open(key: Buffer, keyId: string, sealed: string, place: string): Buffer {
  const p = parse(sealed);
  if (p.keyId !== keyId) throw new SecretError(`sealed under key ${p.keyId}, not ${keyId}`);
  const decipher = createDecipheriv('aes-256-gcm', key, p.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(place, 'utf8'));
  decipher.setAuthTag(p.tag);
  try {
    return Buffer.concat([decipher.update(p.data), decipher.final()]);
  } catch {
    throw new SecretError(`a value sealed under key ${keyId} does not open: altered, moved from elsewhere, or the key is not the one that sealed it`);
  }
}
