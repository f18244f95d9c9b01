// Case numbers for generated worlds, made in SQL as src/domain/case-number.ts makes them one by one:
// seven digits then a Luhn digit. Bulk generators draw the seven digits from a permutation of
// 1..9,000,000 and skip those the database already has (an anti-join, which hashes in batches where
// NOT IN would compare every candidate with every case once the hash outgrows work_mem), so a
// million cases take one statement.
import { sql, type SQL } from 'drizzle-orm';

/** `count` unused seven-digit bodies numbered n = 1..count: join on n. */
export const freshNumberBodies = (count: number): SQL => sql`
  (SELECT body, row_number() OVER () AS n
     FROM (SELECT 1000000 + (m::bigint * 7919) % 9000000 AS body
             FROM generate_series(1, ${count} + (SELECT count(*) FROM cases)::int) m) candidates
    WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE left(c.case_number, 7) = body::text))`;

/** The eight-digit case number of a seven-digit body column. */
export const withCheckDigit = (body: SQL): SQL => sql`
  ${body}::text || (10 - (SELECT sum(CASE WHEN i % 2 = 0 THEN (2 * d) % 10 + (2 * d) / 10 ELSE d END)
                            FROM (SELECT i, substr(${body}::text, 7 - i, 1)::int AS d FROM generate_series(0, 6) i) digits) % 10) % 10`;
