/**
 * Networks at scale: builds a report–indicator graph of 1 million indicators and 3 million
 * "appears in" edges shaped like scam data — a few large networks run through a few hundred mule
 * accounts each, a couple of thousand mid-sized ones, and a long tail of small ones — then times
 * a full recomputation and how soon a new report shows in the next network query.
 *
 *   node --import tsx bench/networks.bench.ts [--quick]
 *
 * prints one JSON object per figure, then a summary line.
 */
import { fileURLToPath } from 'node:url';
import { NetworkState } from '../src/modules/networks/network-state.js';
import { WHOLE_GRAPH } from '../src/modules/networks/network-stats.js';
import { COMMUNITY_MIN_SIZE } from '../src/modules/networks/network-structure.js';
import { networkViewFor } from '../src/modules/networks/visibility.js';
import { markingColumns } from '../src/modules/policy/markings.js';
import { rng } from './data.js';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target: number | null;
  meets: boolean | null;
}

interface Shape {
  indicators: number;
  large: { count: number; size: number };
  medium: { count: number; size: number };
}

const FULL: Shape = { indicators: 1_000_000, large: { count: 5, size: 40_000 }, medium: { count: 2_000, size: 100 } };
const QUICK: Shape = { indicators: 100_000, large: { count: 3, size: 8_000 }, medium: { count: 200, size: 100 } };

/** Network sizes: the large and medium ones, then small ones of 2–10 until every indicator is used. */
function networkSizes(shape: Shape, r: () => number): number[] {
  const sizes = [...Array(shape.large.count).fill(shape.large.size), ...Array(shape.medium.count).fill(shape.medium.size)];
  let used = sizes.reduce((a, b) => a + b, 0);
  while (used < shape.indicators) {
    const s = Math.min(2 + Math.floor(r() * 9), shape.indicators - used);
    sizes.push(s);
    used += s;
  }
  return sizes;
}

/**
 * Each network of s indicators gets about s reports of three indicators each: one of its hubs (one per
 * ~150 members, chosen with a skew so a few mules take most victims), the next member in turn,
 * and one at random. A few reports cross networks, as shared infrastructure does.
 */
interface BenchReport {
  id: string;
  country: string;
  members: number[];
  strict?: boolean;
}

function* reportsOf(shape: Shape, seed = 7): Generator<BenchReport> {
  const r = rng(seed);
  const countries = ['TH', 'KH', 'SG', 'PH', 'ID', 'MY', 'VN', 'MM', 'LA'];
  let base = 0;
  let n = 0;
  for (const size of networkSizes(shape, r)) {
    const hubs = Math.max(1, Math.floor(size / 150));
    const home = Math.floor(r() * countries.length);
    // A few more reports than members, since small networks repeat a member now and then.
    for (let k = 0; k < Math.ceil(size * 1.08); k++) {
      const hub = base + Math.floor(hubs * r() * r());
      const members = [hub, base + (k % size), base + ((k + 1 + Math.floor(r() * (size - 1))) % size)];
      // One report in fifty is filed from another country than the network's home.
      const country = countries[r() < 0.02 ? Math.floor(r() * countries.length) : home];
      // One report in a hundred is kept to its own organisation (TLP:AMBER+STRICT).
      yield { id: `r${n}`, country, members, strict: n++ % 100 === 99 };
    }
    base += size;
  }
}

const indicatorId = (i: number) => `i${String(i).padStart(8, '0')}`;
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

const STRICT = markingColumns({ tlp: 'amber+strict', distribution: 'organisation', groups: [] });

function addReport(state: NetworkState, report: BenchReport): void {
  state.addReport(
    {
      id: report.id,
      orgId: `org-${report.country}`,
      country: report.country,
      typology: 'investment',
      lossMinor: 100_000,
      lossCurrency: 'USD',
      at: '2025-06-01T00:00:00.000Z',
      ...(report.strict ? { marking: STRICT } : {}),
    },
    report.members.map((i) => ({ id: indicatorId(i), kind: i % 3 === 0 ? 'bank-account' : i % 3 === 1 ? 'phone' : 'crypto-wallet', canonical: indicatorId(i), linkable: true })),
  );
}

