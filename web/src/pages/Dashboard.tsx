import { Anchor, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Problem, Loading } from '../components/bits';
import { Chart, type ChartOption } from '../components/Chart';
import { indicatorPath, isMissingEndpoint } from '../lib/api';
import { dashboardFigures, topNetworks } from '../lib/dashboard-queries';
import { countryName, date, dateTime, money, number } from '../lib/format';

function Stat({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Card withBorder padding="md">
      <Text size="sm" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" data-testid={testId}>
        {value}
      </Text>
    </Card>
  );
}

export default function Dashboard() {
  const { t } = useTranslation();
  const figures = useQuery(dashboardFigures);
  const networks = useQuery(topNetworks);

  const charts = useMemo(() => {
    const d = figures.data;
    if (!d) return null;
    const days = [...new Set([...d.reportsByDay.map((x) => x.key), ...d.blockedByDay.map((x) => x.key)])].sort();
    const of = (rows: { key: string; count: number }[]) => days.map((day) => rows.find((r) => r.key === day)?.count ?? 0);
    const overTime: ChartOption = {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.reports'), t('dashboard.blocked')] },
      grid: { left: 40, right: 16, top: 36, bottom: 30 },
      xAxis: { type: 'category', data: days },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('dashboard.reports'), type: 'bar', data: of(d.reportsByDay), itemStyle: { color: '#1864ab' } },
        { name: t('dashboard.blocked'), type: 'line', data: of(d.blockedByDay), itemStyle: { color: '#c92a2a' } },
      ],
    };
    const bars = (rows: { key: string; count: number }[], label: (k: string) => string, color: string): ChartOption => ({
      tooltip: {},
      grid: { left: 150, right: 16, top: 10, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => label(r.key)) },
      series: [{ type: 'bar', data: rows.map((r) => r.count), itemStyle: { color } }],
    });
    return {
      overTime,
      typologies: bars(d.typologies, (k) => t(`typology.${k}`, k), '#5f3dc4'),
      countries: bars(d.countries, countryName, '#0b7285'),
    };
  }, [figures.data, t]);

  if (figures.isPending) return <Loading />;
  if (figures.error) return <Problem error={figures.error} />;
  const d = figures.data;

  return (
    <Stack>
      <Title order={1}>{t('dashboard.title')}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Stat label={t('dashboard.reports')} value={number(d.totals.reports)} testId="total-reports" />
        <Stat label={t('dashboard.indicators')} value={number(d.totals.activeIndicators)} testId="total-indicators" />
        <Stat label={t('dashboard.blocked')} value={number(d.totals.blockedSightings)} testId="total-blocked" />
        <Stat label={t('dashboard.organisations')} value={number(d.totals.organisations)} testId="total-orgs" />
      </SimpleGrid>

      <Card withBorder data-testid="changes">
        <Title order={2} size="h4">
          {t('dashboard.changes')}
        </Title>
        {!d.changes.since ? (
          <Text c="dimmed">{t('dashboard.firstVisit')}</Text>
        ) : d.changes.events.length === 0 ? (
          <Text>{t('dashboard.noChanges', { since: dateTime(d.changes.since) })}</Text>
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {t('dashboard.since', { since: dateTime(d.changes.since) })}
            </Text>
            <Group gap="lg" mt="xs">
              {d.changes.events.map((e) => (
                <Text key={`${e.entity}-${e.op}`}>
                  <b>{number(e.count)}</b> {t(`changes.${e.entity}.${e.op}`, `${e.entity} ${e.op}`)}
                </Text>
              ))}
            </Group>
          </>
        )}
      </Card>

      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.overTime')}
          </Title>
          {charts && <Chart option={charts.overTime} label={t('dashboard.overTimeLabel', { reports: d.totals.reports, blocked: d.totals.blockedSightings })} />}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.losses')}
          </Title>
          <Table data-testid="losses">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('dashboard.currency')}</Table.Th>
                <Table.Th>{t('dashboard.amount')}</Table.Th>
                <Table.Th>{t('dashboard.reports')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {d.losses.map((l) => (
                <Table.Tr key={l.currency}>
                  <Table.Td>{l.currency}</Table.Td>
                  <Table.Td>{money(l.amount, l.currency)}</Table.Td>
                  <Table.Td>{number(l.reports)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.typologies')}
          </Title>
          {charts && <Chart option={charts.typologies} label={d.typologies.map((x) => `${t(`typology.${x.key}`, x.key)}: ${x.count}`).join(', ')} />}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.countries')}
          </Title>
          {charts && <Chart option={charts.countries} label={d.countries.map((x) => `${countryName(x.key)}: ${x.count}`).join(', ')} />}
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.newIndicators')}
          </Title>
          <Table>
            <Table.Tbody>
              {d.newIndicators.map((i) => (
                <Table.Tr key={i.id}>
                  <Table.Td>{t(`kinds.${i.kind}`, i.kind)}</Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={indicatorPath(i.kind, i.canonical)} ff="monospace" size="sm">
                      {i.display}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{i.score}</Table.Td>
                  <Table.Td>{date(i.firstSeen)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">
            {t('dashboard.networks')}
          </Title>
          {networks.isPending ? (
            <Loading />
          ) : networks.error ? (
            isMissingEndpoint(networks.error) ? <Text c="dimmed">{t('dashboard.networksMissing')}</Text> : <Problem error={networks.error} />
          ) : (
            <Table data-testid="top-networks">
              <Table.Tbody>
                {networks.data.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/networks/${encodeURIComponent(n.id)}`}>
                        {n.keyNodes[0]?.value ?? n.id.slice(0, 8)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{t('networks.reportsCount', { count: n.reports })}</Table.Td>
                    <Table.Td>{n.loss.map((l) => money(l.amount, l.currency)).join(' · ')}</Table.Td>
                    <Table.Td>{n.countries.join(' ')}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
