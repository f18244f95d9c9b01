// Requests generated from the served OpenAPI document for every operation, as every role and as
// nobody, valid and made wrong on purpose (see run.ts, requests.ts, hostile.ts): no 5xx, every 4xx
// in the Problem shape, nothing changed by a refused request, the audit chain intact.
// Up to FUZZ_REQUESTS (5,000) per engine within FUZZ_SECONDS (60) of requests, from FUZZ_SEED
// (fixed, so that a run is repeatable); `npm run fuzz -- --requests 100000` goes further.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENGINES } from '../harness/engines.ts';
import { formatFailure, formatSummary, fuzz } from './run.ts';

const requests = Number(process.env.FUZZ_REQUESTS ?? 5000);
const seconds = Number(process.env.FUZZ_SECONDS ?? 60);
const seed = Number(process.env.FUZZ_SEED ?? 20_240_501);

for (const engine of ENGINES) {
  describe(`fuzzing every operation of the OpenAPI document (${engine})`, () => {
    it('answers no 5xx, every 4xx as a Problem, changes nothing when it refuses, and keeps the audit chain', async (t) => {
      const summary = await fuzz({ engine, requests, seconds, seed });
      const report = formatSummary(summary);
      for (const line of report.split('\n').slice(0, 4)) t.diagnostic(line);
      assert.deepEqual(summary.failures.map(formatFailure), [], report);
      assert.ok(summary.auditChain.ok, report);
      const untouched = Object.entries(summary.byOperation).filter(([, counts]) => !Object.keys(counts).length);
      assert.deepEqual(untouched.map(([name]) => name), [], 'every operation was called');
    });
  });
}
