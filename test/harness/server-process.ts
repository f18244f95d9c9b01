// `hersys serve` as a process of its own, as an operator runs it: for tests that kill it, stop its
// database under it, or run two of them. On an empty database it seeds the demo world and prints the
// demo accounts' initial passwords to its console once; they are read from there.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { TEST_MASTER_KEY } from '../../src/server/config.ts';

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Initial passwords printed at first start (empty when the database was seeded before). */
  accounts: Map<string, string>;
  /** Everything the process wrote (console and log). */
  output(): string;
  alive(): boolean;
  /** Sends the signal and waits for the process to end. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the server with `env` (on `port`, or a free one); resolves once /api/ready answers 200. */
export async function startServer(env: Record<string, string>, options: { port?: number; readyWithinMs?: number } = {}): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const readyWithinMs = options.readyWithinMs ?? 180_000;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve'], {
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'info', LOGIN_RATE_LIMIT_PER_MINUTE: '100000', HERSYS_MASTER_KEY: TEST_MASTER_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const until = Date.now() + readyWithinMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}:\n${output}`);
    if (await fetch(`${url}/api/ready`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (Date.now() >= until) {
    child.kill('SIGKILL');
    throw new Error(`the server was not ready within ${readyWithinMs} ms:\n${output}`);
  }
  const accounts = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^ {2}(\S+) +(\S+) {3}\S/.exec(line);
    if (m && m[1] !== 'login') accounts.set(m[1], m[2]);
  }
  return {
    url,
    child,
    accounts,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
