import { UndirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, freshDatabase, type TestDatabase } from '../support/databases.js';
import { runCli } from '../support/process.js';

describe.each(DIALECTS)('fraudx networks on %s', (dialect) => {
  let db: TestDatabase;
  let env: Record<string, string>;
  beforeAll(async () => {
    db = await freshDatabase(dialect);
    env = { FRAUDX_DATA: db.dataDir, DATABASE_URL: db.databaseUrl ?? '', FRAUDX_LOG_LEVEL: 'warn' };
    expect(runCli(['demo'], env).status).toBe(0);
  });
  afterAll(async () => db?.drop());

  it('prints the demo data set\'s networks, at least one across borders, with the same ids every run', () => {
    const first = runCli(['networks', '--json'], env);
    expect(first.status).toBe(0);
    const networks = JSON.parse(first.stdout) as { id: string; size: number; reports: number; countries: string[]; keyNodes: { kind: string; value: string }[] }[];
    expect(networks.length).toBeGreaterThanOrEqual(3);
    const crossBorder = networks.filter((n) => n.countries.length >= 2);
    expect(crossBorder.length).toBeGreaterThanOrEqual(1);
    expect(crossBorder[0].reports).toBeGreaterThanOrEqual(2);
    expect(crossBorder[0].keyNodes.length).toBeGreaterThan(0);
    const again = JSON.parse(runCli(['networks', '--json'], env).stdout) as { id: string }[];
    expect(again.map((n) => n.id)).toEqual(networks.map((n) => n.id));
    const text = runCli(['networks', '--limit', '1'], env);
    expect(text.stdout).toContain(networks[0].id);
    expect(text.stdout).toContain('key nodes');
  });

  it('exports a network as GraphML that a parser reads back, and refuses an unknown id', () => {
    const [network] = JSON.parse(runCli(['networks', '--json', '--limit', '1'], env).stdout) as { id: string; size: number; reports: number }[];
    const out = runCli(['networks', 'export', network.id, '--format', 'graphml'], env);
    expect(out.status).toBe(0);
    const g = parseGraphml(UndirectedGraph, out.stdout);
    expect(g.order).toBe(network.size + network.reports);
    const json = JSON.parse(runCli(['networks', 'export', network.id, '--format', 'json'], env).stdout);
    expect(json.edges).toHaveLength(g.size);
    const missing = runCli(['networks', 'export', 'nw-0000', '--format', 'csv'], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('no network nw-0000');
  });
});
