// drizzle-kit reads this to generate SQL migrations from src/server/db/schema.ts:
//   npx drizzle-kit generate            (tables)
//   npx drizzle-kit generate --custom   (an empty file for RLS, triggers and functions)
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/server/db/schema.ts',
  out: './src/server/db/migrations',
});
