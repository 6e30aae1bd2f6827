/** Child processes of the benchmark: servers, load clients, CLI runs, and their memory. */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import type { ClientJob, ClientResult } from './load-client.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The launcher users run (bin/fraudx), which starts bin/fraudx.js in the same process.
const BIN = path.join(ROOT, 'bin', 'fraudx');

/** Resident memory of a process in MB, from /proc (Linux); 0 where there is none. */
export function rssMb(pid: number | undefined): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/u.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

export interface Server {
  url: string;
  child: ChildProcess;
  log: () => string;
  /** The highest RSS seen since start, polled every 100 ms. */
  peakRssMb: () => number;
  stop(): Promise<void>;
}

/** Starts a server process (`command`: the program, then its arguments) and waits until it prints `"address":"http://…"`. */
export function startServer(command: string[], env: Record<string, string>): Promise<Server> {
  const child = spawn(command[0], command.slice(1), { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), 100);
  return new Promise((resolve, reject) => {
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"address":"(http:\/\/[^"]+)"/u.exec(log);
      if (match) {
        resolve({
          url: match[1],
          child,
          log: () => log,
          peakRssMb: () => peak,
          stop: () =>
            new Promise((done) => {
              clearInterval(poll);
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearInterval(poll);
      reject(new Error(`server exited with ${code}:\n${log.slice(-2000)}`));
    });
  });
}

export const serveCommand = [BIN, 'serve', '--port', '0'];
export const tsxArgs = (file: string) => ['--import', 'tsx', path.join(ROOT, 'bench', file)];
export const tsxCommand = (file: string) => [process.execPath, ...tsxArgs(file)];

/** Runs `fraudx …` to the end, answering its stdout, wall time and peak RSS. */
export function runFraudx(args: string[], env: Record<string, string>): Promise<{ stdout: string; seconds: number; peakRssMb: number }> {
  const child = spawn(BIN, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const started = performance.now();
  let stdout = '';
  let stderr = '';
  let peak = 0;
  const poll = setInterval(() => (peak = Math.max(peak, rssMb(child.pid))), 100);
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      clearInterval(poll);
      if (code !== 0) reject(new Error(`fraudx ${args.join(' ')} exited with ${code}:\n${stderr.slice(-2000)}`));
      else resolve({ stdout, seconds: (performance.now() - started) / 1000, peakRssMb: peak });
    });
  });
}

export interface LoadResult {
  perSecond: number;
  itemsPerSecond: number;
  p99Ms: number;
  errors: number;
}

let loadClientFile: string | undefined;

/**
 * The load client compiled to JavaScript once a run (beside the compiled app, in `.build/`, where
 * its packages resolve): started through tsx, each of a phase's clients spent a second or more of
 * the machine's two cores compiling before it could begin.
 */
function loadClient(): string {
  if (!loadClientFile) {
    const outfile = path.join(ROOT, '.build', 'bench', 'load-client.mjs');
    buildSync({ entryPoints: [path.join(ROOT, 'bench', 'load-client.ts')], outfile, bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
    loadClientFile = outfile;
  }
  return loadClientFile;
}

/** Runs `clients` closed-loop client processes at once against one target and sums them. */
export async function runLoad(job: Omit<ClientJob, 'payloadFile'>, payloads: string[], clients: number, dir: string): Promise<LoadResult> {
  const payloadFile = path.join(dir, `payload-${job.mode}-${job.itemsPerRequest}.json`);
  writeFileSync(payloadFile, JSON.stringify(payloads));
  const jobFile = path.join(dir, `job-${job.mode}.json`);
  writeFileSync(jobFile, JSON.stringify({ ...job, payloadFile }));
  // Clients take a moment to start (their packages, the payload file): they measure only once all
  // are ready, so no client's start-up falls in another's measured window.
  const children = Array.from({ length: clients }, () => spawn(process.execPath, [loadClient(), jobFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] }));
  let ready = 0;
  for (const child of children) {
    child.once('message', () => {
      if (++ready === clients) for (const c of children) c.send('go');
    });
  }
  const results = await Promise.all(
    children.map((child) => {
      let out = '';
      child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
      // 'close', not 'exit': a client's output can still be in the pipe when it exits.
      return new Promise<ClientResult>((resolve, reject) => child.once('close', (code) => (code === 0 ? resolve(JSON.parse(out) as ClientResult) : reject(new Error(`load client exited with ${code}`)))));
    }),
  );
  const seconds = Math.max(...results.map((r) => r.elapsedMs)) / 1000;
  const latencies = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    perSecond: results.reduce((s, r) => s + r.requests, 0) / seconds,
    itemsPerSecond: results.reduce((s, r) => s + r.items, 0) / seconds,
    p99Ms: latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.99))] ?? 0,
    errors: results.reduce((s, r) => s + r.errors, 0),
  };
}
