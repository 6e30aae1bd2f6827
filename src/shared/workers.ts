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
