import { Button, Group, Stack, Text } from '@mantine/core';
import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportGraph } from '../lib/types';

const KIND_COLOURS: Record<string, string> = {
  phone: '#1864ab',
  'bank-account': '#2b8a3e',
  iban: '#2b8a3e',
  'crypto-wallet': '#e67700',
  url: '#862e9c',
  domain: '#862e9c',
  email: '#0b7285',
  handle: '#c2255c',
  ip: '#495057',
  'payment-alias': '#5c940d',
};

export interface SelectedNode {
  type: 'indicator' | 'report';
  id: string;
  kind?: string;
  value?: string;
  label: string;
}

/** Cytoscape elements for a report–indicator graph; ids are prefixed so the two never collide. */
export function elementsOf(graph: ReportGraph, keyIds: ReadonlySet<string>): ElementDefinition[] {
  const maxReports = Math.max(1, ...graph.indicators.map((i) => i.reports ?? 1));
  return [
    ...graph.indicators.map((i) => ({
      data: {
        id: `i:${i.id}`,
        type: 'indicator',
        kind: i.kind,
        value: i.value,
        label: i.value.length > 26 ? i.value.slice(0, 24) + '…' : i.value,
        colour: KIND_COLOURS[i.kind] ?? '#495057',
        size: 18 + 26 * Math.sqrt((i.reports ?? 1) / maxReports),
      },
      classes: keyIds.has(i.id) ? 'key' : '',
    })),
    ...graph.reports.map((r) => ({ data: { id: `r:${r.id}`, type: 'report', label: [r.typology, r.country].filter(Boolean).join(' · ') } })),
    ...graph.edges.map((e) => ({ data: { id: `e:${e.report}:${e.indicator}`, source: `r:${e.report}`, target: `i:${e.indicator}` } })),
  ];
}

/**
 * The interactive network view: zoom and pan, select a node to see it, expand an indicator to
 * its neighbours, key nodes drawn larger with a red ring, and a PNG export of what is shown.
 */
export function Graph({
  graph,
  keyIds,
  onSelect,
  onExpand,
  label,
  highlightKeys = true,
}: {
  graph: ReportGraph;
  keyIds: ReadonlySet<string>;
  onSelect?: (node: SelectedNode | null) => void;
  onExpand?: (node: SelectedNode) => Promise<ReportGraph>;
  label: string;
  /** Whether key nodes start highlighted (everything else faded). */
  highlightKeys?: boolean;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const [selected, setSelected] = useState<SelectedNode | null>(null);
  const [highlight, setHighlight] = useState(highlightKeys);

  useEffect(() => {
    if (!ref.current) return;
    const instance = cytoscape({
      container: ref.current,
      elements: elementsOf(graph, keyIds),
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node[type="indicator"]', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', label: 'data(label)', 'font-size': 9, color: '#212529', 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'node[type="report"]', style: { shape: 'round-rectangle', 'background-color': '#adb5bd', width: 10, height: 10, label: '', 'font-size': 8 } },
        { selector: 'node.key', style: { 'border-width': 4, 'border-color': '#c92a2a' } },
        { selector: 'node:selected', style: { 'border-width': 4, 'border-color': '#fab005', label: 'data(label)' } },
        { selector: 'edge', style: { width: 1, 'line-color': '#ced4da' } },
        { selector: '.faded', style: { opacity: 0.25 } },
      ],
      layout: { name: 'cose', animate: false, nodeRepulsion: () => 6000, idealEdgeLength: () => 40 },
    });
    instance.on('tap', 'node', (e) => {
      const d = e.target.data() as { id: string; type: 'indicator' | 'report'; kind?: string; value?: string; label: string };
      const node: SelectedNode = { type: d.type, id: d.id.slice(2), kind: d.kind, value: d.value, label: d.value ?? d.label };
      setSelected(node);
      onSelect?.(node);
    });
    instance.on('tap', (e) => {
      if (e.target === instance) {
        setSelected(null);
        onSelect?.(null);
      }
    });
    cy.current = instance;
    (ref.current as HTMLDivElement & { cy?: Core }).cy = instance;
    return () => instance.destroy();
  }, [graph, keyIds, onSelect]);

  useEffect(() => {
    const instance = cy.current;
    if (!instance) return;
    instance.elements().removeClass('faded');
    if (highlight && keyIds.size > 0) {
      const keys = instance.nodes('.key');
      instance.elements().not(keys.closedNeighborhood()).addClass('faded');
    }
  }, [highlight, keyIds, graph]);

  const expand = async () => {
    if (!selected || !onExpand || !cy.current) return;
    const more = await onExpand(selected);
    const instance = cy.current;
    const fresh = elementsOf(more, keyIds).filter((el) => instance.getElementById(el.data.id ?? '').empty());
    instance.add(fresh);
    instance.layout({ name: 'cose', animate: false, fit: true }).run();
  };

  const exportPng = () => {
    const png = cy.current?.png({ full: true, scale: 2, bg: '#ffffff', output: 'base64uri' });
    if (!png) return;
    const a = document.createElement('a');
    a.href = png;
    a.download = 'network.png';
    a.click();
  };

  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Button size="xs" variant="default" onClick={() => cy.current?.zoom(cy.current.zoom() * 1.3)} aria-label={t('graph.zoomIn')}>
          +
        </Button>
        <Button size="xs" variant="default" onClick={() => cy.current?.zoom(cy.current.zoom() / 1.3)} aria-label={t('graph.zoomOut')}>
          −
        </Button>
        <Button size="xs" variant="default" onClick={() => cy.current?.fit()}>
          {t('graph.fit')}
        </Button>
        <Button size="xs" variant={highlight ? 'filled' : 'default'} onClick={() => setHighlight((h) => !h)} aria-pressed={highlight}>
          {t('graph.highlight')}
        </Button>
        <Button size="xs" variant="default" onClick={expand} disabled={!selected || selected.type !== 'indicator' || !onExpand} data-testid="expand">
          {t('graph.expand')}
        </Button>
        <Button size="xs" variant="default" onClick={exportPng}>
          {t('graph.exportPng')}
        </Button>
      </Group>
      <div ref={ref} className="graph-canvas" role="img" aria-label={label} data-testid="graph" data-nodes={graph.indicators.length + graph.reports.length} />
      <Text size="xs" c="dimmed">
        {t('graph.legend')}
      </Text>
    </Stack>
  );
}
