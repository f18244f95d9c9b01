// Migration 0020 gives the admissions kept before it the access they would have given (Q&A 9): one
// admission assignment each, from the admission day's midnight in Japan to the midnight after the
// discharge day. Applied to a database migrated up to 0018, on both engines.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { emptyPostgresDatabase, ENGINES } from '../../../test/harness/engines.ts';
import { MIGRATIONS_DIR, newPglite } from '../db/database.ts';

/** The migrations as they were before 0020_admission_access. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'hersys-migrations-'));
  cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalPath = join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === tag));
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

const WORLD = `
  INSERT INTO organizations (id, kind, code, name_ja, name_en) VALUES
    ('00000000-0000-4000-8000-000000000001', 'prefecture', 'p', '都', 'P'),
    ('00000000-0000-4000-8000-000000000002', 'health_center', 'h', '保健所', 'H'),
    ('00000000-0000-4000-8000-000000000003', 'medical_institution', 'm', '病院', 'M');
  INSERT INTO persons (id, name_kanji, name_kana, name_kana_key, sex, birth_date)
    VALUES ('00000000-0000-4000-8000-0000000000a1', '甲', 'コウ', 'コウ', 'male', '1990-01-01');
  INSERT INTO cases (id, person_id, case_number, self_report_id, prefecture_id, responsible_hc_id)
    VALUES ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-0000000000a1', '10000001', 'S-1',
            '00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002');
  INSERT INTO admissions (case_id, hospital_id, admitted_on, discharged_on, outcome, created_by) VALUES
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000003', '2026-01-05', NULL, NULL, gen_random_uuid()),
    ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000003', '2025-12-01', '2025-12-10', 'recovered', gen_random_uuid());`;

const GIVEN = `
  SELECT a.admitted_on::text AS admitted, ca.kind, ca.org_id = a.hospital_id AS hospital, ca.created_by = a.created_by AS "keyedBy",
         ca.starts_at, ca.ends_at
  FROM admissions a JOIN case_assignments ca ON ca.id = a.assignment_id ORDER BY a.admitted_on`;

for (const engine of ENGINES) {
  describe(`migration 0020: the access of admissions kept before it (${engine})`, () => {
    const before = migrationsBefore('0020_admission_access');
    after(() => rmSync(before, { recursive: true, force: true }));

    it('gives each admission its hospital’s access for the days of the stay', async () => {
      let given: Record<string, unknown>[];
      if (engine === 'pglite') {
        const pglite = newPglite();
        const db = drizzlePglite(pglite);
        await migratePglite(db, { migrationsFolder: before });
        await pglite.exec(WORLD);
        await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
        given = (await pglite.query<Record<string, unknown>>(GIVEN)).rows;
        await pglite.close();
      } else {
        const client = new pg.Client({ connectionString: await emptyPostgresDatabase() });
        await client.connect();
        const db = drizzlePg({ client });
        await migratePg(db, { migrationsFolder: before });
        await client.query(WORLD);
        await migratePg(db, { migrationsFolder: MIGRATIONS_DIR });
        given = (await client.query(GIVEN)).rows;
        await client.end();
      }
      assert.deepEqual(
        given.map((g) => ({ ...g, starts_at: (g.starts_at as Date).toISOString(), ends_at: (g.ends_at as Date | null)?.toISOString() ?? null })),
        [
          { admitted: '2025-12-01', kind: 'admission', hospital: true, keyedBy: true, starts_at: '2025-11-30T15:00:00.000Z', ends_at: '2025-12-10T15:00:00.000Z' },
          { admitted: '2026-01-05', kind: 'admission', hospital: true, keyedBy: true, starts_at: '2026-01-04T15:00:00.000Z', ends_at: null },
        ],
      );
    });
  });
}
