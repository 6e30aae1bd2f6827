/**
 * `npm run bench` (or `npm run bench -- --quick` for CI's smoke run, under a minute): every
 * performance figure of fraudx, each beside its baselines measured in the same run on the same
 * data. Prints a table and writes bench/results.json.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import { writeSnapshot } from '../src/modules/check/index-snapshot.js';
import { SNAPSHOT_FILE } from '../src/modules/check/index-loader.js';
import { CompactLookupIndex } from '../src/modules/check/lookup-index.js';
import { factsOf, indicators, type Item, queries, rng } from './data.js';
import { barePostgresInserts, bareSqliteInserts, randomReadsPerSecond } from './machine-baselines.js';
import { type LoadResult, ROOT, rssMb, runFraudx, runLoad, serveCommand, startServer, tsxCommand } from './processes.js';

const quick = process.argv.includes('--quick');
const SIZE = quick
  ? { indicators: 200_000, seconds: 2, warmupMs: 500, importRows: 5_000, lookups: 2_000_000, generatedChecks: 200_000 }
  : { indicators: 10_000_000, seconds: 10, warmupMs: 2_000, importRows: 1_000_000, lookups: 20_000_000, generatedChecks: 1_000_000 };
// `--import-rows N` and `--indicators N` size the import and the index apart from the rest: a
// quick run with `--indicators 10000000` measures full-size memory and load in a few minutes.
const sizeFlag = (flag: string): number | undefined => {
  const at = process.argv.indexOf(flag);
  return at > 0 ? Number(process.argv[at + 1]) : undefined;
};
SIZE.importRows = sizeFlag('--import-rows') ?? SIZE.importRows;
SIZE.indicators = sizeFlag('--indicators') ?? SIZE.indicators;
const CLIENTS = 4;
// Turns of the side-by-side HTTP figures (`inTurns`); the quick run keeps to one, to stay short.
const ROUNDS = quick ? 1 : 3;
const REDIS = process.env.FRAUDX_BENCH_REDIS ?? 'redis://127.0.0.1:6379';
const PG = process.env.FRAUDX_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432';
// The baseline's set; bench/load-client.ts asks the same key.
const REDIS_SET = 'fraudx:bench';

interface Figure {
  name: string;
  value: number;
  unit: string;
  target: string;
  meets: boolean;
  baselines: Record<string, number>;
}
const figures: Figure[] = [];
const figure = (f: Figure) => {
  figures.push(f);
  console.error(`  ${f.name}: ${fmt(f.value)} ${f.unit}${Object.keys(f.baselines).length ? ` (${Object.entries(f.baselines).map(([k, v]) => `${k} ${fmt(v)}`).join(', ')})` : ''}`);
};
const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(2));
const step = (what: string) => console.error(`▸ ${what}`);

/**
 * Runs each load in turn, ROUNDS times over, and merges each one's rounds: rates are the mean of
 * equally long rounds, p99 the worst round's. The machine's speed drifts over a run; taking turns
 * lets every contender meet the same drift, where one phase after another would not.
 */
async function inTurns<K extends string>(runs: Record<K, () => Promise<LoadResult>>): Promise<Record<K, LoadResult>> {
  const rounds: Partial<Record<K, LoadResult[]>> = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of Object.keys(runs) as K[]) (rounds[name] ??= []).push(await runs[name]());
  }
  const merged = {} as Record<K, LoadResult>;
  for (const name of Object.keys(runs) as K[]) {
    const all = rounds[name]!;
    const mean = (of: (r: LoadResult) => number) => all.reduce((sum, r) => sum + of(r), 0) / all.length;
    merged[name] = { perSecond: mean((r) => r.perSecond), itemsPerSecond: mean((r) => r.itemsPerSecond), p99Ms: Math.max(...all.map((r) => r.p99Ms)), errors: all.reduce((sum, r) => sum + r.errors, 0) };
  }
  return merged;
}

