import { Anchor, Badge, Card, Group, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { get } from '../../lib/api';
import { countryName } from '../../lib/format';
import { words } from './strings';

interface Group_ {
  key: string | null;
  total: number;
  stranded: number;
  atRisk: number;
  people: { caseId: string; reference: string | null; status: string; strandedReason: string | null; retraffickingRisk: boolean; waitingDays: number }[];
}

/** Returns home, one column per nationality or mission; people with no mission here come first, never out of sight. */
export default function RepatriationBoard() {
  const { t } = useTranslation();
  const [by, setBy] = useState<'nationality' | 'mission'>('nationality');
  const board = useQuery({ queryKey: ['repatriation-board', by], queryFn: () => get<{ groups: Group_[] }>(`/api/v1/cases/repatriation-board?by=${by}`) });
  const label = (key: string | null) => (key === null ? t('cases.noMission') : by === 'nationality' ? countryName(key) : key);
  return (
    <Stack>
      <Title order={1}>{t('cases.board')}</Title>
      <SegmentedControl value={by} onChange={(v) => setBy(v as typeof by)} data={[{ value: 'nationality', label: t('cases.byNationality') }, { value: 'mission', label: t('cases.byMission') }]} aria-label={t('cases.board')} w="fit-content" />
      {board.isPending ? (
        <Loading />
      ) : board.error ? (
        <Problem error={board.error} feature={t('cases.board')} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} data-testid="repatriation-board">
          {board.data.groups.map((g) => (
            <Card withBorder key={g.key ?? 'none'} data-testid="board-group" bg={g.key === null ? 'orange.0' : undefined}>
              <Group justify="space-between">
                <Title order={2} size="h4">{label(g.key)}</Title>
                <Group gap={4}>
                  <Badge>{t('cases.people')}: {g.total}</Badge>
                  {g.stranded > 0 && <Badge color="orange">{t('cases.stranded')}: {g.stranded}</Badge>}
                  {g.atRisk > 0 && <Badge color="red">{t('cases.atRisk')}: {g.atRisk}</Badge>}
                </Group>
              </Group>
              <Table mt="xs">
                <Table.Thead><Table.Tr><Table.Th>{t('cases.reference')}</Table.Th><Table.Th>{t('cases.status')}</Table.Th><Table.Th>{t('cases.waiting')}</Table.Th></Table.Tr></Table.Thead>
                <Table.Tbody>
                  {g.people.map((p) => (
                    <Table.Tr key={p.caseId}>
                      <Table.Td><Anchor component={Link} to={`/cases/${p.caseId}`}>{p.reference ?? p.caseId.slice(0, 8)}</Anchor></Table.Td>
                      <Table.Td>{words(p.status)}{p.strandedReason ? ` (${words(p.strandedReason)})` : ''}</Table.Td>
                      <Table.Td>{p.waitingDays}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
          ))}
          {board.data.groups.length === 0 && <Text c="dimmed">{t('cases.none')}</Text>}
        </SimpleGrid>
      )}
    </Stack>
  );
}
