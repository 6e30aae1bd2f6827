import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freshDatabase, type TestDatabase, type TestDialect } from './databases.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// The launcher users run (bin/fraudx), which starts bin/fraudx.js in the same process.
const BIN = path.join(ROOT, 'bin', 'fraudx');

export interface ServeProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Starts `fraudx serve` as its own process and waits until it says where it listens. */
export function spawnServe(args: string[], env: Record<string, string>): Promise<ServeProcess> {
  const child = spawn(BIN, ['serve', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${log}`)), 60_000);
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const match = /"address":"(http:\/\/[^"]+)"/.exec(log);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}:\n${log}`));
    });
  });
}

/** Runs one `fraudx` command to the end. */
export function runCli(args: string[], env: Record<string, string> = {}): { status: number; stdout: string; stderr: string } {
  const res = spawnSync(BIN, args, { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 240_000 });
  return { status: res.status ?? -1, stdout: res.stdout, stderr: res.stderr };
}

export interface CliWorkspace {
  db: TestDatabase;
  /** The environment that points `fraudx` commands at this workspace's storage. */
  env: Record<string, string>;
  /** A scratch folder for input files. */
  work: string;
  close(): Promise<void>;
}

/** A fresh database and scratch folder for tests that run `fraudx` commands as processes. */
export async function cliWorkspace(dialect: TestDialect): Promise<CliWorkspace> {
  const db = await freshDatabase(dialect);
  const work = mkdtempSync(path.join(tmpdir(), 'fraudx-cli-'));
  return {
    db,
    env: { FRAUDX_DATA: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', FRAUDX_LOG_LEVEL: 'warn' },
    work,
    close: async () => {
      await db.drop();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
