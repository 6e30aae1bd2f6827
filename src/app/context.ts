import { pino, type Logger } from 'pino';
import type { Config } from '../config.js';
import { openStorage, type Storage } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { ChangeFeed } from '../log/change-feed.js';
import { lastSeq } from '../log/change-log.js';
import { ensureNodeIdentity, type NodeIdentity } from '../node/identity.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { loadAllowlist, type Allowlist } from '../modules/allowlist/allowlist.js';
import { MapLookupIndex, type LookupIndex } from '../modules/check/lookup-index.js';
import { connectIndexToFeed, loadIndex } from '../modules/check/index-loader.js';

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
  const storage = openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(storage.db);
  } catch (err) {
    await storage.close();
    throw err;
  }
  const node = await ensureNodeIdentity(storage.db, config.dataDir, clock);
  const startSeq = await lastSeq(storage.db);
  const feed = new ChangeFeed(storage, log, startSeq);
  const index = new MapLookupIndex();
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
      await storage.close();
    },
  };
  if (options.withIndex) {
    // Events from startSeq on are applied again after the load; applying one twice is harmless.
    connectIndexToFeed(feed, index);
    await loadIndex(storage.db, index);
    await feed.start();
    await feed.catchUp();
  }
  return ctx;
}
