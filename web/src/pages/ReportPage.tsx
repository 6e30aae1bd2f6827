import { Anchor, Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, Problem } from '../components/bits';
import { get, indicatorPath } from '../lib/api';
import { download } from '../lib/download';
import { date, dateTime, money } from '../lib/format';
import type { Report } from '../lib/types';

interface Evidence {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export default function ReportPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const report = useQuery({ queryKey: ['report', id], queryFn: () => get<Report>(`/api/v1/reports/${encodeURIComponent(id)}`) });
  const evidence = useQuery({ queryKey: ['report', id, 'evidence'], queryFn: async () => (await get<{ items: Evidence[] }>(`/api/v1/reports/${encodeURIComponent(id)}/evidence`)).items });
  if (report.isPending) return <Loading />;
  if (report.error) return <Problem error={report.error} />;
  const r = report.data;
  return (
    <Stack maw={960}>
      <Title order={1}>
        {t('reports.one')}: {t(`typology.${r.typology}`, r.typology)}
      </Title>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <div>
          <Text size="sm" c="dimmed">{t('reports.occurred')}</Text>
          <Text>{date(r.occurredAt)}</Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">{t('reports.country')}</Text>
          <Text>{r.country ?? '—'}</Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">{t('report.channel')}</Text>
          <Text>{r.channel ? t(`channel.${r.channel}`, r.channel) : '—'}</Text>
        </div>
        <div>
          <Text size="sm" c="dimmed">{t('reports.loss')}</Text>
          <Text>{r.loss ? money(r.loss.amount, r.loss.currency) : '—'}</Text>
        </div>
      </SimpleGrid>
      <Card withBorder>
        <Text size="sm" c="dimmed">{t('report.summary')}</Text>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{r.summary || '—'}</Text>
        <Text size="xs" c="dimmed" mt="xs">
          {t('reports.recorded')}: {dateTime(r.createdAt)} · {r.source}
        </Text>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('reports.indicators')}</Title>
        <Table data-testid="report-indicators">
          <Table.Tbody>
            {r.indicators.map((i) => (
              <Table.Tr key={i.id}>
                <Table.Td><Badge variant="light" c="blue.9">{t(`kinds.${i.kind}`, i.kind)}</Badge></Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={indicatorPath(i.kind, i.canonical)} ff="monospace">{i.display}</Anchor>
                </Table.Td>
                <Table.Td>{i.role ? t(`role.${i.role}`, i.role) : '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder>
        <Title order={2} size="h4">{t('report.evidence')}</Title>
        {evidence.error ? (
          <Problem error={evidence.error} />
        ) : (evidence.data ?? []).length === 0 ? (
          <Text c="dimmed">—</Text>
        ) : (
          (evidence.data ?? []).map((f) => (
            <Group key={f.id} gap="xs">
              <Anchor component="button" type="button" onClick={() => void download(`/api/v1/evidence/${f.id}`, f.name)}>{f.name}</Anchor>
              <Text size="xs">{f.size} B</Text>
              <Code>{f.sha256}</Code>
            </Group>
          ))
        )}
      </Card>
    </Stack>
  );
}
