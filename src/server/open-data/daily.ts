// The daily publication: once the Japan time passes OPEN_DATA_PUBLISH_AT, today's publication is
// made (counting whatever is still queued first). Run every minute by the scheduler; the first run
// of the day publishes, the others find it made.
import { japanToday } from '../../domain/calendar.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { refreshAllCounts } from '../statistics/refresh.ts';
import { publishOpenData } from './publish.ts';

const JAPAN_TIME = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Tokyo', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

export async function publishIfDue(db: Database, config: Pick<Config, 'OPEN_DATA_PUBLISH_AT' | 'OPEN_DATA_THRESHOLD'>, now = new Date()) {
  if (JAPAN_TIME.format(now) < config.OPEN_DATA_PUBLISH_AT) return null;
  await refreshAllCounts(db);
  return publishOpenData(db, { on: japanToday(now), threshold: config.OPEN_DATA_THRESHOLD });
}
