// /api/open-data: the published counts, their files and the data dictionary — public, no login.
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { OpenDataFile, OpenDataFileParams, OpenDataIndex } from '../../domain/api/open-data.ts';
import { FILE_FORMAT, OPEN_DATA_DICTIONARY } from '../../domain/statistics/open-data-dictionary.ts';
import type { Database } from '../db/database.ts';
import { openDataFile, openDataIndex } from './read.ts';

const tags = ['open data'];

export const openDataRoutes = (db: Database): FastifyPluginAsyncZod => async (app) => {
  app.get('/open-data', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The latest publication (its files and the revisions it makes) and the list of publications (public)', response: { 200: OpenDataIndex } },
  }, async () => openDataIndex(db));

  app.get('/open-data/dictionary', {
    config: { auth: 'public' },
    schema: { tags, summary: 'The data dictionary: every file, every column, its type, unit and what an empty value means (public)', response: { 200: z.any() } },
  }, async () => ({ format: FILE_FORMAT, files: OPEN_DATA_DICTIONARY }));

  app.get('/open-data/:date/:file', {
    config: { auth: 'public' },
    schema: { tags, summary: 'A published file as CSV or JSON; "latest" for the newest publication (public)', params: OpenDataFileParams, response: { 200: OpenDataFile } },
  }, async (request, reply) => {
    const f = await openDataFile(db, request.params);
    reply.header('cache-control', 'public, max-age=300').header('content-disposition', `inline; filename="${f.fileName}"`);
    return f.type === 'csv' ? reply.type('text/csv; charset=utf-8').send(f.body) : reply.type('application/json').send(f.body);
  });
};
