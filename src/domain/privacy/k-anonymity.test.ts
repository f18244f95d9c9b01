import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { anonymise, equivalenceClassSizes, SUPPRESSED } from './k-anonymity.ts';

const QIS = ['a', 'b', 'c'];
// Few values per column, so that classes of every size occur.
const row = fc
  .record({ a: fc.constantFrom('x', 'y', 'z'), b: fc.constantFrom('1', '2'), c: fc.constantFrom('p', 'q', 'r', 's'), id: fc.uuid() })
  .map((r): Record<string, string> => r);
const rows = fc.array(row, { maxLength: 120 });
const columns = fc.subarray(QIS, { minLength: 1 });
const k = fc.integer({ min: 2, max: 12 });

describe('k-anonymity', () => {
  it('every released row’s equivalence class has at least k members', () => {
    fc.assert(
      fc.property(rows, columns, k, (rs, qis, k) => {
        const out = anonymise(rs, qis, k);
        assert.ok(equivalenceClassSizes(out.rows, qis).every((n) => n >= k));
      }),
    );
  });

  it('rows are released or counted as suppressed, never lost or invented; only the chosen column is ever suppressed', () => {
    fc.assert(
      fc.property(rows, columns, k, (rs, qis, k) => {
        const out = anonymise(rs, qis, k);
        assert.equal(out.rows.length + out.rowsSuppressed, rs.length);
        const byId = new Map(rs.map((r) => [r.id, r]));
        for (const r of out.rows) {
          const original = byId.get(r.id)!;
          for (const column of Object.keys(original)) {
            if (r[column] !== original[column]) assert.ok(column === out.suppressedColumn && r[column] === SUPPRESSED);
          }
        }
        assert.equal(out.cellsSuppressed, out.rows.filter((r) => out.suppressedColumn && r[out.suppressedColumn] === SUPPRESSED).length);
      }),
    );
  });

  it('a table already k-anonymous is released unchanged', () => {
    fc.assert(
      fc.property(rows, columns, k, (rs, qis, k) => {
        const doubled = Array.from({ length: k }, () => rs).flat();
        const out = anonymise(doubled, qis, k);
        assert.deepEqual(out, { rows: doubled, rowsSuppressed: 0, cellsSuppressed: 0, suppressedColumn: null });
      }),
    );
  });

  it('local suppression rescues rows: the column that keeps the most of them is suppressed, the rest withheld', () => {
    const rs = [
      ...Array.from({ length: 5 }, (_, i) => ({ a: 'x', b: '1', id: `big${i}` })),
      // Three rows alone on a, sharing b with the large class: suppressing a puts them in one class of 3.
      { a: 'y', b: '2', id: 's1' },
      { a: 'z', b: '2', id: 's2' },
      { a: 'w', b: '2', id: 's3' },
      { a: 'v', b: '3', id: 'lone' },
    ];
    const out = anonymise(rs, ['a', 'b'], 3);
    assert.equal(out.suppressedColumn, 'a');
    assert.equal(out.cellsSuppressed, 3);
    assert.equal(out.rowsSuppressed, 1);
    assert.deepEqual(out.rows.filter((r) => r.a === SUPPRESSED).map((r) => r.id), ['s1', 's2', 's3']);
  });
});
