// Population for rates per 100,000: the census year nearest to the year counted. Only the 2020
// census is shipped (census-2020.ts); add the next census as another table beside it.
import { CENSUS_2020 } from './census-2020.ts';

/** The national area code, as e-Stat writes the whole country. */
export const NATIONAL_AREA_CODE = '00000';

const CENSUSES = [CENSUS_2020];
export const CENSUS_YEARS: readonly number[] = CENSUSES.map((c) => c.year);

export interface AreaPopulation {
  areaCode: string;
  population: number;
  /** The census the figure comes from, which may differ from the year asked for. */
  censusYear: number;
  source: (typeof CENSUS_2020)['source'];
}

function populationIn(census: typeof CENSUS_2020, areaCode: string): number | undefined {
  if (areaCode === NATIONAL_AREA_CODE) return census.national;
  if (/^\d{2}$/.test(areaCode)) return census.prefectures[areaCode];
  if (/^\d{6}$/.test(areaCode)) return census.municipalities[areaCode]?.population;
  return undefined;
}

/**
 * The population of an area (prefecture JIS code '13', six-digit municipality code '131041', or
 * NATIONAL_AREA_CODE) from the census nearest to `year` (the earlier one on a tie); undefined for an
 * area the shipped censuses do not hold.
 */
export function populationOf(areaCode: string, year: number): AreaPopulation | undefined {
  const nearest = [...CENSUSES].sort((a, b) => Math.abs(a.year - year) - Math.abs(b.year - year) || a.year - b.year)[0];
  const population = populationIn(nearest, areaCode);
  return population === undefined ? undefined : { areaCode, population, censusYear: nearest.year, source: nearest.source };
}

/** Cases per 100,000 people, unrounded: round where it is shown (the census count has no decimals to lend). */
export function per100k(count: number, population: number): number {
  if (!(population > 0)) throw new RangeError('population must be positive');
  return (count * 100_000) / population;
}
