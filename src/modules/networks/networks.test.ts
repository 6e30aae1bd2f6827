import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { describe, expect, it } from 'vitest';
import { exportGraphOf, renderExport } from './network-export.js';
import { NetworkLabels } from './network-ids.js';
import { hubsOf, neighbourhoodOf, shortestPath } from './network-queries.js';
import { type GraphView, WHOLE_GRAPH } from './network-stats.js';
import { communitiesOf } from './network-structure.js';
import { Partition, viewPartition } from './partition.js';
import { addTestReport, componentSets, graphOf, type TestReport } from './test-graphs.js';
import { UnionFind } from './union-find.js';

// Two rings of victims in two countries, each paying one mule account (M1, M2), and one
// report that names both mules: the bridge.
const BARBELL: TestReport[] = [
  ['r1', 'TH', 'o1', ['M1', 'a1']],
  ['r2', 'TH', 'o1', ['M1', 'a2']],
  ['r3', 'TH', 'o2', ['M1', 'a3', 'a1']],
  ['r4', 'TH', 'o2', ['M1', 'a4']],
  ['r5', 'KH', 'o3', ['M2', 'b1']],
  ['r6', 'KH', 'o3', ['M2', 'b2', 'b1']],
  ['r7', 'KH', 'o4', ['M2', 'b3']],
  ['r8', 'KH', 'o4', ['M2', 'b4']],
  ['r9', 'SG', 'o5', ['M1', 'M2']],
  ['r10', 'PH', 'o6', ['x1', 'x2']],
  ['r11', 'PH', 'o6', ['x2', 'x3']],
  ['r12', 'ID', 'o7', ['lonely']],
];

const idsOf = (p: Partition, list: readonly number[]) => list.map((i) => p.graph.indicators[i].id);

describe('union-find', () => {
  it('joins sets, lists their members and grows past its first capacity', () => {
    const uf = new UnionFind(2);
    uf.ensure(6);
    uf.union(0, 1);
    uf.union(4, 5);
    uf.union(1, 5);
    expect(uf.find(4)).toBe(uf.find(0));
    expect(uf.sizeOf(0)).toBe(4);
    expect(uf.members(uf.find(0)).sort()).toEqual([0, 1, 4, 5]);
    expect(uf.members(2)).toEqual([2]);
    expect(uf.union(0, 4).absorbed).toBe(-1);
  });
});

describe('the network graph', () => {
  it('finds exactly the components of a known graph, including one joined later', () => {
    const graph = graphOf(BARBELL);
    expect(componentSets(graph)).toEqual([
      ['M1', 'M2', 'a1', 'a2', 'a3', 'a4', 'b1', 'b2', 'b3', 'b4'],
      ['lonely'],
      ['x1', 'x2', 'x3'],
    ]);
    const before = addTestReport(graph, ['r13', 'PH', 'o6', ['x3', 'lonely']]);
    expect(before).toHaveLength(2);
    expect(componentSets(graph).map((s) => s.length)).toEqual([10, 4]);
    expect(addTestReport(graph, ['r13', 'PH', 'o6', ['x1']])).toBeUndefined();
  });

  it('lets an allowed indicator link nothing, once the components are rebuilt', () => {
    const graph = graphOf([
      ['r1', 'TH', 'o1', ['bank.example', 'p1']],
      ['r2', 'TH', 'o1', ['bank.example', 'p2']],
    ]);
    expect(componentSets(graph)).toHaveLength(1);
    expect(graph.setLinkable('bank.example', false)).toBe(true);
    graph.rebuildComponents();
    expect(componentSets(graph)).toEqual([['bank.example'], ['p1'], ['p2']]);
  });

  it('describes a network: reports, countries, loss per currency and activity', () => {
    const graph = graphOf(BARBELL);
    const p = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const networks = [...p.networks()];
    expect(networks.map((c) => c.members.length).sort()).toEqual([10, 3]);
    const big = networks.find((c) => c.members.length === 10)!;
    const summary = p.set(big, 'nw-test');
    expect(summary.stats).toMatchObject({
      size: 10,
      reports: 9,
      victims: 9,
      orgs: 5,
      countries: ['KH', 'SG', 'TH'],
      loss: [{ currency: 'USD', minor: 900_00 }],
      kinds: { phone: 10 },
      firstActivity: '2025-01-01T00:00:00.000Z',
      lastActivity: '2025-01-09T00:00:00.000Z',
    });
  });
});

