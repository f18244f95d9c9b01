// Legal dates (diagnosis, report, onset) are calendar dates in Japan time (DESIGN.md §3).

const JAPAN_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar date in Japan at an instant, yyyy-mm-dd: 2026-11-20T15:30Z is 2026-11-21. */
export const japanToday = (instant: Date): string => JAPAN_DATE.format(instant);
