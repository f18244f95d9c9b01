// The version a client read of a mutable row (optimistic concurrency, DESIGN.md §2): a stale one
// answers 409. Bounded by PostgreSQL's integer column, so that a larger number answers 400 here
// instead of failing in SQL.
import { z } from 'zod';

export const PG_INTEGER_MAX = 2_147_483_647;

export const Version = z
  .number()
  .int()
  .min(1)
  .max(PG_INTEGER_MAX)
  .meta({ description: 'The version read: a change made meanwhile answers 409' });
