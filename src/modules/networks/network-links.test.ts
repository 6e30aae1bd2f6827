import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { markingColumns } from '../policy/markings.js';
import type { Principal } from '../policy/policy.js';
import { type ExportGraph, exportGraphOf, renderExport } from './network-export.js';
import type { LinkFacts } from './network-graph.js';
import { neighbourhoodOf, shortestPath } from './network-queries.js';
import { NetworkState } from './network-state.js';
import { WHOLE_GRAPH } from './network-stats.js';
import { componentSets, type TestReport, testIndicators, testReportFacts } from './test-graphs.js';
import { networkViewFor } from './visibility.js';

const STRICT = markingColumns({ tlp: 'amber+strict', distribution: 'organisation', groups: [] });
const analyst = (orgId: string): Principal => ({ orgId, role: 'analyst', actorId: `${orgId}-analyst`, country: 'TH' });

// Three scams, each paid into its own wallet; no report names two of them.
const WALLETS: TestReport[] = [
  ['r1', 'TH', 'bankA', ['W1', 'p1']],
  ['r2', 'TH', 'bankA', ['W1', 'p2']],
  ['r3', 'KH', 'bankB', ['W2', 'p3']],
  ['r4', 'PH', 'bankB', ['W3', 'p4']],
];

const link = (id: string, orgId: string, marking = markingColumns({ tlp: 'green', distribution: 'community', groups: [] })): LinkFacts => ({
  id,
  relation: 'funds-from',
  orgId,
  at: '2025-02-01T00:00:00.000Z',
  marking,
});
const wallet = (id: string) => testIndicators([id])[0];

function stateOf(): NetworkState {
  const state = new NetworkState();
  for (const r of WALLETS) state.addReport(testReportFacts(r), testIndicators(r[3]));
  state.recompute();
  return state;
}

describe('funds-from links from sightings', () => {
  it('joins the components of a wallet and the reported wallet it received from, incrementally', () => {
    const state = stateOf();
    expect([...state.partitionFor(WHOLE_GRAPH).all()].map((n) => n.stats.size)).toEqual([3]);
    // An exchange saw W2 receive from W1, and (kept to itself) W3 receive from W2.
    state.addLink(link('s1', 'exchange'), wallet('W1'), wallet('W2'));
    state.addLink(link('s2', 'exchange', STRICT), wallet('W2'), wallet('W3'));
    state.refresh();
    expect(componentSets(state.graph)).toEqual([['W1', 'W2', 'W3', 'p1', 'p2', 'p3', 'p4']]);
    const whole = [...state.partitionFor(WHOLE_GRAPH).all()];
    expect(whole.map((n) => [n.stats.size, n.stats.reports, n.stats.countries])).toEqual([[7, 4, ['KH', 'PH', 'TH']]]);
    // Another bank is hidden the exchange's strict sighting: W3's scam stays apart, and alone
    // it is no network.
    const view = networkViewFor(analyst('bankB'), state.graph);
    const partition = state.partitionFor(view);
    const members = [...partition.all()].map((n) => partition.uf.members(n.root).map((i) => state.graph.indicators[i].id).sort());
    expect(members).toEqual([['W1', 'W2', 'p1', 'p2', 'p3']]);
    expect(networkViewFor(analyst('exchange'), state.graph)).toBe(WHOLE_GRAPH);
  });

  it('takes a new link into a reader’s restricted networks without computing them again', () => {
    const state = stateOf();
    state.addLink(link('s2', 'exchange', STRICT), wallet('W2'), wallet('W3'));
    state.refresh();
    const view = () => networkViewFor(analyst('bankB'), state.graph);
    const before = state.partitionFor(view());
    expect([...before.all()].map((n) => n.stats.size)).toEqual([3]);
    // Bank A's sighting, under a marking the graph already holds (a new one means deciding again).
    state.addLink(link('s1', 'bankA'), wallet('W1'), wallet('W2'));
    state.refresh();
    const after = state.partitionFor(view());
    expect(after).toBe(before);
    expect([...after.all()].map((n) => after.uf.members(n.root).map((i) => state.graph.indicators[i].id).sort())).toEqual([['W1', 'W2', 'p1', 'p2', 'p3']]);
  });

  it('a link seen twice is added once, and one between wallets in no report makes no network', () => {
    const state = stateOf();
    state.addLink(link('s1', 'exchange'), wallet('W8'), wallet('W9'));
    state.addLink(link('s1', 'exchange'), wallet('W8'), wallet('W9'));
    state.refresh();
    expect(state.graph.links).toHaveLength(1);
    expect([...state.partitionFor(WHOLE_GRAPH).all()].map((n) => n.stats.size)).toEqual([3]);
  });

  it('walks and finds paths through links the view admits', () => {
    const state = stateOf();
    state.addLink(link('s1', 'exchange'), wallet('W1'), wallet('W2'));
    state.addLink(link('s2', 'exchange', STRICT), wallet('W2'), wallet('W3'));
    state.refresh();
    const n = (id: string) => state.graph.indicatorNumber(id)!;
    const path = shortestPath(state.graph, WHOLE_GRAPH, n('p1'), n('p4'))!;
    expect(path.indicators.map((i) => state.graph.indicators[i].id)).toEqual(['p1', 'W1', 'W2', 'W3', 'p4']);
    expect(path.hops.map((h) => ('report' in h ? state.graph.reports[h.report].id : state.graph.links[h.link].id))).toEqual(['r1', 's1', 's2', 'r4']);
    const hidden = networkViewFor(analyst('bankB'), state.graph);
    expect(shortestPath(state.graph, hidden, n('p1'), n('p4'))).toBeNull();
    const around = neighbourhoodOf(state.graph, hidden, n('W2'), 1, 100);
    expect(around.indicators.map((x) => state.graph.indicators[x.indicator].id).sort()).toEqual(['W1', 'W2', 'p3']);
    expect(around.links.map((l) => state.graph.links[l].id)).toEqual(['s1']);
  });
});

