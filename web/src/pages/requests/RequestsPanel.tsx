import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Loading, Problem } from '../../components/bits';
import { get } from '../../lib/api';
import { money, number } from '../../lib/format';
import { duration, humanise } from './shared';

const BUCKETS = ['lost', 'held', 'frozen', 'seized', 'returned', 'released', 'wrongful'] as const;

interface LedgerRow {
  currency: string;
  buckets: Record<(typeof BUCKETS)[number], { total: string; balance: string }>;
}

interface MetricRow {
  orgId: string;
  orgName: string | null;
  kind: string;
  requests: number;
  medianSecondsToAcknowledge: number | null;
  medianSecondsToAct: number | null;
  withinDeadline: { met: number; judged: number; share: number | null };
  overdueNow: number;
}

/** The asset ledger and the responders' times: a panel the dashboard can include as it is. */
export function RequestsPanel() {
  const { t } = useTranslation();
  const ledger = useQuery({ queryKey: ['ledger'], queryFn: () => get<{ rows: LedgerRow[] }>('/api/v1/ledger') });
  const metrics = useQuery({ queryKey: ['responder-metrics'], queryFn: () => get<{ rows: MetricRow[] }>('/api/v1/metrics/responders') });
  return (
    <SimpleGrid cols={{ base: 1, xl: 2 }}>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('requests.ledger')}
          </Title>
          {ledger.error ? <Problem error={ledger.error} feature={t('requests.ledger')} /> : !ledger.data ? <Loading /> : (
            <Table.ScrollContainer minWidth={640}>
            <Table data-testid="ledger" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('requests.currency')}</Table.Th>
                  {BUCKETS.map((b) => (
                    <Table.Th key={b}>{t(`requests.bucket.${b}`)}</Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {ledger.data.rows.map((r) => (
                  <Table.Tr key={r.currency}>
                    <Table.Td>{r.currency}</Table.Td>
                    {BUCKETS.map((b) => (
                      <Table.Td key={b} data-testid={`ledger-${b}`}>
                        {money(r.buckets[b].total, r.currency)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
      <Card withBorder>
        <Stack gap="xs">
          <Title order={2} size="h4">
            {t('requests.metrics')}
          </Title>
          {metrics.error ? <Problem error={metrics.error} feature={t('requests.metrics')} /> : !metrics.data ? <Loading /> : (
            <Table.ScrollContainer minWidth={720}>
            <Table data-testid="responder-metrics" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('requests.responder')}</Table.Th>
                  <Table.Th>{t('requests.kind')}</Table.Th>
                  <Table.Th>{t('requests.count')}</Table.Th>
                  <Table.Th>{t('requests.medianAck')}</Table.Th>
                  <Table.Th>{t('requests.medianAct')}</Table.Th>
                  <Table.Th>{t('requests.withinDeadline')}</Table.Th>
                  <Table.Th>{t('requests.overdueNow')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {metrics.data.rows.map((r) => (
                  <Table.Tr key={`${r.orgId}:${r.kind}`}>
                    <Table.Td>{r.orgName ?? r.orgId}</Table.Td>
                    <Table.Td>{humanise(r.kind)}</Table.Td>
                    <Table.Td>{number(r.requests)}</Table.Td>
                    <Table.Td>{duration(r.medianSecondsToAcknowledge)}</Table.Td>
                    <Table.Td>{duration(r.medianSecondsToAct)}</Table.Td>
                    <Table.Td>{r.withinDeadline.share === null ? '—' : `${Math.round(r.withinDeadline.share * 100)}%`}</Table.Td>
                    <Table.Td>
                      <Text size="sm" c={r.overdueNow > 0 ? 'red.8' : undefined} fw={r.overdueNow > 0 ? 700 : undefined}>
                        {number(r.overdueNow)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            </Table.ScrollContainer>
          )}
        </Stack>
      </Card>
    </SimpleGrid>
  );
}
