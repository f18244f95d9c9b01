// k-anonymity before a pseudonymised extract leaves (issue 14, Q&A 21–22): every released row shares
// its quasi-identifiers with at least k−1 others. Rows in smaller classes are first rescued by local
// suppression — the one quasi-identifier column that keeps the most of them has its value replaced by
// 'suppressed' in those rows only (one cell a row, the smallest change that helps) — and the rows still
// in a class under k are withheld. 'suppressed' is compared as a value of its own, never as a wildcard,
// so a suppressed row never hides in a class it could not belong to. Pure.

export const SUPPRESSED = 'suppressed';
export const K_DEFAULT = 5;
export const K_MIN = 2;
export const K_MAX = 100;

export interface Anonymised<R> {
  rows: R[];
  /** Rows withheld because their class stayed under k. */
  rowsSuppressed: number;
  /** Released rows whose value of `suppressedColumn` was replaced by 'suppressed'. */
  cellsSuppressed: number;
  suppressedColumn: string | null;
}

type Row = Record<string, string>;

const classKey = (row: Row, columns: readonly string[]) => JSON.stringify(columns.map((c) => row[c]));

function classSizes(rows: readonly Row[], columns: readonly string[]): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const row of rows) {
    const key = classKey(row, columns);
    sizes.set(key, (sizes.get(key) ?? 0) + 1);
  }
  return sizes;
}

/** The size of each row's equivalence class on `columns`, in row order. */
export function equivalenceClassSizes(rows: readonly Row[], columns: readonly string[]): number[] {
  const sizes = classSizes(rows, columns);
  return rows.map((r) => sizes.get(classKey(r, columns))!);
}

const suppress = <R extends Row>(row: R, column: string): R => ({ ...row, [column]: SUPPRESSED });

/** How many of the small rows reach k when `column` is suppressed in them (the large rows are untouched). */
function rescuedBy(large: readonly Row[], small: readonly Row[], columns: readonly string[], column: string, k: number): number {
  const changed = small.map((r) => suppress(r, column));
  const sizes = classSizes([...large, ...changed], columns);
  return changed.filter((r) => sizes.get(classKey(r, columns))! >= k).length;
}

export function anonymise<R extends Row>(rows: readonly R[], quasiIdentifiers: readonly string[], k: number): Anonymised<R> {
  const sizes = classSizes(rows, quasiIdentifiers);
  const isSmall = (r: Row) => sizes.get(classKey(r, quasiIdentifiers))! < k;
  const large = rows.filter((r) => !isSmall(r));
  const small = rows.filter(isSmall);
  if (small.length === 0) return { rows: [...rows], rowsSuppressed: 0, cellsSuppressed: 0, suppressedColumn: null };

  let best: { column: string; rescued: number } | null = null;
  for (const column of quasiIdentifiers) {
    const rescued = rescuedBy(large, small, quasiIdentifiers, column, k);
    if (rescued > (best?.rescued ?? 0)) best = { column, rescued };
  }
  const candidates = best ? [...large, ...small.map((r) => suppress(r, best.column))] : [...large];
  const after = classSizes(candidates, quasiIdentifiers);
  const released = candidates.filter((r) => after.get(classKey(r, quasiIdentifiers))! >= k);
  return {
    rows: released,
    rowsSuppressed: rows.length - released.length,
    cellsSuppressed: best ? released.filter((r) => r[best.column] === SUPPRESSED).length : 0,
    suppressedColumn: best?.column ?? null,
  };
}
