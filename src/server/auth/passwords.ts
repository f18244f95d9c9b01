// Password hashing (argon2id, @node-rs/argon2's defaults: 19 MiB, 2 passes) and the one-time
// initial passwords that an administrator hands over when issuing an ID.
import { hash, verify } from '@node-rs/argon2';
import { randomInt } from 'node:crypto';

const ARGON2ID = 2; // Algorithm.Argon2id, a const enum that isolated modules cannot read

export const hashPassword = (password: string) => hash(password, { algorithm: ARGON2ID });

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the login ID is unknown takes as long as a real check, so the
// answer time does not tell whether an ID exists.
const DUMMY_HASH = hashPassword('hersys-timing-equaliser');
export const spendVerifyTime = async (password: string) => {
  await verifyPassword(await DUMMY_HASH, password);
};

// No 0/O, 1/l/I: read over the phone or copied from paper without mistakes.
const ALPHABET = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function generateInitialPassword(length = 16): string {
  return Array.from({ length }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}
