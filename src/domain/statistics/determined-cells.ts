// Which hidden cells of a table can be worked out exactly from the published ones. Every relation
// the reader knows is a linear equation over cells (a total is a part with coefficient −1); with
// the published cells moved to the right-hand side, a hidden cell is determined exactly when its
// unit vector lies in the row space of the equations restricted to the hidden cells — in reduced
// row-echelon form, when some row has that cell's pivot and nothing else.

/** Σ coefficient × cell = 0, as [cell, coefficient] pairs with integer coefficients. */
export type Equation = readonly (readonly [cell: number, coefficient: number])[];

const gcd = (a: number, b: number): number => {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
};

function checked(n: number): number {
  // The matrices here are small with ±1 entries, so integers stay tiny; refuse rather than round.
  if (!Number.isSafeInteger(n)) throw new RangeError('elimination left the safe integer range');
  return n;
}

/** The hidden cells that the equations pin to a single value. Exact: integer elimination, no floats. */
export function determinedCells(equations: readonly Equation[], hidden: ReadonlySet<number>): Set<number> {
  const columns = [...hidden].sort((a, b) => a - b);
  const at = new Map(columns.map((cell, i) => [cell, i]));
  const rows: number[][] = [];
  for (const equation of equations) {
    const row = new Array<number>(columns.length).fill(0);
    for (const [cell, coefficient] of equation) {
      const i = at.get(cell);
      if (i !== undefined) row[i] += coefficient;
    }
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  const pivots: [row: number, column: number][] = [];
  let next = 0;
  for (let c = 0; c < columns.length && next < rows.length; c++) {
    const p = rows.findIndex((row, i) => i >= next && row[c] !== 0);
    if (p < 0) continue;
    [rows[next], rows[p]] = [rows[p], rows[next]];
    const pivot = rows[next];
    for (let i = 0; i < rows.length; i++) {
      const factor = rows[i][c];
      if (i === next || factor === 0) continue;
      const row = rows[i].map((x, j) => checked(x * pivot[c] - pivot[j] * factor));
      const divisor = row.reduce(gcd, 0) || 1;
      rows[i] = row.map((x) => x / divisor);
    }
    pivots.push([next, c]);
    next++;
  }
  const determined = new Set<number>();
  for (const [r, c] of pivots) {
    if (rows[r].every((x, j) => j === c || x === 0)) determined.add(columns[c]);
  }
  return determined;
}
