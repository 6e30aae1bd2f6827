import type { Command } from 'commander';
import { createOrgBody } from '../modules/orgs/orgs.schema.js';
import { createApiKey, createOrg, revokeApiKey, systemPrincipal } from '../modules/orgs/orgs.service.js';
import { findNodeOwner, listOrgs } from '../modules/orgs/orgs.store.js';
import { table } from './format.js';
import { dataOption, withContext } from './context.js';

export function registerOrgCommands(program: Command): void {
  const orgs = program.command('orgs').description('organisations on this node');
  orgs
    .command('add')
    .description('add an organisation; prints its id')
    .requiredOption('--name <name>', 'its name')
    .requiredOption('--country <cc>', 'ISO 3166-1 alpha-2 country')
    .requiredOption('--sector <sector>', 'bank, telco, law-enforcement, anti-scam-centre, …')
    .addOption(dataOption())
    .action(async (opts: { name: string; country: string; sector: string; data?: string }) => {
      const body = createOrgBody.safeParse({ name: opts.name, country: opts.country, sector: opts.sector });
      if (!body.success) throw new Error(body.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
      const org = await withContext(opts, (ctx) => createOrg(ctx, 'system', body.data));
      console.log(org.id);
    });
  orgs
    .command('list')
    .description('list organisations')
    .option('--json', 'print JSON')
    .addOption(dataOption())
    .action(async (opts: { json?: boolean; data?: string }) => {
      const list = await withContext(opts, (ctx) => listOrgs(ctx.storage.db));
      if (opts.json) console.log(JSON.stringify(list, null, 2));
      else console.log(table(['id', 'name', 'country', 'sector'], list.map((o) => [o.id, o.name + (o.isNodeOwner ? ' (this node)' : ''), o.country, o.sector])));
    });

  const keys = program.command('keys').description('API keys');
  keys
    .command('add')
    .description('make an API key; prints the key, which is shown only this once')
    .requiredOption('--org <id>', 'the organisation it belongs to')
    .requiredOption('--role <role>', 'admin, analyst, intake, viewer or machine')
    .option('--name <name>', 'what it is for', '')
    .addOption(dataOption())
    .action(async (opts: { org: string; role: string; name: string; data?: string }) => {
      const made = await withContext(opts, (ctx) => createApiKey(ctx, 'system', opts.org, opts.role, opts.name));
      console.log(made.key);
    });
  keys
    .command('revoke')
    .description('revoke an API key by its id')
    .argument('<id>', 'the key id')
    .addOption(dataOption())
    .action(async (id: string, opts: { data?: string }) => {
      await withContext(opts, async (ctx) => {
        const owner = await findNodeOwner(ctx.storage.db);
        await revokeApiKey(ctx, systemPrincipal(owner!), id);
      });
      console.error(`revoked ${id}`);
    });
}
