import { describe, expect, it } from 'vitest';
import { markingColumns } from '../policy/markings.js';
import type { Principal } from '../policy/policy.js';
import { publicPrincipal } from '../policy/visibility.js';
import { exportGraphOf, renderExport } from './network-export.js';
import { hubsOf, neighbourhoodOf, shortestPath } from './network-queries.js';
import { NetworkState } from './network-state.js';
import { WHOLE_GRAPH } from './network-stats.js';
import { type TestReport, testIndicators, testReportFacts } from './test-graphs.js';
import { networkViewFor } from './visibility.js';

const STRICT = markingColumns({ tlp: 'amber+strict', distribution: 'organisation', groups: [] });
const GROUP = markingColumns({ tlp: 'amber', distribution: 'groups', groups: ['asean-banks'] });
const CLEAR = markingColumns({ tlp: 'clear', distribution: 'public', groups: [] });

const analyst = (orgId: string, groups: string[] = []): Principal => ({ orgId, role: 'analyst', actorId: `${orgId}-analyst`, country: 'TH', groups });

// Two clusters reported by two banks with the community marking, and one report of bank A,
// kept to bank A (TLP:AMBER+STRICT), naming both clusters' mules and an account seen nowhere else.
const TWO_BANKS: TestReport[] = [
  ['r1', 'TH', 'bankA', ['MA', 'a1']],
  ['r2', 'TH', 'bankA', ['MA', 'a2']],
  ['r3', 'KH', 'bankB', ['MB', 'b1']],
  ['r4', 'KH', 'bankB', ['MB', 'b2']],
  ['r5', 'TH', 'bankA', ['MA', 'MB', 'secret'], STRICT],
];

function stateOf(reports: readonly TestReport[], secret?: Uint8Array): NetworkState {
  const state = new NetworkState(secret);
  for (const r of reports) state.addReport(testReportFacts(r), testIndicators(r[3]));
  state.recompute();
  return state;
}

const names = (state: NetworkState, list: Iterable<number>) => [...list].map((i) => state.graph.indicators[i].id).sort();

