// Per-extract pseudonyms (issue 14; DEMIS's and SORMAS's pseudonymisation): HMAC-SHA-256 of the case id
// under a fresh random key for each extract. The key lives only in the request that makes the extract
// and is never stored or logged — the most private choice: the same case has unrelated pseudonyms in
// two extracts, so recipients cannot join their files, and no one (the municipality included) can link
// a row back to its case. A question about a row is answered by the rows' fields, not by re-linking.
import { createHmac, randomBytes } from 'node:crypto';

export type PseudonymKey = Buffer;

export const newPseudonymKey = (): PseudonymKey => randomBytes(32);

/** 128 bits of the HMAC, in hex: collisions are out of reach at any extract's size. */
export const pseudonymOf = (key: PseudonymKey, caseId: string): string => createHmac('sha256', key).update(caseId).digest('hex').slice(0, 32);