const dir = mkdtempSync(path.join(os.tmpdir(), 'fraudx-bench-'));
const pgDb = `fraudx_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: `${PG}/postgres` });
await admin.connect();
const redis = new Redis(REDIS);

try {
  // 1. The data, loaded alike into fraudx's index, a Redis set and an indexed PostgreSQL table.
  step(`generating ${SIZE.indicators.toLocaleString('en')} indicators; loading the index, Redis and PostgreSQL`);
  await admin.query(`CREATE DATABASE ${pgDb}`);
  const benchPg = new pg.Client({ connectionString: `${PG}/${pgDb}` });
  await benchPg.connect();
  await benchPg.query('CREATE TABLE bench_indicators (key text PRIMARY KEY)');
  await redis.del(REDIS_SET);
  const index = new CompactLookupIndex(SIZE.indicators);
  const sample: Item[] = [];
  const r = rng(3);
  let chunk: string[] = [];
  const flush = async () => {
    const members = chunk;
    chunk = [];
    const pipeline = redis.pipeline();
    for (let i = 0; i < members.length; i += 1000) pipeline.sadd(REDIS_SET, ...members.slice(i, i + 1000));
    await Promise.all([pipeline.exec(), benchPg.query('INSERT INTO bench_indicators SELECT unnest($1::text[]) ON CONFLICT DO NOTHING', [members])]);
  };
  for (const item of indicators(SIZE.indicators)) {
    index.put(factsOf(item, r));
    if (sample.length < 200_000) sample.push(item);
    chunk.push(`${item.kind}|${item.canonical}`);
    if (chunk.length === 50_000) await flush();
  }
  await flush();
  // Vacuumed now rather than by autovacuum, which would read the 10 M-row table on the other core
  // while the lookups below are timed (and the baseline's index-only scans need the visibility map);
  // checkpointed now, so that the server is not writing the load's pages out meanwhile either.
  await benchPg.query('VACUUM (ANALYZE) bench_indicators');
  await benchPg.query('CHECKPOINT');
  await benchPg.end();

  // 2. In-process lookups on one core, on the checks a bank sends.
  const batches = (items: Item[], size: number) => Array.from({ length: Math.floor(items.length / size) }, (_, b) => items.slice(b * size, (b + 1) * size));
  step('in-process lookups');
  // What a check does: find the rows, then read the status of each hit. A batch check looks its
  // items up together (`lookupRows`), a single check one at a time (`lookupRow`), the baseline here.
  // Each batch of 1,000 is decoded from its request's JSON just before, as the server has its items
  // (fresh, flat strings); only the lookups are timed, in CPU seconds of this process: on one core
  // that is their wall time, and on a shared machine it leaves out the time other processes hold it.
  const BATCH = 1000;
  const bodies = batches(queries(sample, SIZE.generatedChecks), BATCH).map((b) => JSON.stringify(b.map((q) => ({ value: q.canonical, kind: q.kind }))));
  const cpuSeconds = () => {
    const used = process.cpuUsage();
    return (used.user + used.system) / 1e6;
  };
  const rows = new Int32Array(BATCH);
  const kinds: string[] = [];
  const values: string[] = [];
  let known = 0;
  const lookupsPerSecond = (batched: boolean): number => {
    let best = 0;
    for (let round = 0; round < 5; round++) {
      let spent = 0;
      let done = 0;
      while (done < SIZE.lookups / 5) {
        for (const body of bodies) {
          const items = JSON.parse(body) as { value: string; kind: string }[];
          const n = items.length;
          for (let i = 0; i < n; i++) {
            kinds[i] = items[i].kind;
            values[i] = items[i].value;
          }
          const started = cpuSeconds();
          if (batched) {
            index.lookupRows(kinds, values, n, rows);
            for (let i = 0; i < n; i++) if (rows[i] >= 0 && index.profileAt(rows[i]).status !== '') known++;
          } else {
            for (let i = 0; i < n; i++) {
              const row = index.lookupRow(kinds[i], values[i]);
              if (row >= 0 && index.profileAt(row).status !== '') known++;
            }
          }
          spent += cpuSeconds() - started;
          done += n;
        }
      }
      best = Math.max(best, done / spent);
    }
    return best;
  };
  const oneByOne = lookupsPerSecond(false);
  const batched = lookupsPerSecond(true);
  if (known === 0) throw new Error('no lookup found a listed value: the data is wrong');
  // The machine's memory, bare: an array of 512 MB, about the size of the index at 10 M.
  const reads = randomReadsPerSecond(512 * 1024 * 1024, SIZE.lookups);
  figure({ name: 'in-process lookups', value: batched, unit: 'lookups/s', target: '≥ 5,000,000 on one core', meets: batched >= 5_000_000, baselines: { 'one at a time': oneByOne, 'random reads in 512 MB': reads } });

  // 3. A node whose index snapshot holds the same data: its load time and memory.
  step('fraudx serve with the index from its snapshot');
  const dataDir = path.join(dir, 'node');
  // The load comes from this machine: measure the server, not its rate limits.
  const env = { FRAUDX_DATA: dataDir, FRAUDX_LOG_LEVEL: 'info', DATABASE_URL: '', FRAUDX_RATE_LIMIT_ALLOW: '127.0.0.1,::1' };
  await (await startServer(serveCommand, env)).stop();
  const sqlite = new SQLite(path.join(dataDir, 'fraudx.sqlite'), { readonly: true });
  const nodeId = (sqlite.prepare('SELECT id FROM node').get() as { id: string }).id;
  const seq = (sqlite.prepare('SELECT max(seq) AS seq FROM change_log').get() as { seq: number }).seq;
  sqlite.close();
  writeSnapshot(path.join(dataDir, SNAPSHOT_FILE), index, { nodeId, seq });
  const node = await startServer(serveCommand, env);
  const loadLine = node.log().split('\n').find((l) => l.includes('check index loaded from its snapshot'));
  if (!loadLine) throw new Error(`the node did not load the snapshot:\n${node.log().slice(-2000)}`);
  const loadSeconds = (JSON.parse(loadLine) as { ms: number }).ms / 1000;
  await new Promise((res) => setTimeout(res, 1000));
  const rssAfterLoad = rssMb(node.child.pid);
  const key = readFileSync(path.join(dataDir, 'initial-admin-key'), 'utf8').trim();

  // 4. HTTP: the same checks against fraudx, a bare Fastify route, Redis and PostgreSQL.
  const load = (mode: 'http' | 'redis' | 'postgres', target: string, payloads: string[], itemsPerRequest: number, withKey = true): Promise<LoadResult> =>
    runLoad({ mode, target, key: withKey ? key : undefined, itemsPerRequest, warmupMs: SIZE.warmupMs, durationMs: SIZE.seconds * 1000 }, payloads, CLIENTS, dir);
  const checks = queries(sample, 50_000, 0.2, 11);
  const canonicalBodies = batches(checks, 1000).map((b) => JSON.stringify({ items: b.map((q) => ({ value: q.canonical, kind: q.kind })) }));
  const members = batches(checks, 1000).map((b) => JSON.stringify(b.map((q) => `${q.kind}|${q.canonical}`)));
  const messyBody = (b: Item[]) => JSON.stringify({ items: b.map((q) => ({ value: q.messy, country: 'TH' })) });
  const messyBodies = batches(checks, 1000).map(messyBody);
  // The set above (about 45,000 distinct values) comes round again several times a run, as popular
  // values do; this one is values the node has not seen: every item goes through the parsers.
  const freshBodies = batches(queries(sample, SIZE.generatedChecks, 0.2, 12), 1000).map(messyBody);
  const singleBodies = checks.slice(0, 2000).map((q) => JSON.stringify({ items: [{ value: q.canonical, kind: q.kind }] }));

  step('single-item checks, in turns with a bare Fastify route, bare and with fraudx\'s answers');
  // fraudx's own answers to these checks, for the bare route that sends them with fraudx's headers.
  const answersFile = path.join(dir, 'answers.json');
  writeFileSync(answersFile, JSON.stringify(await answersTo(`${node.url}/api/v1/check`, key, singleBodies)));
  const bare = await startServer(tsxCommand('bare-fastify.ts'), {});
  const answering = await startServer(tsxCommand('bare-fastify.ts'), { BENCH_ANSWERS: answersFile });
  const { bare: bareSingle, answers: answerSingle, fraudx: single } = await inTurns({
    bare: () => load('http', `${bare.url}/check`, singleBodies, 1, false),
    answers: () => load('http', `${answering.url}/check`, singleBodies, 1, false),
    fraudx: () => load('http', `${node.url}/api/v1/check`, singleBodies, 1),
  });
  await bare.stop();
  await answering.stop();
  // The target is against the bare route; the answering one shows how much of the gap is the answer.
  const singleBaselines = (of: (r: LoadResult) => number) => ({ fastify: of(bareSingle), 'fastify sending fraudx answers': of(answerSingle) });
  figure({ name: 'single-item checks', value: single.perSecond, unit: 'requests/s', target: '≥ 80 % of a bare Fastify route', meets: single.perSecond >= 0.8 * bareSingle.perSecond && single.errors === 0, baselines: singleBaselines((r) => r.perSecond) });
  figure({ name: 'single-item check p99', value: single.p99Ms, unit: 'ms', target: '< 5 ms at that load', meets: single.p99Ms < 5, baselines: singleBaselines((r) => r.p99Ms) });

  step('batch checks of 1,000 canonical items, in turns with Redis SISMEMBER and PostgreSQL = ANY');
  const { fraudx: batch, redis: redisBatch, postgres: pgBatch } = await inTurns({
    fraudx: () => load('http', `${node.url}/api/v1/check`, canonicalBodies, 1000),
    redis: () => load('redis', REDIS, members, 1000),
    postgres: () => load('postgres', `${PG}/${pgDb}`, members, 1000),
  });
  figure({ name: 'batch checks (canonical)', value: batch.itemsPerSecond, unit: 'items/s', target: '≥ Redis SISMEMBER pipelined', meets: batch.itemsPerSecond >= redisBatch.itemsPerSecond && batch.errors === 0, baselines: { redis: redisBatch.itemsPerSecond, postgres: pgBatch.itemsPerSecond } });

  step('batch checks of 1,000 messy items');
  const messy = await load('http', `${node.url}/api/v1/check`, messyBodies, 1000);
  figure({ name: 'batch checks (messy input)', value: messy.itemsPerSecond, unit: 'items/s', target: '≥ 150,000', meets: messy.itemsPerSecond >= 150_000 && messy.errors === 0, baselines: { redis: redisBatch.itemsPerSecond } });
  const fresh = await load('http', `${node.url}/api/v1/check`, freshBodies, 1000);
  figure({ name: 'batch checks (messy input never seen before)', value: fresh.itemsPerSecond, unit: 'items/s', target: 'none: the parsers alone', meets: fresh.errors === 0, baselines: {} });

  const rss = Math.max(rssAfterLoad, rssMb(node.child.pid));
  await node.stop();
  figure({ name: `serve RSS with ${SIZE.indicators.toLocaleString('en')} indicators`, value: rss, unit: 'MB', target: '≤ 600 MB at 10,000,000', meets: rss <= 600, baselines: { 'redis used_memory': await redisMemoryMb(redis) } });
  figure({ name: 'index load from snapshot', value: loadSeconds, unit: 's', target: '≤ 15 s at 10,000,000', meets: loadSeconds <= 15, baselines: {} });

  // 5. Imports of messy listings, with normalisation, merging and the change log.
  const importFile = path.join(dir, 'import.jsonl');
  const lines: string[] = [];
  const listed = [...indicators(SIZE.importRows, 99)];
  for (const item of listed) lines.push(JSON.stringify({ value: item.messy, ...(item.kind === 'url' || item.kind === 'domain' ? { kind: item.kind } : {}), country: 'TH', typology: 'investment' }));
  writeFileSync(importFile, `${lines.join('\n')}\n`);
  for (const dialect of ['sqlite', 'postgres'] as const) {
    mkdirSync(path.join(dir, `import-${dialect}`), { recursive: true });
    step(`import of ${SIZE.importRows.toLocaleString('en')} listings on ${dialect}`);
    const importDb = `${pgDb}_import`;
    // The same values inserted bare into a new database: the machine's storage on the day.
    let bareRate: number;
    if (dialect === 'postgres') {
      await admin.query(`CREATE DATABASE ${importDb}_bare`);
      bareRate = await barePostgresInserts(`${PG}/${importDb}_bare`, listed);
      await admin.query(`DROP DATABASE IF EXISTS ${importDb}_bare WITH (FORCE)`);
    } else bareRate = bareSqliteInserts(path.join(dir, 'bare.sqlite'), listed);
    if (dialect === 'postgres') await admin.query(`CREATE DATABASE ${importDb}`);
    const run = await runFraudx(['import', importFile, '--json'], { FRAUDX_DATA: path.join(dir, `import-${dialect}`), DATABASE_URL: dialect === 'postgres' ? `${PG}/${importDb}` : '', FRAUDX_LOG_LEVEL: 'warn' });
    if (dialect === 'postgres') await admin.query(`DROP DATABASE IF EXISTS ${importDb} WITH (FORCE)`);
    const rows = (JSON.parse(run.stdout) as { rows: number }).rows;
    const perSecond = rows / run.seconds;
    const target = dialect === 'sqlite' ? 50_000 : 20_000;
    figure({ name: `import (${dialect})`, value: perSecond, unit: 'rows/s', target: `≥ ${target.toLocaleString('en')}`, meets: perSecond >= target, baselines: { [`bare ${dialect} inserts`]: bareRate } });
    figure({ name: `import (${dialect}) peak RSS`, value: run.peakRssMb, unit: 'MB', target: 'flat: independent of file size', meets: true, baselines: {} });
  }

  // 6. The networks engineer's figures, when that part exists.
  const networksBench = path.join(ROOT, 'bench', 'networks.bench.ts');
  if (existsSync(networksBench)) {
    step('networks');
    type NetworksFigure = Omit<Figure, 'target' | 'meets' | 'baselines'> & { target: number | null; meets: boolean | null; baselines?: Record<string, number> };
    const mod = (await import(networksBench)) as { runNetworksBench(o: { quick: boolean }): Promise<NetworksFigure[]> };
    // Its targets are upper bounds, and a figure without one has nothing to miss.
    for (const f of await mod.runNetworksBench({ quick })) figure({ ...f, target: f.target === null ? 'none' : `≤ ${f.target}`, meets: f.meets ?? true, baselines: f.baselines ?? {} });
  }
} finally {
  // The baseline's set holds every indicator (some 780 MB at 10 M): it goes with the run, like the database.
  await redis.del(REDIS_SET).catch(() => undefined);
  redis.disconnect();
  await admin.query(`DROP DATABASE IF EXISTS ${pgDb} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}

