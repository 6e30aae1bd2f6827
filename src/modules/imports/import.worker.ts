/** A parse thread of an import (import-pool.ts): blocks of JSON Lines in, read blocks out. */
import { parentPort, workerData } from 'node:worker_threads';
import { type ImporterFacts, readJsonLines } from './listing-rows.js';

export interface ParseTask {
  id: number;
  text: string;
  firstLine: number;
}

const importer = (workerData as { importer: ImporterFacts }).importer;

parentPort!.on('message', (task: ParseTask) => {
  parentPort!.postMessage({ id: task.id, block: readJsonLines(task.text, task.firstLine, importer) });
});
