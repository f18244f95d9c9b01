// The clients of the self-report benchmark, in a worker thread so that their fetch and JSON work
// does not run on the server's event loop. Each report is another patient's (their own session
// cookie), as on a morning when everyone reports once: POST /api/my/reports with an Idempotency-Key.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { HttpClient } from '../test/harness/http-client.ts';

export interface ReportLoadInput {
  baseUrl: string;
  clients: number;
  /** Each patient's session token and case, one report each; the first `warmup` are not timed. */
  patients: { token: string; caseId: string }[];
  warmup: number;
}

export interface ReportLoadResult {
  reportsMs: number[];
  wallMs: number;
  /** Time this worker's event loop was busy while measured: the clients' own CPU. */
  clientBusyMs: number;
  redFlags: number;
}

async function run(input: ReportLoadInput): Promise<ReportLoadResult> {
  let next = 0;
  let redFlags = 0;
  // One browser per client (its CSRF token fetched once), a patient's session cookie per report.
  const clients = Array.from({ length: input.clients }, () => new HttpClient(input.baseUrl));
  const drive = async (until: number, samples?: number[]) => {
    await Promise.all(
      clients.map(async (client) => {
        while (next < until) {
          const p = input.patients[next++];
          client.setCookie('hersys_patient', p.token);
          // One in ten reports a low SpO2: the alert is raised in the same transaction.
          const low = next % 10 === 0;
          const body = { caseId: p.caseId, temperature: 37.4, spo2: low ? 92 : 97, symptoms: ['cough'], feeling: 'same' };
          const t = performance.now();
          const r = await client.post('/api/my/reports', body, { 'idempotency-key': randomUUID() });
          samples?.push(performance.now() - t);
          if (r.status !== 201) throw new Error(`report: ${r.status} ${JSON.stringify(r.body)}`);
          if (r.body.callCentre) redFlags++;
        }
      }),
    );
  };
  await drive(input.warmup);
  parentPort!.postMessage({ measuring: true });
  const reportsMs: number[] = [];
  const started = performance.now();
  const elu = performance.eventLoopUtilization();
  await drive(input.patients.length, reportsMs);
  const wallMs = performance.now() - started;
  return { reportsMs, wallMs, clientBusyMs: performance.eventLoopUtilization(elu).utilization * wallMs, redFlags };
}

if (parentPort) {
  run(workerData as ReportLoadInput).then(
    (result) => parentPort!.postMessage({ result }),
    (err: Error) => parentPort!.postMessage({ error: err.stack ?? String(err) }),
  );
}