describe('key nodes and communities', () => {
  it('ranks the two mule accounts first, the bridge report making them the top betweenness', () => {
    const graph = graphOf(BARBELL);
    const p = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const root = graph.uf.find(graph.indicatorNumber('M1')!);
    const key = p.keyNodes(root);
    expect(idsOf(p, key.map((k) => k.indicator))).toEqual(['M1', 'M2', 'a1', 'b1']);
    expect(key[0]).toMatchObject({ reports: 5, countries: ['SG', 'TH'], orgs: 3 });
    // Every shortest path from a ring to the other passes through both mules.
    expect(key[0].betweenness).toBeGreaterThan(0.6);
    expect(key[2].betweenness).toBe(0);
  });

  it('splits the barbell into its two rings with Louvain, and keeps a network under the size threshold whole', () => {
    const graph = graphOf(BARBELL);
    const p = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const members = graph.uf.members(graph.uf.find(graph.indicatorNumber('M1')!));
    expect(p.communities(graph.uf.find(members[0]))).toHaveLength(1);
    const communities = communitiesOf(graph, WHOLE_GRAPH, members, 2).map((c) => idsOf(p, c).sort());
    expect(communities).toEqual([
      ['M1', 'a1', 'a2', 'a3', 'a4'],
      ['M2', 'b1', 'b2', 'b3', 'b4'],
    ]);
  });
});

describe('neighbourhoods, paths and hubs', () => {
  const graph = graphOf(BARBELL);
  const n = (id: string) => graph.indicatorNumber(id)!;

  it('walks to the asked depth and stops at the node limit', () => {
    const one = neighbourhoodOf(graph, WHOLE_GRAPH, n('a1'), 1, 100);
    expect(one.indicators.map((x) => graph.indicators[x.indicator].id).sort()).toEqual(['M1', 'a1', 'a3']);
    expect(one.reports.map((r) => graph.reports[r].id).sort()).toEqual(['r1', 'r3']);
    expect(one.edges).toHaveLength(5);
    const two = neighbourhoodOf(graph, WHOLE_GRAPH, n('a1'), 2, 100);
    expect(two.indicators.filter((x) => x.depth === 2).map((x) => graph.indicators[x.indicator].id).sort()).toEqual(['M2', 'a2', 'a4']);
    expect(two.truncated).toBe(false);
    const capped = neighbourhoodOf(graph, WHOLE_GRAPH, n('a1'), 3, 6);
    expect(capped.indicators.length + capped.reports.length).toBe(6);
    expect(capped.truncated).toBe(true);
  });

  it('finds the shortest chain across the bridge, and none between unlinked indicators', () => {
    const path = shortestPath(graph, WHOLE_GRAPH, n('a2'), n('b4'))!;
    expect(path.indicators.map((i) => graph.indicators[i].id)).toEqual(['a2', 'M1', 'M2', 'b4']);
    expect(path.hops.map((h) => ('report' in h ? graph.reports[h.report].id : h))).toEqual(['r2', 'r9', 'r8']);
    expect(shortestPath(graph, WHOLE_GRAPH, n('a2'), n('x1'))).toBeNull();
  });

  it('ranks shared infrastructure by countries, then organisations, then reports', () => {
    const hubs = hubsOf(graph, WHOLE_GRAPH, { minCountries: 2, minOrgs: 2 });
    expect(hubs.map((h) => [graph.indicators[h.indicator].id, h.countries.length, h.orgs, h.reports])).toEqual([
      ['M1', 2, 3, 5],
      ['M2', 2, 3, 5],
      // Named by two organisations (r1, r3) from one country.
      ['a1', 1, 2, 2],
    ]);
    expect(hubsOf(graph, WHOLE_GRAPH, { minCountries: 3, minOrgs: 99 })).toEqual([]);
  });
});

