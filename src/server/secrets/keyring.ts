// The keys of one database: the master key (KEK) from the environment, the data keys (DEKs) it
// wraps (table data_keys) and the server's own secrets (server_secrets), with what they do:
// seal and open a secret kept in a row, and the keyed hash of processing numbers.
//
// - New secrets are sealed under the active data key, read FOR SHARE in the caller's transaction,
//   so a rotation (keys-rotate.ts) waits for a secret being sealed under the key it retires.
// - A value names its data key; a key not yet held (a rotation by another process) is unwrapped
//   from its row. Unwrapped keys and the HMAC key stay in this process's memory only.
// - init() runs before the server serves (buildApp's onReady) in a transaction of its own: it makes
//   the first data key and the HMAC key if there are none, checks the master key opens every data
//   key (a wrong HERSYS_MASTER_KEY stops the start, naming both keys), and seals the TOTP secrets
//   still kept in clear from before 0034. Keys are cached only after their transaction committed.
import { createHmac, randomBytes } from 'node:crypto';
import type { Database, Tx } from '../db/database.ts';
import { isSealed, keyIdOf, keyIdOfSealed, newKey, open, seal, SecretError } from './envelope.ts';
import * as repo from './repo.ts';

/** The server's own secrets, by name in server_secrets. */
export const PROCESSING_NUMBER_HMAC = 'processing_number_hmac';

const dataKeyPlace = (id: string) => `data_key:${id}`;

/** A data key: its id (keyIdOf the key, so it names it without revealing it) and the key. */
export interface DataKey {
  id: string;
  key: Buffer;
}

export class Keyring {
  readonly masterKeyId: string;
  readonly #dataKeys = new Map<string, Buffer>();
  readonly #hmacKeys = new Map<string, Buffer>();

  constructor(readonly masterKey: Buffer) {
    this.masterKeyId = keyIdOf(masterKey);
  }

  /** A new data key wrapped under the master key (or `masterKey`, during its rotation). */
  newDataKey(masterKey = this.masterKey): { dataKey: DataKey; row: repo.DataKeyRow } {
    const key = newKey();
    const dataKey = { id: keyIdOf(key), key };
    return { dataKey, row: this.wrap(dataKey, masterKey) };
  }

  wrap(dataKey: DataKey, masterKey = this.masterKey): repo.DataKeyRow {
    return { id: dataKey.id, wrapped: seal(masterKey, keyIdOf(masterKey), dataKey.key, dataKeyPlace(dataKey.id)) };
  }

  /** A data key from its row; fails naming both master keys when HERSYS_MASTER_KEY is not the one that wrapped it. */
  unwrap(row: repo.DataKeyRow): DataKey {
    const wrappedBy = keyIdOfSealed(row.wrapped);
    if (wrappedBy !== this.masterKeyId) {
      throw new SecretError(
        `data key ${row.id} is wrapped under master key ${wrappedBy}, but the master key given (HERSYS_MASTER_KEY) is ${this.masterKeyId}: ` +
          'start with the master key this database was sealed under',
      );
    }
    return { id: row.id, key: open(this.masterKey, this.masterKeyId, row.wrapped, dataKeyPlace(row.id)) };
  }