describe('exports with links and the coerced-operator flag', () => {
  function exported(): ExportGraph {
    const state = stateOf();
    state.addLink(link('s1', 'exchange'), wallet('W1'), wallet('W2'));
    state.refresh();
    state.graph.setCoercedOperator('p3', true);
    const partition = state.partitionFor(WHOLE_GRAPH);
    const { members, reports } = partition.componentOf(state.graph.indicatorNumber('W1')!);
    return exportGraphOf(state.graph, WHOLE_GRAPH, members, reports, { id: 'nw-test' });
  }

  it('writes GraphML a standard parser reads back with the flag and the funds-from edge', () => {
    const read = parseGraphml(UndirectedGraph, renderExport(exported(), 'graphml'));
    expect(read.order).toBe(5 + 3);
    expect(read.getNodeAttributes('p3')).toMatchObject({ type: 'indicator', coercedOperator: true });
    expect(read.getNodeAttributes('W1')).toMatchObject({ type: 'indicator', kind: 'crypto-wallet', coercedOperator: false });
    expect(read.getEdgeAttributes(read.edge('W2', 'W1'))).toEqual({ relation: 'funds-from', at: '2025-02-01T00:00:00.000Z', org: 'exchange' });
    expect(read.size).toBe(6 + 1);
  });

  it('writes the flag and the link in CSV and JSON', () => {
    const data = exported();
    const csv = renderExport(data, 'csv').trim().split('\n');
    expect(csv).toHaveLength(1 + 6 + 1);
    expect(csv.find((l) => l.includes(',p3,'))).toMatch(/,p3,phone,p3,true,appears-in,,,,$/);
    expect(csv[csv.length - 1]).toBe(',exchange,,,2025-02-01T00:00:00.000Z,,,W2,crypto-wallet,W2,false,funds-from,W1,crypto-wallet,W1,false');
    const json = JSON.parse(renderExport(data, 'json')) as ExportGraph;
    expect(json.indicators.filter((i) => i.coercedOperator).map((i) => i.id)).toEqual(['p3']);
    expect(json.links).toEqual([{ id: 's1', relation: 'funds-from', from: 'W1', to: 'W2', orgId: 'exchange', at: '2025-02-01T00:00:00.000Z' }]);
  });
});