describe('views that hide reports', () => {
  it('splits a network when the bridge report is hidden, computing only over what is visible', () => {
    const graph = graphOf(BARBELL);
    const bridge = graph.reportNumber('r9')!;
    const view: GraphView = { key: 'no-r9', all: false, admits: (r) => r !== bridge, admitsLink: () => true };
    const p = viewPartition(graph, view);
    const sizes = [...p.networks()].map((c) => c.members.length).sort();
    expect(sizes).toEqual([3, 5, 5]);
    expect(hubsOf(graph, view, { minCountries: 2, minOrgs: 99 })).toEqual([]);
    expect(shortestPath(graph, view, graph.indicatorNumber('a1')!, graph.indicatorNumber('b1')!)).toBeNull();
  });
});

describe('network ids', () => {
  const ids = (n: number) => `i${String(n).padStart(3, '0')}`;
  const component = (root: number, members: number[]) => ({ root, members, memberIds: ids });

  it('keeps an id while most of the membership stays, and retires one absorbed by a larger network', () => {
    const labels = new NetworkLabels();
    const first = labels.name([component(0, [0, 1, 2, 3]), component(10, [10, 11])], () => true);
    const [a, b] = [first.get(0)!, first.get(10)!];
    expect(a).toMatch(/^nw-[0-9a-f]{16}$/);
    expect(a).not.toBe(b);
    // The two merge: the larger keeps its id (Jaccard 4/6), the smaller now leads to it.
    labels.resetRoots();
    const merged = labels.name([component(0, [0, 1, 2, 3, 10, 11])], () => false);
    expect(merged.get(0)).toBe(a);
    expect(labels.resolve(b)).toBe(a);
    // Mostly new members (Jaccard 6/13 < 0.5): a new id, derived from the oldest member.
    labels.resetRoots();
    const grown = labels.name([component(0, [0, 1, 2, 3, 10, 11, 20, 21, 22, 23, 24, 25, 26])], () => false);
    expect(grown.get(0)).not.toBe(a);
  });

  it('names a new network the same way in two processes', () => {
    const one = new NetworkLabels().name([component(5, [7, 5, 9])], () => true);
    const two = new NetworkLabels().name([component(9, [9, 7, 5])], () => true);
    expect(one.get(5)).toBe(two.get(9));
  });
});

describe('exports', () => {
  it('writes GraphML that a standard parser reads back with every node, edge and attribute', () => {
    const graph = graphOf([...BARBELL, ['r13', 'TH', 'o1', ['M1', 'scam<&>".example']]]);
    const p = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const c = p.componentOf(graph.indicatorNumber('M1')!);
    const data = exportGraphOf(graph, WHOLE_GRAPH, c.members, c.reports, { id: 'nw-test' });
    const read = parseGraphml(UndirectedGraph, renderExport(data, 'graphml'));
    expect(read.order).toBe(11 + 10);
    expect(read.size).toBe(data.edges.length);
    expect(read.getNodeAttributes('scam<&>".example')).toMatchObject({ type: 'indicator', kind: 'domain', value: 'scam<&>".example', reports: 1 });
    expect(read.getNodeAttributes('M1')).toMatchObject({ type: 'indicator', reports: 6 });
    expect(read.getNodeAttributes('r9')).toMatchObject({ type: 'report', country: 'SG', org: 'o5', lossMinor: 10000, lossCurrency: 'USD' });
    expect(read.hasEdge('r9', 'M2')).toBe(true);
  });

  it('writes one CSV row per link, quoting what needs it and defusing formulas', () => {
    const graph = graphOf([
      ['r1', 'TH', 'o1', ['=cmd', 'a,b']],
      ['r2', 'TH', 'o1', ['a,b']],
    ]);
    const p = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const c = p.componentOf(0);
    const csv = renderExport(exportGraphOf(graph, WHOLE_GRAPH, c.members, c.reports, { id: 'nw' }), 'csv').trim().split('\n');
    expect(csv[0]).toBe(
      'report_id,report_org,report_country,report_typology,report_at,loss_minor,loss_currency,indicator_id,indicator_kind,indicator_value,' +
        'indicator_coerced_operator,relation,from_indicator_id,from_indicator_kind,from_indicator_value,from_indicator_coerced_operator',
    );
    expect(csv).toHaveLength(4);
    expect(csv[1]).toBe("r1,o1,TH,investment,2025-01-01T00:00:00.000Z,10000,USD,'=cmd,phone,'=cmd,false,appears-in,,,,");
    expect(csv[2]).toContain(',"a,b",phone,"a,b"');
  });
});
