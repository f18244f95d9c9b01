// The one shape of every error answer, documented in OpenAPI and read by the web app:
//   { statusCode, code, message: {ja, en}, errors?: [{ path, code, message: {ja, en} }] }
import { z } from 'zod';

const localized = z.object({ ja: z.string(), en: z.string() });

export const Problem = z
  .object({
    statusCode: z.number().int(),
    code: z.string(),
    message: localized,
    errors: z
      .array(z.object({ path: z.array(z.union([z.string(), z.number()])), code: z.string(), message: localized }))
      .optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'Problem' });
export type Problem = z.infer<typeof Problem>;
