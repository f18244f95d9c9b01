import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { suppressBreakdown, suppressTable, type CellSuppression } from './suppression.ts';

// --- An exact check written apart from determined-cells.ts: rank over the rationals with BigInt
// fraction-free elimination. A hidden cell is recoverable iff adding its unit vector to the
// equations (restricted to hidden cells) does not raise the rank.
function rank(matrix: bigint[][]): number {
  const m = matrix.map((r) => [...r]);
  let r = 0;
  for (let c = 0; c < (m[0]?.length ?? 0) && r < m.length; c++) {
    const p = m.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (p < 0) continue;
    [m[r], m[p]] = [m[p], m[r]];
    for (let i = r + 1; i < m.length; i++) {
      const f = m[i][c];
      if (f !== 0n) m[i] = m[i].map((x, j) => x * m[r][c] - m[r][j] * f);
    }
    r++;
  }
  return r;
}

/** Equations as coefficient rows over all cells; returns the hidden cells a reader can recover. */
function recoverable(equations: number[][], hidden: number[]): number[] {
  const restricted = equations.map((row) => hidden.map((cell) => BigInt(row[cell])));
  const base = rank(restricted);
  return hidden.filter((_, k) => rank([...restricted, hidden.map((__, j) => (j === k ? 1n : 0n))]) === base);
}

/** Cells of an R×C table laid out as interior, row totals, column totals, grand total. */
function tableEquations(rows: number, cols: number): number[][] {
  const size = rows * cols + rows + cols + 1;
  const eq = (parts: number[], total: number) => {
    const row = new Array<number>(size).fill(0);
    for (const p of parts) row[p] = 1;
    row[total] = -1;
    return row;
  };
  const range = (n: number) => Array.from({ length: n }, (_, k) => k);
  return [
    ...range(rows).map((i) => eq(range(cols).map((j) => i * cols + j), rows * cols + i)),
    ...range(cols).map((j) => eq(range(rows).map((i) => i * cols + j), rows * cols + rows + j)),
    eq(range(rows).map((i) => rows * cols + i), size - 1),
  ];
}

function flatTable(counts: number[][]) {
  const s = suppressTable(counts);
  const values = [...counts.flat(), ...s.rowTotals, ...s.columnTotals, s.grandTotal];
  const marks: CellSuppression[] = [...s.cells.flat(), ...s.rowTotalCells, ...s.columnTotalCells, null];
  return { s, values, marks };
}
const hiddenOf = (marks: CellSuppression[]) => marks.flatMap((m, i) => (m ? [i] : []));

const count = fc.oneof(fc.constantFrom(0, 0, 1, 1, 2), fc.integer({ min: 0, max: 40 }));
const table = fc
  .record({ rows: fc.integer({ min: 2, max: 6 }), cols: fc.integer({ min: 2, max: 4 }) })
  .chain(({ rows, cols }) => fc.array(fc.array(count, { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows }));
const breakdown = fc.array(count, { minLength: 2, maxLength: 11 });
const threshold = fc.integer({ min: 1, max: 6 });

describe('small-cell suppression of a breakdown with its published total', () => {
  it('hides a count below the threshold and the smallest other non-zero count with it', () => {
    const { cells } = suppressBreakdown([5, 1, 7, 0, 4]);
    assert.deepEqual(cells, [null, 'primary', null, null, 'complementary']);
  });

  it('publishes zero as 0 and a count at the threshold as it is', () => {
    assert.deepEqual(suppressBreakdown([0, 3, 0, 12]).cells, [null, null, null, null]);
  });

  it('takes the threshold as an option', () => {
    assert.deepEqual(suppressBreakdown([3, 4, 9], { threshold: 5 }).cells, ['primary', 'primary', null]);
    assert.deepEqual(suppressBreakdown([3, 4, 9], { threshold: 1 }).cells, [null, null, null]);
  });

  it('does not leave two hidden ones alone in a line, which a reader would read as 1 and 1', () => {
    assert.deepEqual(suppressBreakdown([5, 1, 1, 7]).cells, ['complementary', 'primary', 'primary', null]);
  });

  it('hides the zeros too when a small count has no other non-zero cell to hide behind', () => {
    assert.deepEqual(suppressBreakdown([2, 0, 0]).cells, ['primary', 'complementary', 'complementary']);
  });

  it('refuses a breakdown of one category (it is its total) and counts that are not counts', () => {
    assert.throws(() => suppressBreakdown([4]), RangeError);
    assert.throws(() => suppressBreakdown([1, -1]), RangeError);
    assert.throws(() => suppressBreakdown([1.5, 2]), RangeError);
  });

  it('never publishes a count from 1 to threshold − 1', () => {
    fc.assert(
      fc.property(breakdown, threshold, (counts, t) => {
        const { cells } = suppressBreakdown(counts, { threshold: t });
        counts.forEach((c, i) => assert.ok(cells[i] !== null || c === 0 || c >= t));
      }),
    );
  });

  it('leaves no hidden cell recoverable from the published cells and the total', () => {
    fc.assert(
      fc.property(breakdown, threshold, (counts, t) => {
        const { cells } = suppressBreakdown(counts, { threshold: t });
        const equation = [...counts.map(() => 1), -1];
        assert.deepEqual(recoverable([equation], hiddenOf(cells)), []);
      }),
    );
  });

  it('publishes a breakdown without small counts whole', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 3, max: 99 })), { minLength: 2, maxLength: 11 }), (counts) => {
        assert.ok(suppressBreakdown(counts).cells.every((m) => m === null));
      }),
    );
  });
});

