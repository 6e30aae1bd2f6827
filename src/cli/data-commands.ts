import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { checkFromStorage } from '../modules/check/check.storage.js';
import { loadDemo } from '../modules/demo/demo.js';
import { importFile, type ImportProgress } from '../modules/imports/import.service.js';
import { findOrg, findNodeOwner } from '../modules/orgs/orgs.store.js';
import { systemPrincipal } from '../modules/orgs/orgs.service.js';
import { dataOption, withContext } from './context.js';
import { table } from './format.js';

function progressBar(label: string): (total: number) => ImportProgress {
  return (total) => {
    // The bar is for people at a terminal; in pipes and CI only the summary is printed.
    if (!process.stderr.isTTY) return { totalBytes: total, onBytes: () => undefined };
    const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} bytes | {eta}s left`, stream: process.stderr, hideCursor: true });
    bar.start(total, 0);
    let done = 0;
    return {
      totalBytes: total,
      onBytes: (n) => {
        done += n;
        bar.update(done);
        if (done >= total) bar.stop();
      },
    };
  };
}

export function registerDataCommands(program: Command): void {
  program
    .command('import')
    .description('import reports and indicators from a JSON Lines or CSV file; safe to run twice')
    .argument('<file>', 'the file')
    .option('--org <id>', 'import as this organisation (default: the node\'s own)')
    .option('--json', 'print the summary as JSON')
    .addOption(dataOption())
    .action(async (file: string, opts: { org?: string; json?: boolean; data?: string }) => {
      const summary = await withContext(opts, async (ctx) => {
        const org = opts.org ? await findOrg(ctx.storage.db, opts.org) : await findNodeOwner(ctx.storage.db);
        if (!org) throw new Error(`no organisation ${opts.org}`);
        return importFile(ctx, { ...systemPrincipal(org), actorId: 'import' }, file, progressBar('importing'));
      });
      if (opts.json) {
        console.log(JSON.stringify(summary, null, 2));
      } else {
        console.log(`${summary.file} (${summary.format}): ${summary.rows} rows; ${summary.accepted} accepted, ${summary.merged} merged, ${summary.rejected} rejected in ${summary.seconds} s (${summary.rowsPerSecond} rows/s)`);
        for (const r of summary.rejections.slice(0, 100)) console.log(`  line ${r.line}: ${r.code}: ${r.reason}`);
        if (summary.rejections.length > 100) console.log(`  … and ${summary.rejections.length - 100} more (use --json for all)`);
      }
      if (summary.rejected > 0 && summary.accepted + summary.merged === 0) process.exitCode = 2;
    });

  program
    .command('check')
    .description('is this known fraud? Checks each value against this node\'s data')
    .argument('<values...>', 'phone numbers, accounts, wallets, links, …')
    .option('--kind <kind>', 'the kind of every value (default: detected)')
    .option('--country <cc>', 'default country for national numbers')
    .option('--json', 'print JSON')
    .addOption(dataOption())
    .action(async (values: string[], opts: { kind?: string; country?: string; json?: boolean; data?: string }) => {
      const results = await withContext(opts, async (ctx) => {
        const owner = await findNodeOwner(ctx.storage.db);
        return checkFromStorage(ctx, systemPrincipal(owner!), values.map((value) => ({ value, kind: opts.kind, country: opts.country })));
      });
      if (opts.json) {
        console.log(JSON.stringify({ results }, null, 2));
        return;
      }
      console.log(
        table(
          ['value', 'kind', 'canonical', 'known', 'score', 'reports', 'countries', 'typologies'],
          results.map((r) =>
            r.error
              ? [r.value, '', '', `error: ${r.error.message}`, '', '', '', '']
              : [r.value, r.kind ?? '', r.canonical ?? '', r.known ? (r.coercedOperator ? 'KNOWN (coerced operator)' : 'KNOWN') : r.allowlisted ? `no (allowlisted: ${r.allowlisted})` : 'no', String(r.score ?? ''), String(r.reports ?? ''), (r.countries ?? []).join(' '), (r.typologies ?? []).join(' ')],
          ),
        ),
      );
    });

  program
    .command('demo')
    .description('load the documented demo data set (docs/demo.md): several countries, typologies and shared mule accounts')
    .option('--shared-data <dir>', 'also list the public scam lists in this folder (see docs/demo.md)')
    .addOption(dataOption())
    .action(async (opts: { sharedData?: string; data?: string }) => {
      const summary = await withContext(opts, (ctx) => loadDemo(ctx, { sharedData: opts.sharedData }));
      console.log(`demo loaded: ${summary.orgs} organisations, ${summary.reports} reports (${summary.newReports} new), ${summary.listings} listings, ${summary.sightings} sightings`);
      console.log('try: fraudx check ' + summary.examples.join(' '));
    });
}
