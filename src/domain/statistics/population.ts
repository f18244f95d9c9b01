// TEMPORARY (replaced by the open-data branch's population table before commit).
export function populationOf(_areaCode: string, _year?: number): number | null {
  return null;
}
export const per100k = (count: number, population: number | null | undefined): number | null =>
  population ? Math.round((count * 1_000_000) / population) / 10 : null;
