import type { NetworkGraph } from './network-graph.js';
import type { GraphView } from './network-stats.js';

export const EXPORT_FORMATS = ['graphml', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_MEDIA_TYPES: Record<ExportFormat, string> = {
  graphml: 'application/graphml+xml',
  csv: 'text/csv',
  json: 'application/json',
};

/** A network as nodes and "appears in" edges: reports and indicators, never a narrative or a name. */
export interface ExportGraph {
  network: { id: string; [fact: string]: unknown };
  indicators: { id: string; kind: string; value: string; reports: number }[];
  reports: { id: string; orgId: string; country: string | null; typology: string | null; at: string; lossMinor: number | null; lossCurrency: string | null }[];
  edges: { report: string; indicator: string }[];
}

export function exportGraphOf(graph: NetworkGraph, view: GraphView, members: readonly number[], reports: readonly number[], network: ExportGraph['network']): ExportGraph {
  const inNetwork = new Set(members);
  const edges: ExportGraph['edges'] = [];
  for (const r of reports) {
    for (const i of graph.reportMembers[r]) if (inNetwork.has(i)) edges.push({ report: graph.reports[r].id, indicator: graph.indicators[i].id });
  }
  return {
    network,
    indicators: members.map((i) => {
      const ref = graph.indicators[i];
      return { id: ref.id, kind: ref.kind, value: ref.canonical, reports: graph.indicatorReports[i].filter((r) => view.admits(r)).length };
    }),
    reports: reports.map((r) => {
      const { id, orgId, country, typology, at, lossMinor, lossCurrency } = graph.reports[r];
      return { id, orgId, country, typology, at, lossMinor, lossCurrency };
    }),
    edges,
  };
}

export function renderExport(data: ExportGraph, format: ExportFormat): string {
  if (format === 'json') return JSON.stringify(data, null, 2) + '\n';
  if (format === 'csv') return toCsv(data);
  return toGraphml(data);
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** GraphML (as Gephi, yEd, Cytoscape and i2 importers read it): one node per indicator and report. */
function toGraphml(data: ExportGraph): string {
  const keys: [id: string, forWhat: 'node' | 'edge', type: string][] = [
    ['type', 'node', 'string'],
    ['label', 'node', 'string'],
    ['kind', 'node', 'string'],
    ['value', 'node', 'string'],
    ['reports', 'node', 'int'],
    ['org', 'node', 'string'],
    ['country', 'node', 'string'],
    ['typology', 'node', 'string'],
    ['at', 'node', 'string'],
    ['lossMinor', 'node', 'long'],
    ['lossCurrency', 'node', 'string'],
    ['relation', 'edge', 'string'],
  ];
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">',
    ...keys.map(([id, forWhat, type]) => `  <key id="${id}" for="${forWhat}" attr.name="${id}" attr.type="${type}"/>`),
    `  <graph id="${xml(data.network.id)}" edgedefault="undirected">`,
  ];
  const node = (id: string, attrs: Record<string, string | number | null>) => {
    const cells = Object.entries(attrs)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `<data key="${k}">${xml(String(v))}</data>`);
    out.push(`    <node id="${xml(id)}">${cells.join('')}</node>`);
  };
  for (const i of data.indicators) node(i.id, { type: 'indicator', label: `${i.kind}: ${i.value}`, kind: i.kind, value: i.value, reports: i.reports });
  for (const r of data.reports) {
    node(r.id, { type: 'report', label: `report ${r.typology ?? ''} ${r.country ?? ''}`.trim(), org: r.orgId, country: r.country, typology: r.typology, at: r.at, lossMinor: r.lossMinor, lossCurrency: r.lossCurrency });
  }
  data.edges.forEach((e, n) => out.push(`    <edge id="e${n}" source="${xml(e.report)}" target="${xml(e.indicator)}"><data key="relation">appears-in</data></edge>`));
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}

const CSV_COLUMNS = ['report_id', 'report_org', 'report_country', 'report_typology', 'report_at', 'loss_minor', 'loss_currency', 'indicator_id', 'indicator_kind', 'indicator_value'] as const;

/**
 * One row per "appears in" link, the tabular shape i2 and Maltego import as links. A cell that
 * starts with = or @ is quoted with a leading apostrophe so a spreadsheet does not run it.
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
    lines.push([r.id, r.orgId, r.country, r.typology, r.at, r.lossMinor, r.lossCurrency, i.id, i.kind, i.value].map(cell).join(','));
  }
  return lines.join('\n') + '\n';
}
