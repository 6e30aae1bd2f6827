import type { Command } from 'commander';
import { verifyAudit } from '../modules/audit/audit.service.js';
import { runRetention } from '../modules/privacy/retention.service.js';
import { dataOption, withContext } from './context.js';

/** `fraudx audit verify` and `fraudx retention run`. */
export function registerTrustCommands(program: Command): void {
  const auditCmd = program.command('audit').description('the hash-chained audit log');
  auditCmd
    .command('verify')
    .description('walk the audit chain; exit 0 when whole, 1 at the first broken link')
    .option('--json', 'print the result as JSON')
    .addOption(dataOption())
    .action(async (opts: { json?: boolean; data?: string }) => {
      const result = await withContext(opts, (ctx) => verifyAudit(ctx.storage.db));
      if (opts.json) console.log(JSON.stringify(result));
      else if (result.ok) console.log(`audit chain whole: ${result.entries} entries`);
      else console.log(`audit chain broken at entry ${result.broken!.seq} (${result.broken!.reason}); ${result.entries} entries before it are whole`);
      if (!result.ok) process.exitCode = 1;
    });

  program
    .command('retention')
    .description('personal data retention')
    .command('run')
    .description('erase the personal data of reports older than their organisation\'s retention')
    .addOption(dataOption())
    .action(async (opts: { data?: string }) => {
      const done = await withContext(opts, (ctx) => runRetention(ctx));
      const total = done.reduce((n, d) => n + d.erased, 0);
      console.log(`retention: personal data of ${total} report${total === 1 ? '' : 's'} erased`);
    });
}
