import { createWriteStream } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { exportFilters } from '../modules/interop/exports/exports.schema.js';
import { blocklist, indicatorsCsv } from '../modules/interop/exports/exports.service.js';
import { buildMispFeed } from '../modules/interop/misp/misp-export.js';
import { writeMispFeed } from '../modules/interop/misp/misp-feed.js';
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

/** Writes text pieces to a file, or to stdout when none is given. */
async function output(file: string | undefined, pieces: AsyncIterable<string> | string): Promise<void> {
  const out = file ? createWriteStream(file) : process.stdout;
  // A reader that stops early (`| head`) closes the pipe: that ends the export, it is not an error.
  if (!file) process.stdout.on('error', (err: NodeJS.ErrnoException) => (err.code === 'EPIPE' ? process.exit(0) : undefined));
  const put = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (err) => (err ? reject(err) : resolve())));
  if (typeof pieces === 'string') await put(pieces);
  else for await (const piece of pieces) await put(piece);
  if (file) await new Promise<void>((resolve) => out.end(resolve));
}

interface FilterFlags {
  kind?: string;
  minScore?: string;
  typology?: string;
  country?: string;
  changedSince?: string;
  status?: string;
}

function filtersOf(flags: FilterFlags, kind?: string) {
  const { minScore, typology, country, changedSince, status } = flags;
  const parsed = exportFilters.safeParse({ kind: kind ?? flags.kind, minScore, typology, country, changedSince, status });
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `--${String(i.path[0] ?? 'filter')}: ${i.message}`).join('; '));
  return parsed.data;
}

function withFilters(command: Command): Command {
  return command
    .option('--min-score <n>', 'only indicators scoring at least this (0–100)')
    .option('--typology <name>', 'only indicators reported for this typology')
    .option('--country <cc>', 'only indicators reported in this country')
    .option('--changed-since <time>', 'only indicators changed since this ISO 8601 time')
    .option('--status <status>', 'active (default), disputed, allowed, expired or any')
    .option('--out <file>', 'write to this file (default: stdout)')
    .addOption(dataOption());
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
  withFilters(exp.command('csv').description('indicators as CSV').option('--kind <kind>', 'only this kind')).action(async (opts: FilterFlags & { out?: string; data?: string }) => {
    const filters = filtersOf(opts);
    await withContext(opts, async (ctx) => output(opts.out, indicatorsCsv(ctx, { principal: await actingOrg(ctx, undefined, 'export') }, filters)));
  });
  withFilters(exp.command('list').description('one value per line for one kind: a blocklist').argument('<kind>', 'phone, iban, bank-account, crypto-wallet, url, domain, email, ip, handle, payment-alias')).action(
    async (kind: string, opts: FilterFlags & { out?: string; data?: string }) => {
      const filters = filtersOf(opts, kind);
      await withContext(opts, async (ctx) => output(opts.out, blocklist(ctx, { principal: await actingOrg(ctx, undefined, 'export') }, filters)));
    },
  );
  exp
    .command('misp')
    .description('a MISP feed folder (manifest.json, hashes.csv, one file per event) that MISP can subscribe to')
    .argument('<dir>', 'the folder to write')
    .addOption(dataOption())
    .action(async (dir: string, opts: { data?: string }) => {
      const feed = await withContext(opts, async (ctx) => buildMispFeed(ctx, { principal: await actingOrg(ctx, undefined, 'export') }));
      await writeMispFeed(dir, feed);
      console.error(`${feed.events.length} MISP events written to ${dir}`);
    });
}
