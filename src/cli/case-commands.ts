import { writeFileSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import { exportHtcds } from '../modules/cases/cases.htcds.js';
import { importRoll } from '../modules/cases/cases.import.js';
import { listCasesQuery } from '../modules/cases/cases.schema.js';
import { listCases } from '../modules/cases/cases.service.js';
import { caseStatistics, parseDimensions } from '../modules/cases/cases.stats.js';
import { repatriationQueue } from '../modules/cases/repatriation.service.js';
import { systemPrincipal } from '../modules/orgs/orgs.service.js';
import { findNodeOwner, findOrg } from '../modules/orgs/orgs.store.js';
import type { Principal } from '../modules/policy/policy.js';
import { dataOption, withContext } from './context.js';
import { table } from './format.js';

interface OrgFlags {
  org?: string;
  data?: string;
}

/** The CLI works cases as one organisation's case team: the node's own, or --org. */
function asCaseTeam<T>(opts: OrgFlags, run: (ctx: AppContext, principal: Principal) => Promise<T>): Promise<T> {
  return withContext(opts, async (ctx) => {
    const org = opts.org ? await findOrg(ctx.storage.db, opts.org) : await findNodeOwner(ctx.storage.db);
    if (!org) throw new Error(`no organisation ${opts.org ?? '(node owner)'}`);
    return run(ctx, { ...systemPrincipal(org), actorId: 'cli' });
  });
}

function rowBar(): (done: number, total: number) => void {
  // For people at a terminal; in pipes and CI only the summary is printed.
  if (!process.stderr.isTTY) return () => undefined;
  let bar: SingleBar | undefined;
  return (done, total) => {
    if (!bar) {
      bar = new SingleBar({ format: 'intake [{bar}] {percentage}% | {value}/{total} people', stream: process.stderr, hideCursor: true });
      bar.start(total, 0);
    }
    bar.update(done);
    if (done >= total) bar.stop();
  };
}

export function registerCaseCommands(program: Command): void {
  const cases = program.command('cases').description('victim cases: bulk intake, lists, the repatriation board, HTCDS export, statistics');

  cases
    .command('import')
    .description('take in a nominal roll (CSV, one person a row) from a rescue operation; bad rows are refused and reported, the rest taken; safe to run twice')
    .argument('<file>', 'the CSV file')
    .option('--org <id>', 'the organisation holding the cases (default: the node\'s own)')
    .option('--operation <name>', 'the rescue operation, for rows without an operation column')
    .option('--json', 'print the summary as JSON')
    .addOption(dataOption())
    .action(async (file: string, opts: OrgFlags & { operation?: string; json?: boolean }) => {
      const summary = await asCaseTeam(opts, (ctx, principal) => importRoll(ctx, principal, file, { operation: opts.operation, onRow: rowBar() }));
      if (opts.json) {
        console.log(JSON.stringify(summary, null, 2));
      } else {
        console.log(`${summary.file}: ${summary.rows} rows; ${summary.created} cases opened, ${summary.alreadyImported} already imported, ${summary.refused} refused`);
        for (const r of summary.refusals.slice(0, 100)) console.log(`  line ${r.line}: ${r.reason}`);
        if (summary.refusals.length > 100) console.log(`  … and ${summary.refusals.length - 100} more (use --json for all)`);
      }
      if (summary.refused > 0 && summary.created + summary.alreadyImported === 0) process.exitCode = 2;
    });

  cases
    .command('list')
    .description('the cases the organisation holds or is named on')
    .option('--org <id>', 'as this organisation (default: the node\'s own)')
    .option('--status <state>', 'only cases in this state')
    .option('--nationality <cc>', 'only this nationality')
    .option('--limit <n>', 'how many', '100')
    .option('--json', 'print JSON')
    .addOption(dataOption())
    .action(async (opts: OrgFlags & { status?: string; nationality?: string; limit: string; json?: boolean }) => {
      const query = listCasesQuery.parse({ status: opts.status, nationality: opts.nationality, limit: opts.limit });
      const page = await asCaseTeam(opts, (ctx, principal) => listCases(ctx, principal, query));
      if (opts.json) return console.log(JSON.stringify(page, null, 2));
      console.log(table(['id', 'reference', 'name', 'nationality', 'status', 'screening'], page.items.map((c) => [c.id, c.reference ?? '', c.displayName ?? '(erased)', c.nationality ?? '', c.status, c.screeningOutcome ?? ''])));
    });

  cases
    .command('board')
    .description('the repatriation board: returns home per nationality or per mission, people with no mission here first')
    .option('--by <what>', 'nationality or mission', 'nationality')
    .option('--org <id>', 'as this organisation (default: the node\'s own)')
    .option('--json', 'print JSON')
    .addOption(dataOption())
    .action(async (opts: OrgFlags & { by: string; json?: boolean }) => {
      const by = opts.by === 'mission' ? 'mission' : 'nationality';
      const groups = await asCaseTeam(opts, (ctx, principal) => repatriationQueue(ctx, principal, by));
      if (opts.json) return console.log(JSON.stringify({ groups }, null, 2));
      console.log(table([by, 'people', 'stranded', 'at risk', 'by status'], groups.map((g) => [g.key ?? 'NO MISSION HERE', String(g.total), String(g.stranded), String(g.atRisk), Object.entries(g.byStatus).map(([s, n]) => `${s}:${n}`).join(' ')])));
    });

  cases
    .command('export-htcds')
    .description('every case the organisation may read, as HTCDS 2.0 records (JSON)')
    .option('--org <id>', 'as this organisation (default: the node\'s own)')
    .option('--operation <name>', 'only this rescue operation')
    .option('--out <file>', 'write to this file (mode 0600) instead of standard output')
    .addOption(dataOption())
    .action(async (opts: OrgFlags & { operation?: string; out?: string }) => {
      const records = await asCaseTeam(opts, (ctx, principal) => exportHtcds(ctx, principal, { operation: opts.operation }));
      const text = JSON.stringify({ standard: 'HTCDS 2.0', records }, null, 2) + '\n';
      if (opts.out) writeFileSync(opts.out, text, { mode: 0o600 });
      else process.stdout.write(text);
    });

  cases
    .command('stats')
    .description('people assisted, as published: no cell under 11 people')
    .option('--by <dims>', 'comma-separated: nationality, compoundCountry, gender, year', 'nationality,compoundCountry')
    .option('--json', 'print JSON')
    .addOption(dataOption())
    .action(async (opts: { by: string; json?: boolean; data?: string }) => {
      const stats = await withContext(opts, (ctx) => caseStatistics(ctx, parseDimensions(opts.by)));
      if (opts.json) return console.log(JSON.stringify(stats, null, 2));
      console.log(table([...stats.dimensions, 'people'], stats.cells.map((c) => [...stats.dimensions.map((d) => c[d] ?? ''), String(c.people)])));
      console.log(`${stats.suppressedCells} cells under ${stats.k} people withheld; total ${stats.total ?? 'withheld'}`);
    });
}
