import type { NetworkGraph } from './network-graph.js';
import type { GraphView } from './network-stats.js';

export const EXPORT_FORMATS = ['graphml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  graphml: 'application/graphml+xml',
  csv: 'text/csv',
  json: 'application/json',
};

/**
 * A network as nodes and edges: indicators, reports, "appears in" edges and sighting-derived
 * "funds-from" links, never a narrative or a name. `coercedOperator` marks an indicator a
 * presumed victim of trafficking was forced to operate, as the check API does: evidence of the
 * scam, not against the person holding it.
 */
export interface ExportGraph {
  network: { id: string; [fact: string]: unknown };
  indicators: { id: string; kind: string; value: string; reports: number; coercedOperator: boolean }[];
  reports: { id: string; orgId: string; country: string | null; typology: string | null; at: string; lossMinor: number | null; lossCurrency: string | null }[];
  edges: { report: string; indicator: string }[];
  /** `to` received funds from `from`, as a sighting of `orgId` at `at` says. */
  links: { id: string; relation: string; from: string; to: string; orgId: string; at: string }[];
}

export function exportGraphOf(graph: NetworkGraph, view: GraphView, members: readonly number[], reports: readonly number[], network: ExportGraph['network']): ExportGraph {
  const inNetwork = new Set(members);
  const edges: ExportGraph['edges'] = [];
  for (const r of reports) {
    for (const i of graph.reportMembers[r]) if (inNetwork.has(i)) edges.push({ report: graph.reports[r].id, indicator: graph.indicators[i].id });
  }
  const links: ExportGraph['links'] = [];
  for (const i of members) {
    for (const l of graph.indicatorLinks[i]) {
      const link = graph.links[l];
      // Each link once, from its payer's side (or its only end), and only if visible and inside.
      if (link.from !== i || !inNetwork.has(link.to) || !view.admitsLink(l)) continue;
      links.push({ id: link.id, relation: link.relation, from: graph.indicators[link.from].id, to: graph.indicators[link.to].id, orgId: link.orgId, at: link.at });
    }
  }
  return {
    network,
    indicators: members.map((i) => {
      const ref = graph.indicators[i];
      return { id: ref.id, kind: ref.kind, value: ref.canonical, reports: graph.indicatorReports[i].filter((r) => view.admits(r)).length, coercedOperator: ref.coercedOperator === true };
    }),
    reports: reports.map((r) => {
      const { id, orgId, country, typology, at, lossMinor, lossCurrency } = graph.reports[r];
      return { id, orgId, country, typology, at, lossMinor, lossCurrency };
    }),
    edges,
    links,
  };
}

export function renderExport(data: ExportGraph, format: ExportFormat): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  if (format === 'csv') return toCsv(data);
  return toGraphml(data);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * GraphML (as Gephi, yEd, Cytoscape and i2 importers read it): one node per indicator and report;
 * a funds-from edge goes from the indicator that received to the one that paid.
 */
function toGraphml(data: ExportGraph): string {
  const keys: [id: string, forWhat: 'node' | 'edge', type: string, name?: string][] = [
    ['type', 'node', 'string'],
    ['label', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['value', 'node', 'string'],
    ['reports', 'node', 'int'],
    ['coercedOperator', 'node', 'boolean'],
    ['org', 'node', 'string'],
    ['country', 'node', 'string'],
    ['typology', 'node', 'string'],
    ['at', 'node', 'string'],
    ['lossMinor', 'node', 'long'],
    ['lossCurrency', 'node', 'string'],
    ['relation', 'edge', 'string'],
    // Key ids are unique across nodes and edges; the attribute names repeat.
    ['edgeAt', 'edge', 'string', 'at'],
    ['edgeOrg', 'edge', 'string', 'org'],
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, forWhat, type, name = id]) => `  <key id="${id}" for="${forWhat}" attr.name="${name}" attr.type="${type}"/>`),
    `  <graph id="${xml(data.network.id)}" edgedefault="undirected">`,
  ];
  const node = (id: string, attrs: Record<string, string | number | null>) => {
    const cells = Object.entries(attrs)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `<data key="${k}">${xml(String(v))}</data>`);
    out.push(`    <node id="${xml(id)}">${cells.join('')}</node>`);
  };
  for (const i of data.indicators) {
    node(i.id, { type: 'indicator', label: `${i.kind}: ${i.value}`, kind: i.kind, value: i.value, reports: i.reports, coercedOperator: String(i.coercedOperator) });
  }
  for (const r of data.reports) {
    node(r.id, { type: 'report', label: `report ${r.typology ?? ''} ${r.country ?? ''}`.trim(), org: r.orgId, country: r.country, typology: r.typology, at: r.at, lossMinor: r.lossMinor, lossCurrency: r.lossCurrency });
  }
  data.edges.forEach((e, n) => out.push(`    <edge id="e${n}" source="${xml(e.report)}" target="${xml(e.indicator)}"><data key="relation">appears-in</data></edge>`));
  for (const l of data.links) {
    out.push(
      `    <edge id="${xml(l.id)}" source="${xml(l.to)}" target="${xml(l.from)}"><data key="relation">${xml(l.relation)}</data><data key="edgeAt">${xml(l.at)}</data><data key="edgeOrg">${xml(l.orgId)}</data></edge>`,
    );
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

const CSV_COLUMNS = [
  'report_id',
  'report_org',
  'report_country',
  'report_typology',
  'report_at',
  'loss_minor',
  'loss_currency',
  'indicator_id',
  'indicator_kind',
  'indicator_value',
  'indicator_coerced_operator',
  'relation',
  'from_indicator_id',
  'from_indicator_kind',
  'from_indicator_value',
  'from_indicator_coerced_operator',
] as const;

/**
 * One row per link, the tabular shape i2 and Maltego import as links: an "appears-in" row names a
 * report and an indicator; a "funds-from" row names the indicator that received (indicator_*),
 * the one that paid (from_indicator_*), and the sighting's organisation and time in report_org
 * and report_at. A cell that starts with = or @ is quoted with a leading apostrophe so a
 * spreadsheet does not run it.
 */
function toCsv(data: ExportGraph): string {
  const reports = new Map(data.reports.map((r) => [r.id, r]));
  const indicators = new Map(data.indicators.map((i) => [i.id, i]));
  const cell = (v: string | number | null) => {
    let s = v === null ? '' : String(v);
    if (/^[=@]/.test(s)) s = "'" + s;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [CSV_COLUMNS.join(',')];
  for (const e of data.edges) {
    const r = reports.get(e.report)!;
    const i = indicators.get(e.indicator)!;
    lines.push([r.id, r.orgId, r.country, r.typology, r.at, r.lossMinor, r.lossCurrency, i.id, i.kind, i.value, String(i.coercedOperator), 'appears-in', null, null, null, null].map(cell).join(','));
  }
  for (const l of data.links) {
    const [to, from] = [indicators.get(l.to)!, indicators.get(l.from)!];
    lines.push(
      [null, l.orgId, null, null, l.at, null, null, to.id, to.kind, to.value, String(to.coercedOperator), l.relation, from.id, from.kind, from.value, String(from.coercedOperator)].map(cell).join(','),
    );
  }
  return lines.join('\n') + '\n';
}
