import { Anchor, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TYPOLOGY_NAMES } from '../../../src/modules/typologies/typologies';
import { Loading, Problem } from '../components/bits';
import { get, query } from '../lib/api';
import { mayDo, useAuth } from '../lib/auth';
import { date, money } from '../lib/format';
import type { Report } from '../lib/types';

export default function Reports() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [q, setQ] = useState('');
  const [typology, setTypology] = useState('');
  const [country, setCountry] = useState('');
  const [since, setSince] = useState('');
  const [until, setUntil] = useState('');
  const [minLoss, setMinLoss] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const params = {
    q: debouncedQ,
    typology,
    country: country.trim().length === 2 ? country.trim().toUpperCase() : undefined,
    since: since ? new Date(since + 'T00:00:00Z').toISOString() : undefined,
    until: until ? new Date(until + 'T23:59:59Z').toISOString() : undefined,
  };
  const list = useInfiniteQuery({
    queryKey: ['reports', params],
    queryFn: ({ pageParam }) => get<{ items: Report[]; next: string | null }>('/api/v1/reports' + query({ ...params, limit: 50, cursor: pageParam })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
  });
  // The loss filter reads the decimal amounts already loaded; amounts in different currencies are not compared.
  const items = useMemo(() => {
    const all = list.data?.pages.flatMap((p) => p.items) ?? [];
    const floor = Number(minLoss);
    return minLoss.trim() && Number.isFinite(floor) ? all.filter((r) => r.loss && Number(r.loss.amount) >= floor) : all;
  }, [list.data, minLoss]);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('reports.title')}</Title>
        {mayDo(user, 'report') && (
          <Button component={Link} to="/reports/new">
            {t('nav.newReport')}
          </Button>
        )}
      </Group>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }}>
          <TextInput label={t('reports.search')} description={t('reports.searchHelp')} value={q} onChange={(e) => setQ(e.currentTarget.value)} type="search" data-testid="reports-search" />
          <NativeSelect label={t('reports.typology')} value={typology} onChange={(e) => setTypology(e.currentTarget.value)} data={[{ value: '', label: t('reports.any') }, ...TYPOLOGY_NAMES.map((n) => ({ value: n, label: t(`typology.${n}`) }))]} />
          <TextInput label={t('reports.country')} maxLength={2} value={country} onChange={(e) => setCountry(e.currentTarget.value)} />
          <TextInput label={t('reports.since')} type="date" value={since} onChange={(e) => setSince(e.currentTarget.value)} />
          <TextInput label={t('reports.until')} type="date" value={until} onChange={(e) => setUntil(e.currentTarget.value)} />
          <TextInput label={t('reports.minLoss')} inputMode="decimal" value={minLoss} onChange={(e) => setMinLoss(e.currentTarget.value)} />
        </SimpleGrid>
      </Card>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <Problem error={list.error} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('reports.none')}</Text>
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={720}>
            <Table striped highlightOnHover data-testid="reports-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('reports.typology')}</Table.Th>
                  <Table.Th>{t('reports.country')}</Table.Th>
                  <Table.Th>{t('reports.occurred')}</Table.Th>
                  <Table.Th>{t('reports.loss')}</Table.Th>
                  <Table.Th>{t('reports.indicators')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/reports/${r.id}`}>
                        {t(`typology.${r.typology}`, r.typology)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{r.country ?? '—'}</Table.Td>
                    <Table.Td>{date(r.occurredAt ?? r.createdAt)}</Table.Td>
                    <Table.Td>{r.loss ? money(r.loss.amount, r.loss.currency) : '—'}</Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" lineClamp={2}>
                        {r.indicators.map((i) => i.display).join(', ')}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {list.hasNextPage && (
        <Group>
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('reports.more')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
