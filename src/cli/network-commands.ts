import { writeFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import type { AppContext } from '../app/context.js';
import { EXPORT_FORMATS, type ExportFormat } from '../modules/networks/network-export.js';
import { networksOf } from '../modules/networks/networks.engine.js';
import { listNetworksQuery } from '../modules/networks/networks.schema.js';
import { exportNetwork, listNetworks } from '../modules/networks/networks.service.js';
import { findNodeOwner } from '../modules/orgs/orgs.store.js';
import { systemPrincipal } from '../modules/orgs/orgs.service.js';
import type { Principal } from '../modules/policy/policy.js';
import { dataOption, withContext } from './context.js';
import { table } from './format.js';

/** The CLI acts as the node's own organisation, and saves network ids before it exits. */
async function asNodeOwner<T>(opts: { data?: string }, run: (ctx: AppContext, principal: Principal) => Promise<T>): Promise<T> {
  return withContext(opts, async (ctx) => {
    const owner = await findNodeOwner(ctx.storage.db);
    if (!owner) throw new Error('this node has no owner organisation yet');
    const result = await run(ctx, { ...systemPrincipal(owner), actorId: 'cli' });
    await (await networksOf(ctx)).save();
    return result;
  });
}

interface ListOptions {
  json?: boolean;
  limit: string;
  country?: string;
  typology?: string;
  minSize?: string;
  data?: string;
}

export function registerNetworkCommands(program: Command): void {
  const networks = program
    .command('networks')
    .description('criminal networks: reports linked by the accounts, numbers and sites they share')
    .option('--json', 'print a JSON array')
    .option('--limit <n>', 'how many networks', '20')
    .option('--country <cc>', 'only networks with a report from this country')
    .option('--typology <name>', 'only networks with a report of this typology')
    .option('--min-size <n>', 'only networks of at least this many indicators')
    .addOption(dataOption())
    .action(async (opts: ListOptions) => {
      const query = listNetworksQuery.parse({ limit: opts.limit, country: opts.country?.toUpperCase(), typology: opts.typology, minSize: opts.minSize });
      const { items } = await asNodeOwner(opts, (ctx, principal) => listNetworks(ctx, principal, query));
      if (opts.json) {
        console.log(JSON.stringify(items, null, 2));
        return;
      }
      if (items.length === 0) {
        console.log('no networks yet: reports become a network when they share an indicator');
        return;
      }
      const rows = items.map((n) => [
        n.id,
        String(n.size),
        String(n.reports),
        n.countries.join(' '),
        n.loss.map((l) => `${l.amount} ${l.currency}`).join(', '),
        n.keyNodes
          .slice(0, 2)
          .map((k) => `${k.kind} ${k.value}`)
          .join(', '),
      ]);
      console.log(table(['network', 'size', 'reports', 'countries', 'loss', 'key nodes'], rows));
    });

  networks
    .command('export')
    .description('write one network as GraphML (Gephi, yEd, i2), CSV links (i2, Maltego) or JSON')
    .argument('<id>', 'the network id')
    .addOption(new Option('--format <format>', 'the file format').choices(EXPORT_FORMATS).default('graphml'))
    .option('--out <file>', 'write to this file instead of standard output')
    .addOption(dataOption())
    .action(async (id: string, opts: { format: ExportFormat; out?: string; data?: string }) => {
      const { body } = await asNodeOwner(opts, (ctx, principal) => exportNetwork(ctx, principal, id, opts.format));
      if (opts.out) writeFileSync(opts.out, body);
      else process.stdout.write(body);
    });
}
