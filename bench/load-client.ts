/**
 * One closed-loop load client, run as its own process: it sends one request, waits for the
 * answer, sends the next, for a fixed time, and prints what it did as JSON. The same loop drives
 * fraudx over HTTP, Redis (SISMEMBER pipelined) and PostgreSQL (= ANY), so only the server differs.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface ClientJob {
  mode: 'http' | 'redis' | 'postgres';
  /** http: the URL to POST to, or GET when there are no bodies. redis / postgres: the server. */
  target: string;
  key?: string;
  /** http: request bodies; redis / postgres: JSON arrays of set members. Used in turn. */
  payloadFile: string;
  itemsPerRequest: number;
  warmupMs: number;
  durationMs: number;
}

export interface ClientResult {
  requests: number;
  items: number;
  elapsedMs: number;
  latenciesMs: number[];
  errors: number;
}

type Send = (payload: string) => Promise<boolean>;

function httpSender(job: ClientJob): Send {
  const url = new URL(job.target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  return (body) =>
    new Promise((resolve) => {
      const req = http.request(
        { agent, host: url.hostname, port: url.port, path: url.pathname + url.search, method: body ? 'POST' : 'GET', headers: { ...(job.key ? { authorization: `Bearer ${job.key}` } : {}), ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode === 200));
        },
      );
      req.on('error', () => resolve(false));
      req.end(body || undefined);
    });
}

function redisSender(job: ClientJob): Send {
  const redis = new Redis(job.target, { enableAutoPipelining: false });
  return async (payload) => {
    const members = JSON.parse(payload) as string[];
    const pipeline = redis.pipeline();
    for (const m of members) pipeline.sismember('fraudx:bench', m);
    const replies = await pipeline.exec();
    return replies !== null && replies.length === members.length;
  };
}

function postgresSender(job: ClientJob): Send {
  const client = new pg.Client({ connectionString: job.target });
  const connected = client.connect();
  return async (payload) => {
    await connected;
    await client.query({ name: 'bench-any', text: 'SELECT key FROM bench_indicators WHERE key = ANY($1)', values: [JSON.parse(payload) as string[]] });
    return true;
  };
}

async function run(job: ClientJob): Promise<ClientResult> {
  const payloads = JSON.parse(readFileSync(job.payloadFile, 'utf8')) as string[];
  const send = job.mode === 'http' ? httpSender(job) : job.mode === 'redis' ? redisSender(job) : postgresSender(job);
  // Started together by runLoad: every client loads first, then all warm up and measure at once.
  if (process.send) {
    process.send('ready');
    await new Promise((go) => process.once('message', go));
  }
  let i = Math.floor(Math.random() * payloads.length);
  const warmEnd = Date.now() + job.warmupMs;
  while (Date.now() < warmEnd) await send(payloads[i++ % payloads.length]);
  const result: ClientResult = { requests: 0, items: 0, elapsedMs: 0, latenciesMs: [], errors: 0 };
  const start = performance.now();
  const end = start + job.durationMs;
  for (let now = start; now < end; ) {
    const ok = await send(payloads[i++ % payloads.length]);
    const after = performance.now();
    result.latenciesMs.push(after - now);
    if (ok) {
      result.requests++;
      result.items += job.itemsPerRequest;
    } else result.errors++;
    now = after;
  }
  result.elapsedMs = performance.now() - start;
  return result;
}

const job = JSON.parse(readFileSync(process.argv[2], 'utf8')) as ClientJob;
// Exit once the output is written: a pipe takes it in pieces, and exiting at once can cut it off.
process.stdout.write(JSON.stringify(await run(job)), () => process.exit(0));
