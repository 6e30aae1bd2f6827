/** A parse thread of an import (import-pool.ts): blocks of JSON Lines in, read blocks out. */
import { parentPort, workerData } from 'node:worker_threads';
import { yieldToBusierThreads } from '../../shared/workers.js';
import { type ImporterFacts, type ReadBlock, readJsonLines } from './listing-rows.js';

export interface ParseTask {
  id: number;
  text: string;
  firstLine: number;
}

/** The first message says the parsers are loaded; each after it answers a task. */
export type WorkerMessage = { started: true } | { id: number; block: ReadBlock };

const importer = (workerData as { importer: ImporterFacts }).importer;
// The writer is what an import waits for: this thread takes a core when the writer does not want it.
yieldToBusierThreads();

parentPort!.on('message', (task: ParseTask) => {
  parentPort!.postMessage({ id: task.id, block: readJsonLines(task.text, task.firstLine, importer) } satisfies WorkerMessage);
});
parentPort!.postMessage({ started: true } satisfies WorkerMessage);
