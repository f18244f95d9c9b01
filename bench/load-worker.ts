// The clients of the throughput benchmark, in a worker thread so that their fetch and JSON work
// does not run on the server's event loop. Each client is one doctor with their own session, on one
// of the servers (round robin); all share `flows` and each flow is register → draft → submit over HTTP.
import { parentPort, workerData } from 'node:worker_threads';
import { flow } from './flow.ts';
import { firstLogin } from '../test/harness/http-client.ts';

export interface LoadInput {
  baseUrls: string[];
  accounts: { loginId: string; password: string }[];
  flows: number;
  /** Flows before the clock starts (JIT, plan caches, connections). */
  warmup: number;
}

export interface LoadResult {
  flowsMs: number[];
  wallMs: number;
}

async function run(input: LoadInput): Promise<LoadResult> {
  const clients = await Promise.all(input.accounts.map((a, i) => firstLogin(input.baseUrls[i % input.baseUrls.length], a.loginId, a.password)));
  const drive = async (count: number, samples?: number[]) => {
    let left = count;
    await Promise.all(
      clients.map(async (client) => {
        while (left > 0) {
          left--;
          const t = performance.now();
          await flow(client);
          samples?.push(performance.now() - t);
        }
      }),
    );
  };
  await drive(input.warmup);
  // The parent counts the statements of the measured flows from here.
  parentPort!.postMessage({ measuring: true });
  const flowsMs: number[] = [];
  const started = performance.now();
  await drive(input.flows, flowsMs);
  return { flowsMs, wallMs: performance.now() - started };
}

if (parentPort) {
  run(workerData as LoadInput).then(
    (result) => parentPort!.postMessage({ result }),
    (err: Error) => parentPort!.postMessage({ error: err.stack ?? String(err) }),
  );
}