describe('small-cell suppression of a table with row, column and grand totals', () => {
  it('answers a single small cell with a second one hidden in its row and its column, closing the rectangle with the smallest cells', () => {
    const s = suppressTable([
      [10, 1, 20],
      [15, 12, 30],
      [8, 9, 25],
    ]);
    assert.deepEqual(s.cells, [
      ['complementary', 'primary', null],
      [null, null, null],
      ['complementary', 'complementary', null],
    ]);
    assert.deepEqual([...s.rowTotalCells, ...s.columnTotalCells], [null, null, null, null, null, null]);
  });

  it('suppresses a small row total like any other cell', () => {
    const s = suppressTable([
      [1, 1, 0],
      [10, 20, 5],
      [7, 6, 9],
    ]);
    assert.equal(s.rowTotalCells[0], 'primary');
    assert.deepEqual(s.cells[0].slice(0, 2), ['primary', 'primary']);
  });

  it('never publishes a count from 1 to threshold − 1, margins included', () => {
    fc.assert(
      fc.property(table, (counts) => {
        const { values, marks } = flatTable(counts);
        values.slice(0, -1).forEach((v, i) => assert.ok(marks[i] !== null || v === 0 || v >= 3, `cell ${i} = ${v}`));
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no hidden cell exactly recoverable from the published cells and margins', () => {
    fc.assert(
      fc.property(table, (counts) => {
        const { marks } = flatTable(counts);
        assert.deepEqual(recoverable(tableEquations(counts.length, counts[0].length), hiddenOf(marks)), []);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves no line whose published total pins its hidden cells to 1 each', () => {
    fc.assert(
      fc.property(table, (counts) => {
        const { values, marks } = flatTable(counts);
        for (const row of tableEquations(counts.length, counts[0].length)) {
          const total = row.indexOf(-1);
          const parts = row.flatMap((k, i) => (k === 1 ? [i] : []));
          const hidden = parts.filter((i) => marks[i] !== null);
          if (marks[total] !== null || hidden.length < 2 || hidden.length === parts.length) continue;
          if (hidden.some((i) => values[i] === 0)) continue;
          assert.notEqual(hidden.reduce((a, i) => a + values[i], 0), hidden.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('publishes a table without small counts whole', () => {
    const big = fc.oneof(fc.constant(0), fc.integer({ min: 3, max: 99 }));
    fc.assert(
      fc.property(fc.array(fc.array(big, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 6 }), (counts) => {
        const { marks, values } = flatTable(counts);
        // Margins of large counts are large too, unless a whole row or column is zero.
        assert.ok(values.every((v) => v === 0 || v >= 3));
        assert.ok(marks.every((m) => m === null));
      }),
    );
  });
});
