// A whole column as one parameter: the jobs write and filter thousands of rows per statement with
// unnest() and = ANY(), which a list of single parameters would not allow (65,535 at most).

/** A PostgreSQL array literal ({"a","b",NULL}) for a parameter cast to type[] in the statement. */
export function pgArray(values: readonly (string | number | boolean | null)[]): string {
  const items = values.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`));
  return `{${items.join(',')}}`;
}
