// A grid of counts by age band (and sex, where a form asks): the cells of the daily aggregate report
// (日次報告) and of the sentinel sites' weekly report (定点報告). A form's definition says which
// bands and whether each is split by sex; these functions give its cells and check counts against
// them, so the server and the browser read one form the same way.
import type { Localized } from './messages.ts';
import { ageBandLabel, type AgeBand, type WeeklyAgeBand } from './statistics/age-bands.ts';

/** Sexes a form may split by (the persons table's values). */
export const GRID_SEXES = ['male', 'female'] as const;
export type GridSex = (typeof GRID_SEXES)[number];

export const SEX_LABELS: Record<GridSex, Localized> = { male: { ja: '男', en: 'male' }, female: { ja: '女', en: 'female' } };

export interface CountGrid<B extends AgeBand | WeeklyAgeBand = AgeBand | WeeklyAgeBand> {
  ageBands: readonly B[];
  /** Whether each age band is split by sex: cells are then `<band>:<sex>`. */
  bySex: boolean;
  maxPerCell: number;
}

export interface GridCell<B extends AgeBand | WeeklyAgeBand = AgeBand | WeeklyAgeBand> {
  /** Stored as the key of the counts: the band, or `<band>:<sex>` when the form asks sex. */
  id: string;
  ageBand: B;
  sex: GridSex | null;
  label: Localized;
}

/** The cells a form asks for, in the order of the form. */
export function gridCells<B extends AgeBand | WeeklyAgeBand>(grid: CountGrid<B>): GridCell<B>[] {
  return grid.ageBands.flatMap((band): GridCell<B>[] =>
    grid.bySex
      ? GRID_SEXES.map((sex) => ({
          id: `${band}:${sex}`,
          ageBand: band,
          sex,
          label: { ja: `${ageBandLabel(band).ja} ${SEX_LABELS[sex].ja}`, en: `${ageBandLabel(band).en} ${SEX_LABELS[sex].en}` },
        }))
      : [{ id: band, ageBand: band, sex: null, label: ageBandLabel(band) }],
  );
}

export type Counts = Record<string, number>;

export interface GridProblem<C extends string> {
  path: (string | number)[];
  code: C;
}

/**
 * Counts checked against a grid: every cell known, a whole number from 0 to the limit; cells left
 * out are 0. Each form names its own messages (`codes`) and where its counts sit (`path`).
 */
export function checkGridCounts<C extends string>(
  grid: CountGrid,
  counts: Record<string, unknown>,
  codes: { unknownCell: C; invalidCount: C },
  path: (string | number)[] = ['counts'],
): { counts: Counts; problems: GridProblem<C>[] } {
  const cells = gridCells(grid).map((c) => c.id);
  const problems: GridProblem<C>[] = Object.keys(counts)
    .filter((id) => !cells.includes(id))
    .map((id) => ({ path: [...path, id], code: codes.unknownCell }));
  const checked: Counts = {};
  for (const id of cells) {
    const n = counts[id] ?? 0;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > grid.maxPerCell) problems.push({ path: [...path, id], code: codes.invalidCount });
    else checked[id] = n;
  }
  return { counts: checked, problems };
}

export const totalOf = (counts: Counts): number => Object.values(counts).reduce((a, b) => a + b, 0);
