// Seeded randomness for generated activity: the same seed gives the same month. Each user-day draws
// from its own stream (seed, user, day), so one user's month does not shift when another's changes.
export type Rng = () => number;

/** FNV-1a: a 32-bit hash of a string, to seed a stream or pick stably (a case's staffer). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for simulated behaviour. */
export function rngOf(...parts: (string | number)[]): Rng {
  let a = hash32(parts.join('|'));
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const intBelow = (rng: Rng, n: number) => Math.floor(rng() * n);
export const between = (rng: Rng, lo: number, hi: number) => lo + rng() * (hi - lo);
export const pick = <T,>(rng: Rng, items: readonly T[]): T => items[intBelow(rng, items.length)];

/** A day-to-day factor around 1 (log-normal), for how much a person does on a given day. */
export function lognormal(rng: Rng, sigma: number): number {
  const u = Math.max(rng(), 1e-12);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
  return Math.exp(sigma * z - (sigma * sigma) / 2);
}

/** A count with mean `mean` (Poisson by inversion; a normal approximation above 50). */
export function poisson(rng: Rng, mean: number): number {
  if (mean > 50) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(Math.max(rng(), 1e-12))) * Math.cos(2 * Math.PI * rng())));
  const l = Math.exp(-mean);
  let k = 0;
  for (let p = rng(); p > l; p *= rng()) k++;
  return k;
}

/** A version-4-shaped UUID from the stream (ids of generated records that the API would validate). */
export function uuidOf(rng: Rng): string {
  const hex = Array.from({ length: 32 }, () => intBelow(rng, 16).toString(16));
  hex[12] = '4';
  hex[16] = '89ab'[intBelow(rng, 4)];
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}
