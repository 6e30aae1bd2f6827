import { Option } from 'commander';
import { type AppContext, openContext } from '../app/context.js';
import { type ConfigFlags, loadConfig } from '../config.js';
import { bootstrapNode } from '../modules/orgs/orgs.service.js';

/** Opens the node's storage for a one-shot command, runs it, and always closes. */
export async function withContext<T>(flags: ConfigFlags, run: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await openContext(loadConfig(flags), { log: undefined });
  try {
    await bootstrapNode(ctx);
    return await run(ctx);
  } finally {
    await ctx.close();
  }
}

export function dataOption(): Option {
  return new Option('--data <dir>', 'data folder (env FRAUDX_DATA, default ./data)');
}

