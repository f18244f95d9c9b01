// `hersys keys rotate`: a new data key becomes the active one, every sealed secret is opened and
// sealed again under it, and the data keys no value names any more are deleted. With a new master
// key (HERSYS_NEW_MASTER_KEY) the new data key is wrapped under that one instead, so the old master
// key opens nothing in the database afterwards.
//
// One transaction: the secrets are few (a TOTP secret per staff ID, a handful of server keys), and a
// rotation that stops half-way leaves everything as it was. Values name their key, so a server still
// holding the old data key in memory opens the new values by loading the new key from its row;
// after a change of master key, though, the servers must restart with the new HERSYS_MASTER_KEY
// (their old one no longer opens the new data key): rotate the master key with them stopped, or
// restart them right after.
//
// The processing-number HMAC key is sealed again, not replaced: a new HMAC key would make every
// number still redeemable unknown.
import type { Database } from '../db/database.ts';
import { isSealed, keyIdOf, keyIdOfSealed, open, seal, SecretError } from './envelope.ts';
import { sealClearSecrets, type Keyring } from './keyring.ts';
import * as repo from './repo.ts';

export interface Rotation {
  dataKeyId: string;
  masterKeyId: string;
  /** Rows whose secrets were sealed again (clear ones from before 0034 included). */
  resealed: number;
  deletedDataKeys: string[];
}

export async function rotateKeys(db: Database, keyring: Keyring, options: { newMasterKey?: Buffer } = {}): Promise<Rotation> {
  await keyring.init(db); // a wrong master key stops here, before anything is changed
  const masterKey = options.newMasterKey ?? keyring.masterKey;
  const rotation = await db.asSystem(async (tx) => {
    const old = new Map((await repo.allDataKeys(tx)).map((row) => [row.id, keyring.unwrap(row).key]));
    const { dataKey, row } = keyring.newDataKey(masterKey);
    await repo.activateDataKey(tx, row);
    const sealWith = (plaintext: string | Buffer, place: string) => seal(dataKey.key, dataKey.id, plaintext, place);
    await sealClearSecrets(tx, sealWith);
    let resealed = 0;
    for (const t of repo.SEALED_TABLES) {
      for (const r of await repo.sealedRows(tx, t, false)) {
        const place = t.place(r.key);
        const values = r.values.map((v) => {
          if (v === null || !isSealed(v)) return v;
          const id = keyIdOfSealed(v);
          if (id === dataKey.id) return v;
          const key = old.get(id);
          if (!key) throw new SecretError(`${t.table} ${r.key}: sealed under data key ${id}, which this database does not hold`);
          return sealWith(open(key, id, v, place), place);
        });
        await repo.replaceSealedRow(tx, t, r.key, values);
        resealed++;
      }
    }
    const deletedDataKeys = await repo.deleteUnusedDataKeys(tx);
    if (options.newMasterKey) {
      for (const kept of await repo.allDataKeys(tx)) {
        if (kept.id !== dataKey.id) await repo.rewrapDataKey(tx, keyring.wrap({ id: kept.id, key: old.get(kept.id)! }, masterKey));
      }
    }
    return { dataKeyId: dataKey.id, masterKeyId: keyIdOf(masterKey), resealed, deletedDataKeys };
  });
  keyring.forgetDataKeys();
  return rotation;
}
