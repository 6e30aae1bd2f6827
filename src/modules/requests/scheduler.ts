import type { AppContext } from '../../app/context.js';
import { deliverDue } from '../notifications/dispatcher.js';
import { runClocks } from './requests.clocks.js';

/**
 * Runs the request clocks and the notification dispatcher every few seconds in `serve`. Time
 * comes from `ctx.clock`, so a node under test lapses holds exactly when its clock says so.
 * Several processes may run it at once: each change is conditional and happens once.
 */
export function startRequestScheduler(ctx: AppContext, intervalMs = Number(process.env.FRAUDX_CLOCK_INTERVAL_MS ?? 15_000)): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runClocks(ctx);
      const sent = await deliverDue(ctx);
      if (run.lapsed.length + run.escalated.length + run.alerts.length + sent.delivered + sent.failed > 0) {
        ctx.log.info({ lapsed: run.lapsed.length, alerts: run.alerts.length, escalated: run.escalated.length, delivered: sent.delivered, failed: sent.failed }, 'request clocks ran');
      }
    } catch (err) {
      ctx.log.error({ err: (err as Error).message }, 'request clocks failed; trying again next tick');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
