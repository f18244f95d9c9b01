// Calendar dates and instants in requests: ISO 8601 as zod checks it, and not before 1900.
// Nobody followed today was born earlier, no record is that old, and PostgreSQL refuses the
// year 0000 that the ISO pattern lets through (a 500 the fuzz suite found).
import { z } from 'zod';

export const EARLIEST_DATE = '1900-01-01';
const notTooEarly = { error: '1900年1月1日以降の日付を入力してください / a date from 1900-01-01 on' };

export const CalendarDate = z.iso.date().refine((d) => d >= EARLIEST_DATE, notTooEarly);

export const Instant = (options?: { offset?: boolean }) =>
  z.iso.datetime(options).refine((s) => s.slice(0, 10) >= EARLIEST_DATE, notTooEarly);
