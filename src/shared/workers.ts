import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * Starts the worker module `name` (without extension) that lies beside the module at `besideUrl`
 * (its `import.meta.url`). fraudx runs compiled (bin/compile.js), where the worker is a JavaScript
 * module beside its caller; run from its TypeScript sources (the tests), a new thread registers
 * tsx before loading it.
 */
export function startWorker(besideUrl: string, name: string, workerData: unknown): Worker {
  if (besideUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, besideUrl), { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL(`./${name}.ts`, besideUrl).href;
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(code, { eval: true, workerData });
}

/**
 * Lowers this thread's scheduling priority (Linux: a thread is a task of its own, named by
 * /proc/thread-self). A helper thread that works beside a busier one (an import's parse and
 * checkpoint threads beside its writer) then takes a core only when the busier one does not want it.
 * Elsewhere, or when not allowed, it stays as it is.
 */
export function yieldToBusierThreads(niceness = 10): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, niceness);
  } catch {
    // No /proc (not Linux) or no permission: the thread keeps its priority.
  }
}
