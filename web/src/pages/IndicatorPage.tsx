import { Alert, Anchor, Button, Card, Grid, Group, List, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Countries, Loading, Problem, ScoreBadge, Typologies } from '../components/bits';
import { Graph } from '../components/Graph';
import { get, post } from '../lib/api';
import { mayDo, useAuth } from '../lib/auth';
import { date, dateTime, money, number } from '../lib/format';
import type { IndicatorDetail, Neighbourhood } from '../lib/types';

const STATUSES = ['active', 'disputed', 'allowed', 'expired'] as const;

/** Why the score is what it is, in the words of docs/scoring.md, from this indicator's own facts. */
function ScoreExplanation({ d }: { d: IndicatorDetail }) {
  const { t } = useTranslation();
  const reasons = [t('indicator.why.orgs', { count: d.organisations, reports: d.reports })];
  if (d.sightings.blocked > 0) reasons.push(t('indicator.why.blocked', { count: d.sightings.blocked }));
  if (d.sightings.seen > 0) reasons.push(t('indicator.why.seen', { count: d.sightings.seen }));
  if (d.sightings.falsePositive > 0) reasons.push(t('indicator.why.falsePositive', { count: d.sightings.falsePositive }));
  reasons.push(t('indicator.why.recency', { date: date(d.lastSeen) }));
  if (d.status !== 'active') reasons.push(t(`indicator.why.status.${d.status}`));
  return (
    <Card withBorder data-testid="score-explanation">
      <Title order={2} size="h4">
        {t('indicator.whyTitle')}
      </Title>
      <List mt="xs" spacing={4}>
        {reasons.map((r) => (
          <List.Item key={r}>{r}</List.Item>
        ))}
      </List>
      <Text size="xs" c="dimmed" mt="xs">
        {t('indicator.why.method')}
      </Text>
    </Card>
  );
}

function Actions({ d }: { d: IndicatorDetail }) {
  const { t } = useTranslation();
  const { user } = useAuth();
  const client = useQueryClient();
  const [status, setStatus] = useState(d.status);
  const [reason, setReason] = useState('');
  const refresh = () => client.invalidateQueries({ queryKey: ['indicator', d.kind] });
  const sighting = useMutation({ mutationFn: (type: string) => post('/api/v1/sightings', { value: d.canonical, kind: d.kind, type }), onSuccess: refresh });
  const change = useMutation({ mutationFn: () => post(`/api/v1/indicators/${encodeURIComponent(d.kind)}/${encodeURIComponent(d.canonical)}/status`, { status, reason }), onSuccess: refresh });
  if (!mayDo(user, 'sighting') && !mayDo(user, 'status')) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4">
        {t('indicator.actions')}
      </Title>
      <Stack mt="xs">
        {mayDo(user, 'sighting') && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => sighting.mutate('seen')} loading={sighting.isPending && sighting.variables === 'seen'}>
              {t('indicator.sawIt')}
            </Button>
            <Button size="xs" variant="light" color="red" onClick={() => sighting.mutate('blocked')} loading={sighting.isPending && sighting.variables === 'blocked'} data-testid="add-blocked">
              {t('indicator.blockedIt')}
            </Button>
            <Button size="xs" variant="light" color="gray" onClick={() => sighting.mutate('false-positive')} loading={sighting.isPending && sighting.variables === 'false-positive'} data-testid="false-positive">
              {t('indicator.falsePositive')}
            </Button>
          </Group>
        )}
        {sighting.isSuccess && <Text size="sm" c="green.9" role="status">{t('indicator.sightingSaved')}</Text>}
        {sighting.error && <Problem error={sighting.error} />}
        {mayDo(user, 'status') && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              change.mutate();
            }}
          >
            <Group align="flex-end" gap="xs" wrap="wrap">
              <NativeSelect label={t('indicator.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value)} data={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} />
              <TextInput label={t('indicator.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} style={{ flex: 1, minWidth: 160 }} />
              <Button type="submit" size="sm" loading={change.isPending} disabled={!reason.trim() || status === d.status}>
                {t('indicator.changeStatus')}
              </Button>
            </Group>
          </form>
        )}
        {change.error && <Problem error={change.error} />}
      </Stack>
    </Card>
  );
}

