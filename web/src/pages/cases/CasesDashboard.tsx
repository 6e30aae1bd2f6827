import { Card, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading, Problem } from '../../components/bits';
import { get } from '../../lib/api';
import { countryName, number } from '../../lib/format';
import './strings';

interface Stats {
  k: number;
  cells: { nationality?: string | null; people: number }[];
  suppressedCells: number;
  total: number | null;
}

/** People assisted by nationality, exactly as the public statistics publish them: no group under k = 11. */
export default function CasesDashboard() {
  const { t } = useTranslation();
  const stats = useQuery({ queryKey: ['case-statistics'], queryFn: () => get<Stats>('/api/v1/public/case-statistics?by=nationality') });
  if (stats.isPending) return <Loading />;
  if (stats.error) return <Problem error={stats.error} feature={t('cases.dashboard')} />;
  const s = stats.data;
  const max = Math.max(1, ...s.cells.map((c) => c.people));
  return (
    <Stack maw={800}>
      <Title order={1}>{t('cases.dashboard')}</Title>
      <Card withBorder>
        <Table data-testid="assisted-by-nationality">
          <Table.Thead><Table.Tr><Table.Th>{t('cases.nationality')}</Table.Th><Table.Th>{t('cases.people')}</Table.Th><Table.Th w="50%" /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {s.cells.map((c) => (
              <Table.Tr key={c.nationality ?? 'unknown'}>
                <Table.Td>{c.nationality ? countryName(c.nationality) : '—'}</Table.Td>
                <Table.Td>{number(c.people)}</Table.Td>
                <Table.Td><Progress value={(100 * c.people) / max} aria-label={`${c.nationality ?? ''} ${c.people}`} /></Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed" mt="sm">{t('cases.suppressed', { count: s.suppressedCells, k: s.k })}</Text>
        <Text size="sm">{t('cases.total')}: {s.total === null ? t('cases.withheld') : number(s.total)}</Text>
      </Card>
    </Stack>
  );
}
