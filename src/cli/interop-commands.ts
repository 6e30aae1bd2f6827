import { createWriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { exportStixBundle } from '../modules/interop/stix/stix-bundle.js';
import { pullCollection } from '../modules/interop/taxii/taxii-client.js';
import { findNodeOwner, findOrg } from '../modules/orgs/orgs.store.js';
import { systemPrincipal } from '../modules/orgs/orgs.service.js';
import type { Principal } from '../modules/policy/policy.js';
import { dataOption, withContext } from './context.js';

async function actingOrg(ctx: AppContext, orgId: string | undefined, actorId: string): Promise<Principal> {
  const org = orgId ? await findOrg(ctx.storage.db, orgId) : await findNodeOwner(ctx.storage.db);
  if (!org) throw new Error(`no organisation ${orgId}`);
  return { ...systemPrincipal(org), actorId };
}

/** Writes to a file, or to stdout when none is given. */
async function output(file: string | undefined, text: string): Promise<void> {
  if (!file) {
    process.stdout.write(text);
    return;
  }
  await new Promise<void>((resolve, reject) => {
    const out = createWriteStream(file);
    out.on('error', reject);
    out.end(text, () => resolve());
  });
}

export function registerInteropCommands(program: Command): void {
  const taxii = program.command('taxii').description('TAXII 2.1: pull collections from other servers');
  taxii
    .command('pull')
    .description('import a TAXII 2.1 collection (any server, fraudx too); resumes from the last pull')
    .argument('<url>', 'the server\'s discovery URL (…/taxii2/) or an API root URL')
    .requiredOption('--collection <id>', 'the collection id (or, on fraudx, its alias: all, public)')
    .option('--token <key>', 'API key sent as a bearer token (env FRAUDX_TAXII_TOKEN)')
    .option('--user <user>', 'HTTP Basic user name')
    .option('--password <password>', 'HTTP Basic password (env FRAUDX_TAXII_PASSWORD)')
    .option('--page-size <n>', 'objects per request', '1000')
    .option('--restart', 'start from the beginning instead of the saved cursor')
    .option('--org <id>', 'import as this organisation (default: the node\'s own)')
    .option('--json', 'print the summary as JSON')
    .addOption(dataOption())
    .action(async (url: string, opts: { collection: string; token?: string; user?: string; password?: string; pageSize: string; restart?: boolean; org?: string; json?: boolean; data?: string }) => {
      // On a terminal a bar counts objects as pages arrive; the total is unknown until the end.
      const bar = process.stderr.isTTY ? new SingleBar({ format: 'pulling [{bar}] {value} objects | {pages} pages', stream: process.stderr, hideCursor: true }) : undefined;
      bar?.start(0, 0, { pages: 0 });
      const summary = await withContext(opts, async (ctx) =>
        pullCollection(ctx, await actingOrg(ctx, opts.org, 'taxii-pull'), {
          url,
          collection: opts.collection,
          token: opts.token ?? process.env.FRAUDX_TAXII_TOKEN,
          user: opts.user,
          password: opts.password ?? process.env.FRAUDX_TAXII_PASSWORD,
          pageSize: Number(opts.pageSize),
          restart: opts.restart,
          onPage: ({ objects, pages }) => {
            bar?.setTotal(objects);
            bar?.update(objects, { pages });
          },
        }),
      ).finally(() => bar?.stop());
      if (opts.json) console.log(JSON.stringify(summary, null, 2));
      else console.log(`${summary.collection}: ${summary.objects} objects in ${summary.pages} pages; ${summary.indicators} listings, ${summary.reports} new reports, ${summary.sightings} new sightings, ${summary.kept} kept, ${summary.skipped} skipped, ${summary.rejected} rejected`);
    });

  const exp = program.command('export').description('export what this node shares: STIX bundles, MISP feeds, CSV and blocklists');
  exp
    .command('stix')
    .description('everything as one STIX 2.1 bundle (JSON)')
    .option('--out <file>', 'write to this file (default: stdout)')
    .addOption(dataOption())
    .action(async (opts: { out?: string; data?: string }) => {
      const bundle = await withContext(opts, async (ctx) => exportStixBundle(ctx, { principal: await actingOrg(ctx, undefined, 'export') }));
      await output(opts.out, JSON.stringify(bundle, null, 2) + '\n');
      if (opts.out) console.error(`${bundle.objects.length} STIX objects written to ${opts.out}`);
    });
}
