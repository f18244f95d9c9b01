import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { determinedCells, type Equation } from './determined-cells.ts';

// A 2×2 table: cells 0 1 / 2 3, row totals 4 5, column totals 6 7.
const TWO_BY_TWO: Equation[] = [
  [[0, 1], [1, 1], [4, -1]],
  [[2, 1], [3, 1], [5, -1]],
  [[0, 1], [2, 1], [6, -1]],
  [[1, 1], [3, 1], [7, -1]],
];

describe('recovering hidden cells', () => {
  it('finds a cell hidden alone in its row', () => {
    assert.deepEqual([...determinedCells(TWO_BY_TWO, new Set([0]))], [0]);
  });
  it('finds both cells of a pair that shares a row but lies in columns with nothing else hidden', () => {
    assert.deepEqual([...determinedCells(TWO_BY_TWO, new Set([0, 1]))].sort(), [0, 1]);
  });
  it('finds none of the four corners of a hidden rectangle', () => {
    assert.equal(determinedCells(TWO_BY_TWO, new Set([0, 1, 2, 3])).size, 0);
  });
  it('finds a hidden total whose parts are published, and nothing when nothing is hidden', () => {
    assert.deepEqual([...determinedCells(TWO_BY_TWO, new Set([4]))], [4]);
    assert.equal(determinedCells(TWO_BY_TWO, new Set()).size, 0);
  });
});