export default function IndicatorPage() {
  const { t } = useTranslation();
  const { kind = '', value = '' } = useParams();
  const path = `/api/v1/indicators/${encodeURIComponent(kind)}/${encodeURIComponent(value)}`;
  const detail = useQuery({ queryKey: ['indicator', kind, value], queryFn: () => get<IndicatorDetail>(path) });
  const around = useQuery({ queryKey: ['neighbourhood', kind, value], queryFn: () => get<Neighbourhood>(`${path}/neighbourhood?depth=2&limit=300`), retry: false });
  const graph = useMemo(() => (around.data ? { indicators: [around.data.center, ...around.data.indicators.filter((i) => i.id !== around.data.center.id)], reports: around.data.reports, edges: around.data.edges } : null), [around.data]);
  const centre = useMemo(() => new Set(around.data ? [around.data.center.id] : []), [around.data]);

  if (detail.isPending) return <Loading />;
  if (detail.error) return <Problem error={detail.error} />;
  const d = detail.data;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text size="sm" c="dimmed">
            {t(`kinds.${d.kind}`, d.kind)}
          </Text>
          <Title order={1} ff="monospace" style={{ wordBreak: 'break-all' }} data-testid="canonical">
            {d.canonical}
          </Title>
          {d.display !== d.canonical && <Text ff="monospace">{d.display}</Text>}
        </div>
        <Stack gap={4} align="flex-end">
          <ScoreBadge score={d.score} />
          <Text size="sm" data-testid="status">
            {t('indicator.status')}: <b>{t(`status.${d.status}`, d.status)}</b>
          </Text>
        </Stack>
      </Group>
      {d.status === 'disputed' && <Alert color="yellow">{t('indicator.why.status.disputed')}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('indicator.reports')}</Text>
          <Text fw={700} size="xl">{number(d.reports)}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('indicator.organisations')}</Text>
          <Text fw={700} size="xl">{number(d.organisations)}</Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('indicator.sightings')}</Text>
          <Text size="sm">
            {t('indicator.blockedN', { count: d.sightings.blocked })} · {t('indicator.seenN', { count: d.sightings.seen })} · {t('indicator.fpN', { count: d.sightings.falsePositive })}
          </Text>
        </Card>
        <Card withBorder>
          <Text size="sm" c="dimmed">{t('indicator.seen')}</Text>
          <Text size="sm">{date(d.firstSeen)} – {date(d.lastSeen)}</Text>
        </Card>
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack>
            <ScoreExplanation d={d} />
            <Actions d={d} />
            <Card withBorder>
              <Stack gap="xs">
                <Text size="sm" c="dimmed">{t('indicator.countries')}</Text>
                <Countries codes={d.countries} />
                <Text size="sm" c="dimmed">{t('indicator.typologies')}</Text>
                <Typologies names={d.typologies} />
                {d.losses.length > 0 && <Text size="sm" c="dimmed">{t('indicator.losses')}</Text>}
                {d.losses.map((l) => (
                  <Text key={l.currency}>{money(l.amount, l.currency)} ({t('networks.reportsCount', { count: l.reports })})</Text>
                ))}
                {Object.entries(d.facts).length > 0 && <Text size="sm" c="dimmed">{t('indicator.facts')}</Text>}
                {Object.entries(d.facts).map(([k, v]) => (
                  <Text key={k} size="sm">{k}: {v}</Text>
                ))}
              </Stack>
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Card withBorder>
            <Title order={2} size="h4">{t('indicator.neighbourhood')}</Title>
            {around.isPending ? <Loading /> : around.error || !graph ? <Problem error={around.error} feature={t('indicator.neighbourhood')} /> : <Graph graph={graph} keyIds={centre} highlightKeys={false} label={t('graph.label', { indicators: graph.indicators.length, reports: graph.reports.length })} />}
          </Card>
        </Grid.Col>
      </Grid>
      <Card withBorder>
        <Title order={2} size="h4">{t('indicator.reportList')}</Title>
        <Table.ScrollContainer minWidth={500}>
          <Table data-testid="indicator-reports">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reports.typology')}</Table.Th>
                <Table.Th>{t('reports.country')}</Table.Th>
                <Table.Th>{t('reports.occurred')}</Table.Th>
                <Table.Th>{t('reports.recorded')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.reportList.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/reports/${r.id}`}>{t(`typology.${r.typology}`, r.typology)}</Anchor>
                  </Table.Td>
                  <Table.Td>{r.country ?? '—'}</Table.Td>
                  <Table.Td>{date(r.occurredAt)}</Table.Td>
                  <Table.Td>{dateTime(r.createdAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('indicator.provenance')}</Title>
        <Table.ScrollContainer minWidth={500}>
          <Table>
            <Table.Tbody>
              {d.provenance.map((p, i) => (
                <Table.Tr key={i}>
                  <Table.Td>{p.orgName}</Table.Td>
                  <Table.Td>{p.role ? t(`role.${p.role}`, p.role) : '—'}</Table.Td>
                  <Table.Td>{p.country ?? '—'}</Table.Td>
                  <Table.Td>{date(p.observedAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('indicator.sightings')}</Title>
        {d.recentSightings.length === 0 ? (
          <Text c="dimmed">—</Text>
        ) : (
          <List>
            {d.recentSightings.map((s) => (
              <List.Item key={s.id}>
                {t(`sighting.${s.type}`, s.type)} — {dateTime(s.observedAt)}
              </List.Item>
            ))}
          </List>
        )}
      </Card>
    </Stack>
  );
}