  async #dataKey(tx: Tx, id: string): Promise<Buffer> {
    const known = this.#dataKeys.get(id);
    if (known) return known;
    const row = await repo.dataKey(tx, id);
    if (!row) throw new SecretError(`a secret is sealed under data key ${id}, which this database does not hold`);
    const { key } = this.unwrap(row);
    this.#dataKeys.set(id, key);
    return key;
  }

  /** Seals `plaintext` for `place` (e.g. `totp:<user id>`) under the active data key. */
  async seal(tx: Tx, plaintext: string | Buffer, place: string): Promise<string> {
    const active = await repo.activeDataKey(tx);
    if (!active) throw new SecretError('no active data key: the keyring was not initialised (Keyring.init)');
    return seal(await this.#dataKey(tx, active.id), active.id, plaintext, place);
  }

  async open(tx: Tx, sealed: string, place: string): Promise<Buffer> {
    return open(await this.#dataKey(tx, keyIdOfSealed(sealed)), keyIdOfSealed(sealed), sealed, place);
  }

  async openText(tx: Tx, sealed: string, place: string): Promise<string> {
    return (await this.open(tx, sealed, place)).toString('utf8');
  }

  /** HMAC-SHA256 (hex) of `data` under the named server key; needs init(). */
  hmac(name: typeof PROCESSING_NUMBER_HMAC, data: string): string {
    const key = this.#hmacKeys.get(name);
    if (!key) throw new SecretError(`the keyring was not initialised: no ${name}`);
    return createHmac('sha256', key).update(data, 'utf8').digest('hex');
  }

  /** See the file's head. Each app on the database runs it when ready; again, it finds the keys there and seals what is in clear. */
  async init(db: Database): Promise<{ sealedClear: number }> {
    const { keys, hmacKeys, sealedClear } = await db.asSystem(async (tx) => {
      let active = await repo.activeDataKey(tx);
      if (!active) {
        await repo.insertFirstDataKey(tx, this.newDataKey().row);
        active = (await repo.activeDataKey(tx))!;
      }
      // Every data key must open: a wrong master key fails here, at start, and not at a user's login.
      const keys = (await repo.allDataKeys(tx)).map((row) => this.unwrap(row));
      const current = keys.find((k) => k.id === active.id)!;
      const sealWith = (plaintext: string | Buffer, place: string) => seal(current.key, current.id, plaintext, place);
      const stored = await repo.keepServerSecret(tx, PROCESSING_NUMBER_HMAC, sealWith(randomBytes(32), `server_secret:${PROCESSING_NUMBER_HMAC}`));
      const byId = new Map(keys.map((k) => [k.id, k.key]));
      const hmacKey = open(byId.get(keyIdOfSealed(stored))!, keyIdOfSealed(stored), stored, `server_secret:${PROCESSING_NUMBER_HMAC}`);
      const sealedClear = await sealClearSecrets(tx, sealWith);
      return { keys, hmacKeys: [[PROCESSING_NUMBER_HMAC, hmacKey]] as const, sealedClear };
    });
    for (const k of keys) this.#dataKeys.set(k.id, k.key);
    for (const [name, key] of hmacKeys) this.#hmacKeys.set(name, key);
    return { sealedClear };
  }

  /** Forgets the data keys held in memory (after a rotation deleted some, or in tests). */
  forgetDataKeys() {
    this.#dataKeys.clear();
  }
}

/**
 * Seals the secrets kept in clear before 0034 (TOTP secrets); the number of rows sealed. A migration
 * cannot (SQL has no key), so the server does it before it serves, and `hersys keys rotate` too.
 */
export async function sealClearSecrets(tx: Tx, sealWith: (plaintext: string, place: string) => string): Promise<number> {
  let n = 0;
  for (const t of repo.SEALED_TABLES) {
    for (const row of await repo.sealedRows(tx, t, true)) {
      const values = row.values.map((v) => (v === null || isSealed(v) ? v : sealWith(v, t.place(row.key))));
      await repo.replaceSealedRow(tx, t, row.key, values);
      n++;
    }
  }
  return n;
}

// --- one keyring per open database ------------------------------------------------------------

const keyrings = new WeakMap<Database, Keyring>();

/**
 * The keyring of `db` under `masterKey`: made on first use (buildApp, the CLI), the same one after
 * (several apps on one database in tests share it). Services that need keys find it with keyringOf.
 */
export function useKeyring(db: Database, masterKey: Buffer): Keyring {
  const known = keyrings.get(db);
  if (known && known.masterKeyId === keyIdOf(masterKey)) return known;
  const keyring = new Keyring(masterKey);
  keyrings.set(db, keyring);
  return keyring;
}

export function keyringOf(db: Database): Keyring {
  const keyring = keyrings.get(db);
  if (!keyring) throw new Error('no keyring for this database: buildApp (or the CLI) sets one up with the master key');
  return keyring;
}
