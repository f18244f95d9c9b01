// Small-cell suppression for published breakdowns finer than a prefecture-day (秘匿処理).
//
// Primary: a count from 1 to threshold−1 is not published. Zero is published as 0: nobody is
// nobody, and hiding zeros would only hide that there is nothing to hide.
//
// Complementary: further cells are hidden until no hidden cell can be recovered from the published
// cells and totals — neither exactly by the linear equations (determined-cells.ts), nor by the
// bound that a hidden cell is at least 1. That bound is real because zeros are never chosen as
// complements (a hidden 0 beside published values would itself read as "small"): so a reader knows
// every hidden cell is ≥ 1, and k hidden cells summing to k in one line would each be 1. Such a line
// gets one more complement. Complements are the smallest non-zero cells of the line first, so
// little is lost; among equals, a cell whose other line already has hidden cells (closing a
// rectangle) is preferred. Only when a line has no non-zero cell left are its zeros hidden too.
//
// Not covered: bounds through a hidden total and sharper interval (linear-programming) attacks on
// large tables; the tables here (age band × sex of one prefecture-day) are small.
import { determinedCells, type Equation } from './determined-cells.ts';

export const DEFAULT_SUPPRESSION_THRESHOLD = 3;

export type SuppressionReason = 'primary' | 'complementary';
/** null: published as counted. */
export type CellSuppression = SuppressionReason | null;

export interface SuppressionOptions {
  /** Counts 1 … threshold−1 are suppressed; 3 by default. */
  threshold?: number;
}

interface Linked {
  values: readonly number[];
  /** Cells published whatever they hold (the prefecture-day total, published in the ministry files). */
  fixed: ReadonlySet<number>;
  equations: readonly Equation[];
}

function thresholdOf(options: SuppressionOptions): number {
  const t = options.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD;
  if (!Number.isInteger(t) || t < 1) throw new RangeError('threshold must be a positive integer');
  return t;
}

function checkCounts(counts: readonly number[]): void {
  for (const c of counts) if (!Number.isSafeInteger(c) || c < 0) throw new RangeError(`not a count: ${c}`);
}

/** Suppress cells of linked counts; the core shared by the 1-D and 2-D forms. */
function protect(table: Linked, threshold: number): CellSuppression[] {
  const { values, fixed, equations } = table;
  const marks: CellSuppression[] = values.map((v, i) => (!fixed.has(i) && v > 0 && v < threshold ? 'primary' : null));
  const hidden = () => new Set(marks.flatMap((m, i) => (m ? [i] : [])));
  const equationsOf = values.map((_, cell) => equations.filter((e) => e.some(([c]) => c === cell)));
  const open = (cell: number) => marks[cell] === null && !fixed.has(cell);

  // Smallest first; among equals, the cell touching most lines that already hide something.
  const rank = (cells: number[]) => {
    const touching = (cell: number) =>
      equationsOf[cell].filter((e) => e.some(([c]) => c !== cell && marks[c] !== null)).length;
    return cells.sort((a, b) => values[a] - values[b] || touching(b) - touching(a) || a - b);
  };
  // Open cells by distance from a cell through shared lines: the nearest line first.
  const rings = (from: number) => {
    const seen = new Set([from]);
    const out: number[][] = [];
    for (let frontier = [from]; frontier.length > 0; ) {
      const next: number[] = [];
      for (const cell of frontier) {
        for (const [c] of equationsOf[cell].flat()) {
          if (seen.has(c)) continue;
          seen.add(c);
          next.push(c);
        }
      }
      out.push(next.filter(open));
      frontier = next;
    }
    return out;
  };

  for (;;) {
    const determined = determinedCells(equations, hidden());
    if (determined.size > 0) {
      const target = Math.min(...determined);
      const ring = rings(target).find((cells) => cells.length > 0);
      if (!ring) throw new Error('a hidden cell equals published totals; the table cannot be protected');
      const nonZero = rank(ring.filter((c) => values[c] > 0));
      const freeing = nonZero.find((c) => !determinedCells(equations, new Set([...hidden(), c])).has(target));
      const choice = freeing ?? nonZero[0];
      if (choice !== undefined) marks[choice] = 'complementary';
      else for (const zero of ring) marks[zero] = 'complementary';
      continue;
    }
    const pinned = equations.find((e) => pinnedByLowerBound(e, values, marks));
    if (!pinned) return marks;
    const parts = pinned.filter(([, k]) => k > 0).map(([c]) => c);
    const nonZero = rank(parts.filter((c) => open(c) && values[c] > 0));
    if (nonZero.length > 0) marks[nonZero[0]] = 'complementary';
    else for (const c of parts.filter(open)) marks[c] = 'complementary';
  }
}