describe('network views from the policy', () => {
  it('gives the owner, who is hidden nothing, the shared whole-graph computation', () => {
    const state = stateOf(TWO_BANKS);
    expect(networkViewFor(analyst('bankA'), state.graph)).toBe(WHOLE_GRAPH);
    const networks = [...state.partitionFor(WHOLE_GRAPH).all()];
    expect(networks.map((n) => n.stats.size)).toEqual([7]);
  });

  it('splits the network for the other bank, where only the hidden report linked it, and leaves out what only it named', () => {
    const state = stateOf(TWO_BANKS);
    const view = networkViewFor(analyst('bankB'), state.graph);
    expect(view.all).toBe(false);
    const partition = state.partitionFor(view);
    const networks = [...partition.all()].map((n) => ({ id: n.id, members: names(state, partition.uf.members(n.root)), reports: n.stats.reports }));
    expect(networks.map((n) => n.members).sort()).toEqual([
      ['MA', 'a1', 'a2'],
      ['MB', 'b1', 'b2'],
    ]);
    expect(networks.map((n) => n.reports)).toEqual([2, 2]);
    // One piece keeps the whole network's id; the other gets an id like any other, so nothing in
    // the ids tells the reader the two are joined by something it cannot see.
    const whole = [...state.partitionFor(WHOLE_GRAPH).all()][0].id;
    expect(networks.filter((n) => n.id === whole)).toHaveLength(1);
    const other = networks.find((n) => n.id !== whole)!;
    expect(other.id).toMatch(/^nw-[0-9a-f]{16}$/);
    expect(partition.networkOf(state.graph.indicatorNumber('secret')!)).toBeUndefined();
  });

  it('keys the ids of split pieces by the node secret, so a reader cannot compute them from ids it knows', () => {
    const pieceIds = (secret: Uint8Array) => {
      const state = stateOf(TWO_BANKS, secret);
      const whole = [...state.partitionFor(WHOLE_GRAPH).all()][0].id;
      const ids = [...state.partitionFor(networkViewFor(analyst('bankB'), state.graph)).all()].map((n) => n.id);
      return { whole, other: ids.find((id) => id !== whole)! };
    };
    const [a, b] = [pieceIds(new Uint8Array(32).fill(1)), pieceIds(new Uint8Array(32).fill(2))];
    expect(a.whole).toBe(b.whole);
    expect(a.other).not.toBe(b.other);
    expect(pieceIds(new Uint8Array(32).fill(1)).other).toBe(a.other);
  });

  it('walks, finds paths, ranks hubs and exports over the visible reports only', () => {
    const state = stateOf(TWO_BANKS);
    const view = networkViewFor(analyst('bankB'), state.graph);
    const n = (id: string) => state.graph.indicatorNumber(id)!;
    const around = neighbourhoodOf(state.graph, view, n('MB'), 4, 100);
    expect(names(state, around.indicators.map((x) => x.indicator))).toEqual(['MB', 'b1', 'b2']);
    expect(around.reports.map((r) => state.graph.reports[r].id).sort()).toEqual(['r3', 'r4']);
    expect(shortestPath(state.graph, view, n('b1'), n('a1'))).toBeNull();
    expect(shortestPath(state.graph, WHOLE_GRAPH, n('b1'), n('a1'))!.indicators).toHaveLength(4);
    // MA and MB are named from two countries only through the hidden report.
    expect(hubsOf(state.graph, view, { minCountries: 2, minOrgs: 2 })).toEqual([]);
    expect(hubsOf(state.graph, WHOLE_GRAPH, { minCountries: 2, minOrgs: 2 }).map((h) => state.graph.indicators[h.indicator].id)).toEqual(['MB']);
    const partition = state.partitionFor(view);
    for (const network of partition.all()) {
      const { members, reports } = partition.componentOf(network.root);
      for (const format of ['graphml', 'csv', 'json'] as const) {
        const body = renderExport(exportGraphOf(state.graph, view, members, reports, { id: network.id }), format);
        expect(body).not.toContain('secret');
        expect(body).not.toMatch(/\br5\b/);
      }
    }
  });

  it('shares one computation between readers hidden the same reports, and keeps it current as reports arrive', () => {
    const state = stateOf([...TWO_BANKS, ['r6', 'SG', 'bankC', ['c1', 'c2']]]);
    const [b, c] = [networkViewFor(analyst('bankB'), state.graph), networkViewFor(analyst('bankC'), state.graph)];
    expect(b.key).toBe(c.key);
    const first = state.partitionFor(b);
    expect(state.partitionFor(c)).toBe(first);
    const more: TestReport[] = [
      ['r7', 'KH', 'bankB', ['b2', 'b3']],
      ['r8', 'SG', 'bankC', ['c2', 'c3']],
      ['r9', 'TH', 'bankA', ['a2', 'b3', 'secret2'], STRICT],
    ];
    for (const r of more) state.addReport(testReportFacts(r), testIndicators(r[3]));
    state.refresh();
    const again = state.partitionFor(networkViewFor(analyst('bankB'), state.graph));
    expect(again).toBe(first);
    const described = (p: typeof again) => [...p.all()].map((n) => [n.id, n.stats.size, n.stats.reports, n.stats.countries]).sort();
    expect(described(again).map(([, size, reports]) => [size, reports]).sort()).toEqual([
      [3, 2],
      [3, 2],
      [4, 3],
    ]);
    // The same answer as computing the view from scratch.
    const fresh = new NetworkState();
    for (const r of [...TWO_BANKS, ['r6', 'SG', 'bankC', ['c1', 'c2']] as TestReport, ...more]) fresh.addReport(testReportFacts(r), testIndicators(r[3]));
    fresh.recompute();
    expect(described(fresh.partitionFor(networkViewFor(analyst('bankB'), fresh.graph)))).toEqual(described(again));
  });

  it('computes a view again when a marking changes', () => {
    const state = stateOf(TWO_BANKS);
    const before = state.partitionFor(networkViewFor(analyst('bankB'), state.graph));
    state.setReportMarking('r5', markingColumns({ tlp: 'amber', distribution: 'community', groups: [] }));
    expect(networkViewFor(analyst('bankB'), state.graph)).toBe(WHOLE_GRAPH);
    state.setReportMarking('r5', STRICT);
    const after = state.partitionFor(networkViewFor(analyst('bankB'), state.graph));
    expect(after).not.toBe(before);
    expect([...after.all()].map((n) => n.stats.size)).toEqual([3, 3]);
  });

  it('follows sharing groups, the public audience, and a marking widened by its owner', () => {
    const state = stateOf([
      ['r1', 'TH', 'bankA', ['MA', 'a1'], GROUP],
      ['r2', 'TH', 'bankA', ['MA', 'a2'], CLEAR],
      ['r3', 'TH', 'bankA', ['MA', 'a3'], CLEAR],
    ]);
    const sizes = (p: Principal) => [...state.partitionFor(networkViewFor(p, state.graph)).all()].map((n) => n.stats.size);
    expect(networkViewFor(analyst('bankB', ['asean-banks']), state.graph)).toBe(WHOLE_GRAPH);
    expect(sizes(analyst('bankB', ['asean-banks']))).toEqual([4]);
    expect(sizes(analyst('bankB'))).toEqual([3]);
    expect(sizes(publicPrincipal)).toEqual([3]);
    state.setReportMarking('r1', CLEAR);
    expect(networkViewFor(analyst('bankB'), state.graph)).toBe(WHOLE_GRAPH);
    expect(networkViewFor(publicPrincipal, state.graph)).toBe(WHOLE_GRAPH);
  });

  it('lets no machine read networks', () => {
    const state = stateOf(TWO_BANKS);
    expect(() => networkViewFor({ ...analyst('bankA'), role: 'machine' }, state.graph)).toThrow(/may not network read/);
  });
});
