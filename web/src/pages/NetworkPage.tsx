import { Anchor, Button, Card, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Countries, Loading, Problem, Typologies } from '../components/bits';
import { Graph, type SelectedNode } from '../components/Graph';
import { get, indicatorPath } from '../lib/api';
import { download } from '../lib/download';
import { date, money, number } from '../lib/format';
import type { Neighbourhood, NetworkDetail, ReportGraph } from '../lib/types';

export default function NetworkPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const detail = useQuery({ queryKey: ['network', id], queryFn: () => get<NetworkDetail>(`/api/v1/networks/${encodeURIComponent(id)}`), retry: false });
  const graph = useQuery({ queryKey: ['network', id, 'graph'], queryFn: () => get<ReportGraph>(`/api/v1/networks/${encodeURIComponent(id)}/export?format=json`), retry: false });
  const [selected, setSelected] = useState<SelectedNode | null>(null);
  const keyIds = useMemo(() => new Set((detail.data?.keyNodes ?? []).map((k) => k.id)), [detail.data]);
  const expand = useCallback(async (node: SelectedNode) => {
    const n = await get<Neighbourhood>(`/api/v1/indicators/${encodeURIComponent(node.kind ?? '')}/${encodeURIComponent(node.value ?? '')}/neighbourhood?depth=1&limit=200`);
    return { indicators: [n.center, ...n.indicators], reports: n.reports, edges: n.edges };
  }, []);

  if (detail.isPending) return <Loading />;
  if (detail.error) return <Problem error={detail.error} feature={t('networks.title')} />;
  const d = detail.data;
  return (
    <Stack>
      <Title order={1}>
        {t('networks.one')}: <span style={{ fontFamily: 'monospace' }}>{d.keyNodes[0]?.value ?? d.id}</span>
      </Title>
      <Group gap="xl">
        <Text>
          <b>{number(d.reports)}</b> {t('networks.reports')}
        </Text>
        <Text>
          <b>{number(d.victims)}</b> {t('networks.victims')}
        </Text>
        <Text>
          <b>{number(d.size)}</b> {t('networks.size')}
        </Text>
        <Text>
          <b>{number(d.orgs)}</b> {t('dashboard.organisations')}
        </Text>
        {d.loss.map((l) => (
          <Text key={l.currency}>
            <b>{money(l.amount, l.currency)}</b>
          </Text>
        ))}
        <Text>
          {date(d.firstActivity)} – {date(d.lastActivity)}
        </Text>
      </Group>
      <Group>
        <Countries codes={d.countries} />
        <Typologies names={d.typologies} />
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 9 }}>
          {graph.isPending ? <Loading /> : graph.error ? <Problem error={graph.error} /> : <Graph graph={graph.data} keyIds={keyIds} onSelect={setSelected} onExpand={expand} label={t('graph.label', { indicators: graph.data.indicators.length, reports: graph.data.reports.length })} />}
          <Group mt="xs" gap="xs">
            {(['graphml', 'csv', 'json'] as const).map((f) => (
              <Button key={f} size="xs" variant="light" onClick={() => void download(`/api/v1/networks/${encodeURIComponent(d.id)}/export?format=${f}`, `${d.id}.${f}`)}>
                {t('graph.export', { format: f.toUpperCase() })}
              </Button>
            ))}
          </Group>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 3 }}>
          <Stack>
            <Card withBorder aria-live="polite">
              <Title order={2} size="h5">
                {t('graph.selected')}
              </Title>
              {selected ? (
                <Stack gap={4}>
                  <Text ff="monospace" size="sm" style={{ wordBreak: 'break-all' }}>
                    {selected.label}
                  </Text>
                  {selected.type === 'indicator' && selected.kind && selected.value ? (
                    <Anchor component={Link} to={indicatorPath(selected.kind, selected.value)} size="sm">
                      {t('check.openIndicator')}
                    </Anchor>
                  ) : (
                    <Anchor component={Link} to={`/reports/${selected.id}`} size="sm">
                      {t('reports.open')}
                    </Anchor>
                  )}
                </Stack>
              ) : (
                <Text size="sm" c="dimmed">
                  {t('graph.selectHint')}
                </Text>
              )}
            </Card>
            <Card withBorder>
              <Title order={2} size="h5">
                {t('networks.keyNodes')}
              </Title>
              <Table>
                <Table.Tbody>
                  {d.keyNodes.map((k) => (
                    <Table.Tr key={k.id}>
                      <Table.Td>
                        <Anchor component={Link} to={indicatorPath(k.kind, k.value)} size="xs" ff="monospace" style={{ wordBreak: 'break-all' }}>
                          {k.value}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>
                        <Text size="xs">{t('networks.reportsCount', { count: k.reports })}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