/** fraudx's answer to each single-item check body, by the value it checks, asked one at a time. */
async function answersTo(url: string, key: string, bodies: string[]): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  for (const body of bodies) {
    const res = await fetch(url, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
    if (!res.ok) throw new Error(`a single-item check answered ${res.status}: ${await res.text()}`);
    answers[(JSON.parse(body) as { items: { value: string }[] }).items[0].value] = await res.json();
  }
  return answers;
}

async function redisMemoryMb(client: Redis): Promise<number> {
  const info = await client.info('memory');
  return Number(/used_memory:(\d+)/u.exec(info)?.[1] ?? 0) / 1048576;
}

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 1024 ** 3),
  os: `${os.type()} ${os.release()}`,
  node: process.version,
  quick,
  date: new Date().toISOString(),
};
writeFileSync(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify({ machine, figures }, null, 2)}\n`);
console.log(`\nfraudx benchmark${quick ? ' (quick)' : ''} on ${machine.cpu}, ${machine.cores} cores, Node ${machine.node}\n`);
console.log('| figure | value | target | meets | baselines |\n|---|---|---|---|---|');
for (const f of figures) {
  const baselines = Object.entries(f.baselines).map(([k, v]) => `${k}: ${fmt(v)}`).join(', ');
  console.log(`| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.target} | ${f.meets ? 'yes' : 'no'} | ${baselines} |`);
}
process.exit(0);