export async function runNetworksBench({ quick = false }: { quick?: boolean } = {}): Promise<Figure[]> {
  const shape = quick ? QUICK : FULL;
  const state = new NetworkState();
  const figures: Figure[] = [];
  const figure = (name: string, value: number, unit: string, target: number | null = null) =>
    figures.push({ name, value: Math.round(value * 100) / 100, unit, target, meets: target === null ? null : value <= target });

  let t = process.hrtime.bigint();
  for (const report of reportsOf(shape)) addReport(state, report);
  figure('networks.load.graph', ms(t), 'ms');
  figure('networks.graph.indicators', state.graph.indicators.length, 'count');
  figure('networks.graph.edges', state.graph.edgeCount, 'count');

  // A full recomputation: every component from every edge, described and named. CPU time is
  // printed beside wall time: on a shared machine the wall clock measures the neighbours too.
  const cpu = process.cpuUsage();
  t = process.hrtime.bigint();
  state.graph.rebuildComponents();
  state.recompute();
  const partition = state.partitionFor(WHOLE_GRAPH);
  const networks = [...partition.all()];
  figure('networks.recompute.components', ms(t), 'ms');
  figure('networks.count', networks.length, 'count');

  // Communities (Louvain) and key nodes (betweenness) for every network big enough to have them.
  t = process.hrtime.bigint();
  let communities = 0;
  for (const n of networks) if (n.stats.size >= COMMUNITY_MIN_SIZE) communities += partition.communities(n.root).length;
  figure('networks.recompute.communities', ms(t), 'ms');
  figure('networks.communities', communities, 'count');
  t = process.hrtime.bigint();
  const top = networks.sort((a, b) => b.stats.reports - a.stats.reports).slice(0, 20);
  for (const n of top) partition.keyNodes(n.root);
  figure('networks.keynodes.top20', ms(t), 'ms');
  const full = figures.filter((f) => f.name.startsWith('networks.recompute.')).reduce((a, f) => a + f.value, 0);
  figure('networks.recompute.total', full, 'ms', 60_000);
  const used = process.cpuUsage(cpu);
  figure('networks.recompute.cpu', (used.user + used.system) / 1000, 'ms');

  // A new report joining two networks: how long until the next query lists the merged network.
  const r = rng(99);
  const latencies: number[] = [];
  for (let k = 0; k < 50; k++) {
    t = process.hrtime.bigint();
    const a = Math.floor(r() * shape.indicators);
    const b = Math.floor(r() * shape.indicators);
    addReport(state, { id: `new${k}`, country: 'TH', members: [a, b] });
    state.refresh();
    const visible = state.partitionFor(WHOLE_GRAPH).networkOf(state.graph.indicatorNumber(indicatorId(a))!);
    if (!visible || visible.stats.reports < 2) throw new Error('the new report is not in a network');
    // The query an analyst runs next: every network, filtered and sorted.
    [...state.partitionFor(WHOLE_GRAPH).all()].filter((n) => n.stats.countries.includes('TH')).sort((x, y) => y.stats.reports - x.stats.reports);
    latencies.push(ms(t));
  }
  latencies.sort((x, y) => x - y);
  figure('networks.incremental.visible.p50', latencies[Math.floor(latencies.length / 2)], 'ms');
  figure('networks.incremental.visible.max', latencies[latencies.length - 1], 'ms', 1000);

  // A reader from outside the region, hidden every strict report: its own partition, computed
  // once over the visible reports, then served from the cache until the graph changes.
  const outsider = networkViewFor({ orgId: 'org-outside', role: 'analyst', actorId: 'bench', country: 'US' }, state.graph);
  t = process.hrtime.bigint();
  const restricted = state.partitionFor(outsider);
  figure('networks.view.restricted.compute', ms(t), 'ms', 60_000);
  figure('networks.view.restricted.count', [...restricted.all()].length, 'count');
  // Reports counted in its networks, against the whole graph's: the hidden ones are not.
  figure('networks.view.restricted.reports', [...restricted.all()].reduce((sum, n) => sum + n.stats.reports, 0), 'count');
  figure('networks.view.whole.reports', [...state.partitionFor(WHOLE_GRAPH).all()].reduce((sum, n) => sum + n.stats.reports, 0), 'count');
  t = process.hrtime.bigint();
  state.partitionFor(outsider);
  figure('networks.view.restricted.cached', ms(t), 'ms');

  // The same for the outside reader: its cached partition takes in the new reports it may see.
  const restrictedLatencies: number[] = [];
  for (let k = 0; k < 50; k++) {
    t = process.hrtime.bigint();
    const a = Math.floor(r() * shape.indicators);
    const b = Math.floor(r() * shape.indicators);
    addReport(state, { id: `next${k}`, country: 'TH', members: [a, b] });
    state.refresh();
    const partition = state.partitionFor(networkViewFor({ orgId: 'org-outside', role: 'analyst', actorId: 'bench', country: 'US' }, state.graph));
    const visible = partition.networkOf(state.graph.indicatorNumber(indicatorId(a))!);
    if (!visible || visible.stats.reports < 2) throw new Error('the new report is not in the outside reader\'s networks');
    [...partition.all()].filter((n) => n.stats.countries.includes('TH')).sort((x, y) => y.stats.reports - x.stats.reports);
    restrictedLatencies.push(ms(t));
  }
  restrictedLatencies.sort((x, y) => x - y);
  figure('networks.incremental.restricted.p50', restrictedLatencies[Math.floor(restrictedLatencies.length / 2)], 'ms');
  figure('networks.incremental.restricted.max', restrictedLatencies[restrictedLatencies.length - 1], 'ms', 1000);
  figure('networks.heap', process.memoryUsage().heapUsed / 1e6, 'MB');
  return figures;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const figures = await runNetworksBench({ quick: process.argv.includes('--quick') });
  for (const f of figures) console.log(JSON.stringify(f));
  const failed = figures.filter((f) => f.meets === false);
  console.error(failed.length === 0 ? 'networks: all targets met' : `networks: missed ${failed.map((f) => f.name).join(', ')}`);
  if (failed.length > 0) process.exitCode = 1;
}
