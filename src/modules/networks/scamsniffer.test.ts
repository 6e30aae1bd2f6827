import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import { describe, expect, it } from 'vitest';
import { NetworkGraph } from './network-graph.js';
import { WHOLE_GRAPH } from './network-stats.js';
import { Partition } from './partition.js';

// ScamSniffer's public list of phishing domains and the wallets they drain into.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const DATA = path.resolve(ROOT, '../shared/data/scamsniffer/combined.json');
const present = existsSync(DATA);
if (!present) console.warn(`skipping the ScamSniffer network tests: ${path.relative(ROOT, DATA)} is absent`);

describe.skipIf(!present)('networks over the real ScamSniffer domain→wallet graph', () => {
  const domains = present ? (JSON.parse(readFileSync(DATA, 'utf8')) as Record<string, string[]>) : {};

  it('finds the same components as graphology-components and ranks the most shared wallet first', () => {
    const graph = new NetworkGraph();
    const reference = new UndirectedGraph();
    for (const [domain, wallets] of Object.entries(domains)) {
      // Each listing is one report naming a site and its wallets.
      const refs = [domain, ...wallets].map((v) => ({ id: v, kind: v.startsWith('0x') ? 'crypto-wallet' : 'domain', canonical: v, linkable: true }));
      graph.addReport({ id: `listing:${domain}`, orgId: 'scamsniffer', country: null, typology: 'crypto', lossMinor: null, lossCurrency: null, at: '2024-01-01T00:00:00.000Z' }, refs);
      reference.mergeNode(domain);
      for (const w of wallets) {
        reference.mergeNode(w);
        reference.mergeEdge(domain, w);
      }
    }
    const expected = connectedComponents(reference).map((c) => c.length).sort((a, b) => b - a);
    const partition = new Partition(graph, WHOLE_GRAPH, graph.uf);
    const roots = new Set(graph.indicators.map((_, i) => graph.uf.find(i)));
    const ours = [...roots].map((r) => graph.uf.members(r).length).sort((a, b) => b - a);
    expect(ours).toEqual(expected);
    expect(expected.length).toBeGreaterThan(400);
    expect(expected[0]).toBeGreaterThan(900);

    // The largest network's first key node is the wallet shared by the most sites.
    const largest = [...roots].find((r) => graph.uf.members(r).length === expected[0])!;
    const [top] = partition.keyNodes(largest);
    const mostShared = Math.max(...graph.uf.members(largest).map((i) => graph.indicatorReports[i].length));
    expect(graph.indicators[top.indicator].kind).toBe('crypto-wallet');
    expect(top.reports).toBe(mostShared);
    expect(partition.communities(largest).length).toBeGreaterThan(1);
  });
});
