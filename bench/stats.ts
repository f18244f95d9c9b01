import { readFileSync } from 'node:fs';

// Percentiles of latency samples (nearest rank).
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Where the CPU went between two readings: the whole machine (/proc/stat, Linux only; null
 * elsewhere) and this Node process (the server and any load-generating worker threads in it).
 * On a 2-core machine that also runs the database, this tells a slow server from a full machine.
 */
export interface CpuReading {
  machineBusyMs: number | null;
  machineMs: number | null;
  processMs: number;
}

function machineJiffies(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - fields[3] - fields[4], total }; // minus idle and iowait
  } catch {
    return null;
  }
}

export function cpuReading(): CpuReading {
  const m = machineJiffies();
  const hz = 100; // USER_HZ on Linux
  const { user, system } = process.cpuUsage();
  return { machineBusyMs: m && (m.busy * 1000) / hz, machineMs: m && (m.total * 1000) / hz, processMs: (user + system) / 1000 };
}

/** CPU spent since `before`, in ms: the machine's (all cores) and this process's. */
export function cpuSince(before: CpuReading): { machineBusyMs: number | null; machineBusyShare: number | null; processMs: number } {
  const now = cpuReading();
  const busy = now.machineBusyMs !== null && before.machineBusyMs !== null ? now.machineBusyMs - before.machineBusyMs : null;
  const total = now.machineMs !== null && before.machineMs !== null ? now.machineMs - before.machineMs : null;
  return { machineBusyMs: busy, machineBusyShare: busy !== null && total ? busy / total : null, processMs: now.processMs - before.processMs };
}