/**
 * A line whose total is published and whose hidden parts (two or more, none of them zero) add up
 * to their number: a reader who knows hidden cells are ≥ 1 reads each of them as 1.
 */
function pinnedByLowerBound(equation: Equation, values: readonly number[], marks: readonly CellSuppression[]): boolean {
  const total = equation.find(([, k]) => k < 0);
  if (!total || marks[total[0]] !== null) return false;
  const parts = equation.filter(([, k]) => k > 0).map(([c]) => c);
  const hiddenParts = parts.filter((c) => marks[c] !== null);
  if (hiddenParts.length < 2 || hiddenParts.length === parts.length) return false;
  if (hiddenParts.some((c) => values[c] === 0)) return false;
  return hiddenParts.reduce((sum, c) => sum + values[c], 0) === hiddenParts.length;
}

export interface SuppressedBreakdown {
  /** Always published: it is the coarser count (e.g. the prefecture-day total). */
  total: number;
  cells: CellSuppression[];
}

/** A one-way breakdown (e.g. the age bands of one prefecture-day) whose total is published. */
export function suppressBreakdown(counts: readonly number[], options: SuppressionOptions = {}): SuppressedBreakdown {
  const threshold = thresholdOf(options);
  checkCounts(counts);
  if (counts.length < 2) throw new RangeError('a breakdown needs two categories or more');
  const total = counts.reduce((a, b) => a + b, 0);
  const n = counts.length;
  const equation: Equation = [...counts.map((_, i) => [i, 1] as const), [n, -1]];
  const marks = protect({ values: [...counts, total], fixed: new Set([n]), equations: [equation] }, threshold);
  return { total, cells: marks.slice(0, n) };
}

export interface SuppressedTable {
  /** Always published. */
  grandTotal: number;
  rowTotals: number[];
  columnTotals: number[];
  cells: CellSuppression[][];
  rowTotalCells: CellSuppression[];
  columnTotalCells: CellSuppression[];
}

/**
 * A two-way table (e.g. age band × sex) published with its row totals, column totals and grand
 * total. The margins are finer than the grand total, so they are suppressed by the same rules.
 */
export function suppressTable(counts: readonly (readonly number[])[], options: SuppressionOptions = {}): SuppressedTable {
  const threshold = thresholdOf(options);
  const rows = counts.length;
  const cols = counts[0]?.length ?? 0;
  if (rows < 2 || cols < 2) throw new RangeError('a table needs two rows and two columns or more');
  if (counts.some((r) => r.length !== cols)) throw new RangeError('rows of different lengths');
  counts.forEach(checkCounts);

  const cell = (i: number, j: number) => i * cols + j;
  const rowTotal = (i: number) => rows * cols + i;
  const columnTotal = (j: number) => rows * cols + rows + j;
  const grand = rows * cols + rows + cols;

  const rowTotals = counts.map((r) => r.reduce((a, b) => a + b, 0));
  const columnTotals = Array.from({ length: cols }, (_, j) => counts.reduce((a, r) => a + r[j], 0));
  const grandTotal = rowTotals.reduce((a, b) => a + b, 0);
  const values = [...counts.flat(), ...rowTotals, ...columnTotals, grandTotal];

  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  const equations: Equation[] = [
    ...range(rows).map((i): Equation => [...range(cols).map((j) => [cell(i, j), 1] as const), [rowTotal(i), -1]]),
    ...range(cols).map((j): Equation => [...range(rows).map((i) => [cell(i, j), 1] as const), [columnTotal(j), -1]]),
    [...range(rows).map((i) => [rowTotal(i), 1] as const), [grand, -1]],
    [...range(cols).map((j) => [columnTotal(j), 1] as const), [grand, -1]],
  ];
  const marks = protect({ values, fixed: new Set([grand]), equations }, threshold);
  return {
    grandTotal,
    rowTotals,
    columnTotals,
    cells: range(rows).map((i) => range(cols).map((j) => marks[cell(i, j)])),
    rowTotalCells: range(rows).map((i) => marks[rowTotal(i)]),
    columnTotalCells: range(cols).map((j) => marks[columnTotal(j)]),
  };
}
