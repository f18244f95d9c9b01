// The SQL of the weekly report: the counts from weekly_counts (a reader, within their scope) and
// weekly_case_counts (the owner, for open data), migrations 0047 and 0050: they sum the cases'
// places that the counts job keeps (weekly_case_facts), by the IDWR age groups' first ages
// (IDWR_BAND_STARTS), named here by the domain's one rule. Numbers only.
import { sql, type SQL } from 'drizzle-orm';
import { IDWR_BAND_STARTS, idwrBandOfAge } from '../../domain/statistics/age-bands.ts';
import type { WeeklyCell } from '../../domain/weekly-report/counting.ts';
import { rows, type Tx } from '../db/database.ts';

type Row = { prefecture: string | null; disease: string; week: string; classification: WeeklyCell['classification']; age: number; sex: 'male' | 'female'; n: string | number };

const cellsOf = (list: Row[]): WeeklyCell[] => {
  const cells = new Map<string, WeeklyCell>();
  for (const r of list) {
    const c: WeeklyCell = { prefectureCode: r.prefecture ?? '', disease: r.disease, week: r.week, classification: r.classification, ageBand: idwrBandOfAge(r.age), sex: r.sex, n: 0 };
    const key = [c.prefectureCode, c.disease, c.week, c.classification, c.ageBand, c.sex].join('|');
    const cell = cells.get(key) ?? c;
    cell.n += Number(r.n);
    cells.set(key, cell);
  }
  return [...cells.values()];
};

const read = async (tx: Tx, query: SQL) => cellsOf(await rows<Row>(tx, query));

/** The first age of each IDWR group: the database counts by group, `age` being its first age. */
const BANDS = sql`${`{${IDWR_BAND_STARTS.join(',')}}`}::integer[]`;

/** Cases diagnosed from..to in a prefecture (JIS code) or the nation (null), as the reader may count them. */
export const readerCells = (tx: Tx, from: string, to: string, prefecture: string | null) =>
  read(tx, sql`SELECT prefecture, disease, week, classification, age, sex, n FROM weekly_counts(${from}::date, ${to}::date, ${prefecture}::text, ${BANDS})`);

/** Every case diagnosed from..to, by prefecture: the owner's, for open data. */
export const allCells = (tx: Tx, from: string, to: string) =>
  read(tx, sql`SELECT prefecture, disease, week, classification, age, sex, n FROM weekly_case_counts(${from}::date, ${to}::date, NULL, ${BANDS})`);

/** The JIS code of the reader's prefecture. */
/** The prefecture organisation of a JIS code (sentinel reports are kept by organisation). */
export async function prefectureIdOf(tx: Tx, code: string): Promise<string | null> {
  const [r] = await rows<{ id: string }>(tx, sql`SELECT id FROM organizations WHERE kind = 'prefecture' AND area_code = ${code}`);
  return r?.id ?? null;
}

export async function prefectureCodeOf(tx: Tx, prefectureId: string | null): Promise<string | null> {
  if (!prefectureId) return null;
  const [r] = await rows<{ code: string | null }>(tx, sql`SELECT area_code AS code FROM organizations WHERE id = ${prefectureId}`);
  return r?.code ?? null;
}
