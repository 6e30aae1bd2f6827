import { Anchor, Button, Group, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { get, query } from '../../lib/api';
import { mayDo, useAuth } from '../../lib/auth';
import { dateTime } from '../../lib/format';
import { RequestsPanel } from './RequestsPanel';
import { Due, humanise, nextDue, StateBadge } from './shared';
import type { RequestView } from './types';

const BOXES = ['inbox', 'outbox', 'shared'] as const;

/** The organisation's inbox and outbox, overdue requests in red, with the ledger and responder times below. */
export default function RequestList() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const [box, setBox] = useState<(typeof BOXES)[number]>('inbox');
  const list = useQuery({ queryKey: ['requests', box], queryFn: () => get<{ items: RequestView[] }>(`/api/v1/requests${query({ box })}`) });
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('requests.title')}</Title>
        {mayDo(user, 'status') && (
          <Button component={Link} to="/requests/new" data-testid="new-request">
            {t('requests.new')}
          </Button>
        )}
      </Group>
      <Tabs value={box} onChange={(v) => v && setBox(v as typeof box)}>
        <Tabs.List>
          {BOXES.map((b) => (
            <Tabs.Tab key={b} value={b} data-testid={`box-${b}`}>
              {t(`requests.${b}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      {list.error ? <Problem error={list.error} feature={t('requests.title')} /> : !list.data ? <Loading /> : list.data.items.length === 0 ? <Text c="dimmed">{t('requests.none')}</Text> : (
        <Table.ScrollContainer minWidth={800}>
          <Table data-testid="requests-table" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('requests.kind')}</Table.Th>
                <Table.Th>{t('requests.state')}</Table.Th>
                <Table.Th>{box === 'inbox' ? t('requests.from') : t('requests.to')}</Table.Th>
                <Table.Th>{t('requests.reference')}</Table.Th>
                <Table.Th>{t('requests.urgency')}</Table.Th>
                <Table.Th>{t('requests.sent')}</Table.Th>
                <Table.Th>{t('requests.due')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.data.items.map((r) => (
                <Table.Tr key={r.id} data-overdue={r.clocks.overdue || undefined}>
                  <Table.Td>
                    <Anchor component={Link} to={`/requests/${r.id}`}>
                      {humanise(r.kind)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <StateBadge state={r.state} overdue={r.clocks.overdue} />
                  </Table.Td>
                  <Table.Td>{(box === 'inbox' ? r.from?.name : r.to?.name) ?? '—'}</Table.Td>
                  <Table.Td>{r.reference ?? '—'}</Table.Td>
                  <Table.Td>{humanise(r.urgency)}</Table.Td>
                  <Table.Td>{dateTime(r.clocks.sentAt)}</Table.Td>
                  <Table.Td>
                    <Due at={nextDue(r.clocks)} overdue={r.clocks.overdue} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <RequestsPanel />
    </Stack>
  );
}
