import { Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { get } from '../../lib/api';
import { countryName, date } from '../../lib/format';
import { words } from './strings';
import type { CaseSummary } from './types';

export default function CaseList() {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['cases'], queryFn: () => get<{ items: CaseSummary[] }>('/api/v1/cases?limit=500') });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('cases.title')}</Title>
        <Group>
          <Button component={Link} to="/cases/board" variant="light">{t('cases.board')}</Button>
          <Button component={Link} to="/cases/dashboard" variant="light">{t('cases.dashboard')}</Button>
        </Group>
      </Group>
      <Text>{t('cases.intro')}</Text>
      {list.isPending ? (
        <Loading />
      ) : list.error ? (
        <Problem error={list.error} feature={t('cases.title')} />
      ) : list.data.items.length === 0 ? (
        <Text c="dimmed">{t('cases.none')}</Text>
      ) : (
        <Card withBorder p={0}>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover data-testid="cases-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('cases.reference')}</Table.Th>
                  <Table.Th>{t('cases.name')}</Table.Th>
                  <Table.Th>{t('cases.nationality')}</Table.Th>
                  <Table.Th>{t('cases.status')}</Table.Th>
                  <Table.Th>{t('cases.screening')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/cases/${c.id}`}>{c.reference ?? date(c.createdAt)}</Anchor>
                    </Table.Td>
                    <Table.Td>{c.displayName ?? '—'}</Table.Td>
                    <Table.Td>{c.nationality ? countryName(c.nationality) : '—'}</Table.Td>
                    <Table.Td><Badge variant="light">{words(c.status)}</Badge></Table.Td>
                    <Table.Td>{c.screeningOutcome ? words(c.screeningOutcome) : '—'}</Table.Td>
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
