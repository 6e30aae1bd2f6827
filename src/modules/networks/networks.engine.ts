import { createHmac } from 'node:crypto';
import type { AppContext } from '../../app/context.js';
import { nodeKey } from '../privacy/field-cipher.js';
import type { LoggedEvent } from '../../log/change-log.js';
import { type Marking, markingColumns } from '../policy/markings.js';
import type { GraphView } from './network-stats.js';
import { NetworkState } from './network-state.js';
import type { Partition } from './partition.js';
import { readAllLinks, readAllReports, readLinks, readReports, readSavedLabels, saveLabelChanges } from './networks.store.js';

const engines = new WeakMap<AppContext, Promise<NetworkEngine>>();

/** The process's network engine for a context: loaded on first use, then kept current by the change log. */
export function networksOf(ctx: AppContext): Promise<NetworkEngine> {
  let engine = engines.get(ctx);
  if (!engine) {
    engine = NetworkEngine.open(ctx);
    engines.set(ctx, engine);
    engine.catch(() => engines.delete(ctx));
  }
  return engine;
}

/** How long id bookkeeping waits for more changes before it is saved. */
const SAVE_DELAY_MS = 1000;

/**
 * Connects the in-memory networks to storage: loads every report once, applies new reports and
 * status changes from the change log as they arrive, and saves the id bookkeeping in the background.
 */
export class NetworkEngine {
  readonly state: NetworkState;
  private queue: Promise<void> = Promise.resolve();
  private saveTimer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();

  private constructor(private readonly ctx: AppContext) {
    this.state = new NetworkState(createHmac('sha256', nodeKey(ctx.config.dataDir)).update('fraudx network piece ids').digest());
  }

  get labels() {
    return this.state.labels;
  }

  static async open(ctx: AppContext): Promise<NetworkEngine> {
    const engine = new NetworkEngine(ctx);
    // Subscribed before loading, so nothing written meanwhile is missed; a report seen twice is skipped.
    let buffered: LoggedEvent[][] | undefined = [];
    ctx.feed.subscribe((events) => {
      if (buffered) buffered.push(events);
      else engine.enqueue(events);
    });
    await engine.load();
    for (const events of buffered) engine.enqueue(events);
    buffered = undefined;
    return engine;
  }

  /** Waits for every event received so far, then brings the networks up to date. */
  async ready(): Promise<void> {
    await this.queue;
    if (this.state.refresh()) this.scheduleSave();
  }

  partitionFor(view: GraphView): Partition {
    return this.state.partitionFor(view);
  }

  /** Saves the id bookkeeping now (a one-shot command calls this before it exits). */
  async save(): Promise<void> {
    clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    this.saving = this.saving.then(() => this.saveChanges());
    await this.saving;
  }

  private async load(): Promise<void> {
    for await (const page of readAllReports(this.ctx.storage.db)) {
      for (const report of page) this.state.graph.addReport(report.facts, report.indicators);
    }
    for await (const page of readAllLinks(this.ctx.storage.db)) {
      for (const link of page) this.state.graph.addLink(link.facts, link.from, link.to);
    }
    const saved = await readSavedLabels(this.ctx.storage.db);
    for (const m of saved.members) {
      const i = this.state.graph.indicatorNumber(m.indicator_id);
      if (i !== undefined) this.labels.restore(i, m.network_id);
    }
    for (const m of saved.merged) this.labels.mergedInto.set(m.id, m.merged_into);
    this.state.recompute();
    this.scheduleSave();
  }

  private enqueue(events: LoggedEvent[]): void {
    this.queue = this.queue
      .then(() => this.apply(events))
      .catch((err: unknown) => this.ctx.log.warn({ err: (err as Error).message }, 'networks could not apply change-log events'));
  }

  private async apply(events: readonly LoggedEvent[]): Promise<void> {
    const fresh: string[] = [];
    const links: string[] = [];
    for (const e of events) {
      // A sighting naming a counterparty: a funds-from link (sightings.service.ts).
      if (e.entity === 'sighting' && e.op === 'create' && (e.data as { counterpartyId?: string }).counterpartyId && !this.state.graph.hasLink(e.entityId)) links.push(e.entityId);
      if (e.entity === 'report' && e.op === 'create' && !this.state.graph.hasReport(e.entityId)) fresh.push(e.entityId);
      // A new marking changes who may compute over the report, not the whole graph's networks.
      const marking = e.entity === 'report' && e.op === 'update' ? (e.data as { marking?: Marking }).marking : undefined;
      if (marking) this.state.setReportMarking(e.entityId, markingColumns(marking));
      // The victim-case flag rides on indicator facts (see cases.coerced.ts).
      if (e.entity === 'indicator' && e.op === 'update') this.state.graph.setCoercedOperator((e.data as { id: string }).id, (e.data as { coercedOperator?: boolean }).coercedOperator === true);
      if (e.entity === 'indicator-status') {
        const data = e.data as { id: string; from: string; to: string };
        if ((data.from === 'allowed') !== (data.to === 'allowed')) this.state.setLinkable(data.id, data.to !== 'allowed');
      }
    }
    if (fresh.length > 0) {
      for (const report of await readReports(this.ctx.storage.db, fresh)) this.state.addReport(report.facts, report.indicators);
    }
    if (links.length > 0) {
      for (const link of await readLinks(this.ctx.storage.db, links)) this.state.addLink(link.facts, link.from, link.to);
    }
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.save().catch((err: unknown) => this.ctx.log.debug({ err: (err as Error).message }, 'saving network ids failed; they are derived and will be saved again'));
    }, SAVE_DELAY_MS);
    this.saveTimer.unref();
  }

  private async saveChanges(): Promise<void> {
    const indicators = [...this.labels.changedIndicators];
    const created = [...this.labels.newNames];
    const merged = [...this.labels.newMerges].map((id) => ({ id, into: this.labels.mergedInto.get(id)! }));
    this.labels.changedIndicators.clear();
    this.labels.newNames.clear();
    this.labels.newMerges.clear();
    if (indicators.length === 0 && created.length === 0 && merged.length === 0) return;
    const members = indicators.map((i) => ({ indicatorId: this.state.graph.indicators[i].id, networkId: this.labels.labelName(i) ?? null }));
    try {
      await saveLabelChanges(this.ctx.storage.db, { members, created, merged }, this.ctx.clock.now().toISOString());
    } catch (err) {
      // Keep them for the next attempt.
      for (const i of indicators) this.labels.changedIndicators.add(i);
      for (const n of created) this.labels.newNames.add(n);
      for (const m of merged) this.labels.newMerges.add(m.id);
      throw err;
    }
  }
}
