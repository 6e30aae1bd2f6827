/** The checkpoint thread of a SQLite database (wal-checkpointer.ts): its own connection, asked to checkpoint. */
import SQLite from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { yieldToBusierThreads } from '../shared/workers.js';

/** What a passive checkpoint did: frames in the write-ahead log, and how many of them are now in the database. */
export interface CheckpointResult {
  busy: number;
  log: number;
  checkpointed: number;
}

export type CheckpointRequest = 'checkpoint' | 'close';

// The writer's database, never a new one: a file that is not there is the thread's failure.
const db = new SQLite((workerData as { file: string }).file, { fileMustExist: true });
// The writer is what an import waits for; the log can wait a moment.
yieldToBusierThreads();

parentPort!.on('message', (request: CheckpointRequest) => {
  if (request === 'close') {
    db.close();
    parentPort!.close();
    return;
  }
  // PASSIVE copies what no reader still needs and waits for nobody: the writer goes on meanwhile.
  const [result] = db.pragma('wal_checkpoint(PASSIVE)') as CheckpointResult[];
  parentPort!.postMessage(result);
});
