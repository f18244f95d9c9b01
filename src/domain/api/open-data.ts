// Open data's public answers (issue 13): publications, their files and revisions. No login.
import { z } from 'zod';
import { OPEN_DATA_FILE_IDS } from '../statistics/open-data-dictionary.ts';
import { CalendarDate } from './dates.ts';

export const Publication = z.object({
  publishedOn: CalendarDate,
  coversFrom: CalendarDate,
  coversTo: CalendarDate.meta({ description: 'The last day counted: the day before publication' }),
  threshold: z.number().int().meta({ description: 'Counts from 1 to threshold−1 in breakdowns finer than a prefecture-day are suppressed' }),
  files: z.array(z.object({ fileId: z.enum(OPEN_DATA_FILE_IDS), fileName: z.string(), rows: z.number().int(), sha256: z.string() })),
  revisions: z.object({
    total: z.number().int().meta({ description: 'Values of days already published that this publication changes' }),
    list: z.array(z.object({ fileId: z.enum(OPEN_DATA_FILE_IDS), rowKey: z.string(), column: z.string(), previous: z.string(), value: z.string() })),
  }),
});

export const OpenDataIndex = z.object({
  latest: Publication.nullable(),
  publications: z.array(z.object({ publishedOn: CalendarDate, coversTo: CalendarDate })).meta({ description: 'The last 60 publications, newest first' }),
});

export const OpenDataFileParams = z.object({
  date: z.union([z.literal('latest'), CalendarDate]),
  file: z.string().regex(/^[a-z_]+\.(csv|json)$/, { error: 'ファイル名は <id>.csv か <id>.json です / the file is <id>.csv or <id>.json' }),
});
export type OpenDataFileParams = z.infer<typeof OpenDataFileParams>;

export const OpenDataFile = z.any().meta({ description: 'text/csv (UTF-8 with BOM, CRLF) or application/json: { fileId, columns, records }' });
