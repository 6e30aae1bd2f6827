import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import { openStorage, type Storage } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ChangeFeed } from '../log/change-feed.js';
import { lastSeq } from '../log/change-log.js';
import { ensureNodeIdentity, type NodeIdentity } from '../node/identity.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { loadAllowlist, type Allowlist } from '../modules/allowlist/allowlist.js';
import { CompactLookupIndex, type LookupIndex } from '../modules/check/lookup-index.js';
import { openIndex } from '../modules/check/index-loader.js';

/** Everything a service needs, built once per process and passed first to every service call. */
export interface AppContext {
  config: Config;
  storage: Storage;
  node: NodeIdentity;
  clock: Clock;
  log: Logger;
  feed: ChangeFeed;
  index: LookupIndex;
  allowlist: Allowlist;
  close(): Promise<void>;
}

export interface OpenOptions {
  clock?: Clock;
  log?: Logger;
  /** Load the check index and tail the change log (a server does; a one-shot CLI command need not). */
  withIndex?: boolean;
}

export function createLogger(config: Config): Logger {
  // Logs go to stderr so that CLI commands keep stdout for their answer.
  return pino({ level: config.logLevel, base: undefined }, pino.destination(2));
}

export async function openContext(config: Config, options: OpenOptions = {}): Promise<AppContext> {
  const log = options.log ?? createLogger(config);
  const clock = options.clock ?? systemClock;
  const storage = openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionLost: (err) => log.warn({ err: err.message }, 'PostgreSQL closed an idle connection; the next query opens another'),
  });
  try {
    await migrateToLatest(storage.db);
  } catch (err) {
    await storage.close();
    throw err;
  }
  const node = await ensureNodeIdentity(storage.db, config.dataDir, clock);
  const startSeq = await lastSeq(storage.db);
  const feed = new ChangeFeed(storage, log, startSeq);
  // A server's index comes from its snapshot or storage; a one-shot command's stays empty.
  const opened = options.withIndex
    ? await openIndex({ db: storage.db, feed, log, dataDir: config.dataDir, nodeId: node.id, startSeq })
    : undefined;
  const index = opened?.index ?? new CompactLookupIndex();
  const allowlist = loadAllowlist();
  const ctx: AppContext = {
    config,
    storage,
    node,
    clock,
    log,
    feed,
    index,
    allowlist,
    close: async () => {
      await feed.stop();
      opened?.saveSnapshot(feed.position);
      await storage.close();
    },
  };
  if (options.withIndex) {
    await feed.start();
    await feed.catchUp();
  }
  return ctx;
}
