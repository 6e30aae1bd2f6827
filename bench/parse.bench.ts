/**
 * The parse of messy values as `fraudx import` does it, per row: µs a row for each kind and
 * overall, on the benchmark's import rows (`node --import tsx bench/parse.bench.ts [rows] [rounds]`).
 * Each round parses every row once; the best round counts, as other work on the machine only
 * ever slows a round down.
 */
import { tryParseValue } from '../src/modules/indicators/parse.js';
import { indicators } from './data.js';

const rowCount = Number(process.argv[2] ?? 200_000);
const rounds = Number(process.argv[3] ?? 5);

interface Row {
  kind: string;
  value: string;
  given: string | undefined;
}

const rows: Row[] = [];
for (const item of indicators(rowCount, 99)) {
  // As bench/run.ts writes the import file: the kind only for links and domains, country TH.
  rows.push({ kind: item.kind, value: item.messy, given: item.kind === 'url' || item.kind === 'domain' ? item.kind : undefined });
}
const kinds = [...new Set(rows.map((r) => r.kind))];

/** Parses each row as the import stores it: display and facts are read, as they are written out. */
function parseRow(row: Row): number {
  const result = tryParseValue(row.value, row.given, 'TH');
  if ('error' in result) return result.error.code.length;
  const p = result.parsed;
  return p.canonical.length + p.display.length + JSON.stringify(p.facts).length;
}

const best = new Map<string, number>(kinds.map((k) => [k, Infinity]));
let bestAll = Infinity;
// CPU time as well as wall time: on a shared machine the wall clock also counts other processes' turns.
let bestCpu = Infinity;
let sink = 0;
for (let round = 0; round < rounds; round++) {
  const spent = new Map<string, number>(kinds.map((k) => [k, 0]));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  // Timing each row would cost as much as a fast parse: rows are timed in runs of one kind.
  let i = 0;
  while (i < rows.length) {
    const kind = rows[i].kind;
    const runStart = performance.now();
    for (; i < rows.length && rows[i].kind === kind; i++) sink += parseRow(rows[i]);
    spent.set(kind, (spent.get(kind) ?? 0) + performance.now() - runStart);
  }
  bestAll = Math.min(bestAll, performance.now() - start);
  const cpu = process.cpuUsage(cpuStart);
  bestCpu = Math.min(bestCpu, (cpu.user + cpu.system) / 1000);
  for (const k of kinds) best.set(k, Math.min(best.get(k) ?? Infinity, spent.get(k) ?? 0));
}

const count = (k: string) => rows.filter((r) => r.kind === k).length;
console.log(`${rows.length} rows, best of ${rounds} rounds (checksum ${sink % 1000})`);
console.log('kind'.padEnd(15), 'rows'.padStart(8), 'µs/row'.padStart(8), 'share'.padStart(7));
for (const k of kinds) {
  const ms = best.get(k) ?? 0;
  console.log(k.padEnd(15), String(count(k)).padStart(8), ((ms * 1000) / count(k)).toFixed(2).padStart(8), `${((100 * ms) / bestAll).toFixed(0)} %`.padStart(7));
}
console.log('overall'.padEnd(15), String(rows.length).padStart(8), ((bestAll * 1000) / rows.length).toFixed(2).padStart(8));
console.log('overall (CPU)'.padEnd(15), String(rows.length).padStart(8), ((bestCpu * 1000) / rows.length).toFixed(2).padStart(8));
