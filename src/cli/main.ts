import { Command } from 'commander';
import type { ConfigFlags } from '../config.js';
import { ProblemError } from '../errors/problems.js';
import { IndicatorParseError } from '../modules/indicators/kinds/kind.js';
import { registerDataCommands } from './data-commands.js';
import { registerCaseCommands } from './case-commands.js';
import { registerInteropCommands } from './interop-commands.js';
import { registerNetworkCommands } from './network-commands.js';
import { registerTrustCommands } from './trust-commands.js';
import { registerOrgCommands } from './org-commands.js';
import { registerRequestCommands } from './request-commands.js';
import { dataOption } from './context.js';

const program = new Command('fraudx')
  .description('fraudx: share scam intelligence, check identifiers in real time, link reports into networks')
  .showHelpAfterError();

program
  .command('serve')
  .description('run the node: API, web app and check index')
  .option('--port <port>', 'port to listen on (env FRAUDX_PORT, default 8080)')
  .option('--host <host>', 'address to listen on (env FRAUDX_HOST, default 127.0.0.1)')
  .addOption(dataOption())
  // Loaded when asked for: the HTTP server's modules would add a fraction of a second to every
  // other command's start (an import's, a check's).
  .action(async (opts: ConfigFlags) => (await import('./serve.js')).serve(opts));

registerOrgCommands(program);
registerDataCommands(program);
registerInteropCommands(program);
registerNetworkCommands(program);
registerTrustCommands(program);
registerRequestCommands(program);
registerCaseCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof ProblemError || err instanceof IndicatorParseError) {
    console.error(`fraudx: ${err.message}`);
    process.exit(2);
  }
  console.error(`fraudx: ${(err as Error).message}`);
  process.exit(1);
}
