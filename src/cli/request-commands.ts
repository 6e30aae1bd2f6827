import type { Command } from 'commander';
import type { AppContext } from '../app/context.js';
import type { ConfigFlags } from '../config.js';
import { LEDGER_GROUPS, type LedgerGroup, ledgerRollup } from '../modules/ledger/ledger.service.js';
import { METRIC_GROUPS, type MetricGroup, responderMetrics } from '../modules/metrics/responders.service.js';
import { deliverDue } from '../modules/notifications/dispatcher.js';
import { listOrgs } from '../modules/orgs/orgs.store.js';
import type { Principal } from '../modules/policy/policy.js';
import { runClocks } from '../modules/requests/requests.clocks.js';
import { getRequest, listRequests } from '../modules/requests/requests.service.js';
import { dataOption, withContext } from './context.js';

/** The CLI acts as an analyst of one organisation (by id or name), since requests are visible per organisation. */
async function actingAs(ctx: AppContext, org: string): Promise<Principal> {
  const found = (await listOrgs(ctx.storage.db)).find((o) => o.id === org || o.name.toLowerCase().includes(org.toLowerCase()));
  if (!found) throw new Error(`no organisation matches "${org}"`);
  return { orgId: found.id, role: 'analyst', actorId: 'cli', country: found.country };
}

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export function registerRequestCommands(program: Command): void {
  const requests = program.command('requests').description('cooperation requests: inbox, outbox, clocks, ledger and responder metrics');
  requests
    .command('list')
    .description('an organisation\'s inbox or outbox')
    .requiredOption('--org <org>', 'organisation id or part of its name')
    .option('--box <box>', 'inbox, outbox, shared or all', 'all')
    .option('--overdue', 'only overdue requests')
    .addOption(dataOption())
    .action(async (opts: ConfigFlags & { org: string; box: 'inbox' | 'outbox' | 'shared' | 'all'; overdue?: boolean }) =>
      withContext(opts, async (ctx) => {
        const page = await listRequests(ctx, await actingAs(ctx, opts.org), { box: opts.box, limit: 500, overdue: opts.overdue ? 'true' : undefined });
        for (const r of page.items) {
          const late = r.clocks.overdue ? `  OVERDUE (${r.clocks.overdueClocks.join(', ')})` : '';
          console.log(`${r.id}  ${r.kind.padEnd(21)} ${r.state.padEnd(18)} ${r.from?.name ?? 'public'} → ${r.to?.name}${late}`);
        }
      }),
    );
  requests
    .command('show <id>')
    .description('one request with its clocks and timeline, as JSON')
    .requiredOption('--org <org>', 'organisation id or part of its name')
    .addOption(dataOption())
    .action(async (id: string, opts: ConfigFlags & { org: string }) => withContext(opts, async (ctx) => print(await getRequest(ctx, await actingAs(ctx, opts.org), id))));
  requests
    .command('tick')
    .description('run the request clocks once now (lapse holds, expire preservations, alert, escalate) and send due notifications')
    .addOption(dataOption())
    .action(async (opts: ConfigFlags) =>
      withContext(opts, async (ctx) => {
        const run = await runClocks(ctx);
        const sent = await deliverDue(ctx);
        console.log(`lapsed ${run.lapsed.length}, alerts ${run.alerts.length}, escalated ${run.escalated.length}; notifications delivered ${sent.delivered}, retrying ${sent.retrying}, failed ${sent.failed}`);
      }),
    );
  program
    .command('ledger')
    .description('the asset ledger: reported lost, held, frozen, seized, returned, released, found wrongful')
    .requiredOption('--org <org>', 'organisation id or part of its name')
    .option('--by <group>', `one of ${LEDGER_GROUPS.join(', ')}`, 'none')
    .addOption(dataOption())
    .action(async (opts: ConfigFlags & { org: string; by: LedgerGroup }) =>
      withContext(opts, async (ctx) => {
        const { rows } = await ledgerRollup(ctx, await actingAs(ctx, opts.org), { by: opts.by });
        for (const r of rows) {
          const figures = Object.entries(r.buckets).map(([b, f]) => `${b} ${f.total}${f.balance !== f.total ? ` (now ${f.balance})` : ''}`);
          console.log(`${[r.groupName ?? r.group, r.currency].filter(Boolean).join('  ')}: ${figures.join(', ')}`);
        }
      }),
    );
  program
    .command('responders')
    .description('responder metrics: time to acknowledge and act, share within deadline')
    .requiredOption('--org <org>', 'organisation id or part of its name')
    .option('--by <groups>', `comma-separated: ${METRIC_GROUPS.join(', ')}`, 'organisation,kind')
    .addOption(dataOption())
    .action(async (opts: ConfigFlags & { org: string; by: string }) =>
      withContext(opts, async (ctx) => {
        const by = opts.by.split(',').filter((g): g is MetricGroup => (METRIC_GROUPS as readonly string[]).includes(g));
        const { rows } = await responderMetrics(ctx, await actingAs(ctx, opts.org), { by });
        const fmt = (s: number | null) => (s === null ? '-' : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
        for (const r of rows as Record<string, unknown>[]) {
          const w = r.withinDeadline as { met: number; judged: number; share: number | null };
          const label = [r.orgName, r.kind, r.country].filter(Boolean).join(' / ');
          console.log(
            `${label}: ${r.requests} requests; acknowledge median ${fmt(r.medianSecondsToAcknowledge as number | null)}; act median ${fmt(r.medianSecondsToAct as number | null)}; within deadline ${w.met}/${w.judged}; overdue now ${r.overdueNow}`,
          );
        }
      }),
    );
}
