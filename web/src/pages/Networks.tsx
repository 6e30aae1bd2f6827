import { Anchor, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Countries, Loading, Problem, Typologies } from '../components/bits';
import { get } from '../lib/api';
import { date, money, number } from '../lib/format';
import type { NetworkSummary } from '../lib/types';

export default function Networks() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['networks', 'list'], queryFn: async () => (await get<{ items: NetworkSummary[] }>('/api/v1/networks?limit=50')).items, retry: false });
  return (
    <Stack>
      <Title order={1}>{t('networks.title')}</Title>
      <Text>{t('networks.intro')}</Text>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <Problem error={list.error} feature={t('networks.title')} />
      ) : list.data.length === 0 ? (
        <Text c="dimmed">{t('networks.none')}</Text>
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={700}>
            <Table striped data-testid="networks-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('networks.keyNode')}</Table.Th>
                  <Table.Th>{t('networks.reports')}</Table.Th>
                  <Table.Th>{t('networks.size')}</Table.Th>
                  <Table.Th>{t('networks.losses')}</Table.Th>
                  <Table.Th>{t('indicator.countries')}</Table.Th>
                  <Table.Th>{t('indicator.typologies')}</Table.Th>
                  <Table.Th>{t('networks.lastActivity')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.map((n) => (
                  <Table.Tr key={n.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/networks/${encodeURIComponent(n.id)}`} ff="monospace" size="sm">
                        {n.keyNodes[0]?.value ?? n.id}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>{number(n.reports)}</Table.Td>
                    <Table.Td>{number(n.size)}</Table.Td>
                    <Table.Td>
                      <Group gap={6}>{n.loss.map((l) => <Text key={l.currency} size="sm">{money(l.amount, l.currency)}</Text>)}</Group>
                    </Table.Td>
                    <Table.Td>
                      <Countries codes={n.countries} />
                    </Table.Td>
                    <Table.Td>
                      <Typologies names={n.typologies.slice(0, 3)} />
                    </Table.Td>
                    <Table.Td>{date(n.lastActivity)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
    </Stack>
  );
}
