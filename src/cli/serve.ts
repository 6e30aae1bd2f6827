import { setFlagsFromString } from 'node:v8';
import { type AppContext, openContext } from '../app/context.js';
import { loadConfig, type ConfigFlags } from '../config.js';
import { bootstrapNode } from '../modules/orgs/orgs.service.js';
import { buildApp } from '../server/app.js';
import { startRequestScheduler } from '../modules/requests/scheduler.js';
import { startRetentionJob } from '../modules/privacy/retention.service.js';
import { DEFAULT_STREAM, publishChangeLog } from '../modules/streams/nats-stream.js';

/** `fraudx serve`: opens storage, makes a fresh node's first organisation and key, and listens. */
export async function serve(flags: ConfigFlags): Promise<void> {
  // The check index (hundreds of megabytes at national scale) lives outside V8's heap, which holds
  // little; under load V8 lets that heap grow to three or four times what is live before it
  // collects. Growth past a collection is held to 20 %, so the process stays the size of its index
  // (10 M indicators under the benchmark's load: about 590 MB rather than 670–710 MB), at a cost of
  // 7–15 % of batch-check throughput. The flag is read at each collection, so setting it here works.
  setFlagsFromString('--heap-growing-percent=20');
  const config = loadConfig(flags);
  const ctx: AppContext = await openContext(config, { withIndex: true });
  const { org, keyFile } = await bootstrapNode(ctx);
  if (keyFile) {
    ctx.log.info({ org: org.id, keyFile }, `fresh node: organisation "${org.name}" created; its admin key is in ${keyFile} (readable by you only)`);
  }
  const app = await buildApp(ctx);
  const stopClocks = startRequestScheduler(ctx);
  const stopRetention = startRetentionJob(ctx);
  // Configured: the live stream fans out through JetStream; a node that cannot reach it does not start.
  const publisher = config.nats ? await publishChangeLog(ctx.storage.db, ctx.feed, config.nats) : undefined;
  if (config.nats) ctx.log.info({ stream: config.nats.stream ?? DEFAULT_STREAM }, 'publishing the change log to NATS JetStream');
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    ctx.log.info({ signal }, 'shutting down');
    stopClocks();
    stopRetention();
    await app.close();
    await publisher?.close().catch((err: Error) => ctx.log.warn({ err: err.message }, 'closing the NATS publisher failed'));
    await ctx.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  ctx.log.info(
    { address, storage: ctx.storage.dialect, indicators: ctx.index.size, node: ctx.node.id },
    `fraudx serving at ${address} (API docs at ${address}/docs)`,
  );
}
