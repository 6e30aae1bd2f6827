import { Badge, Button, Card, Code, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Loading, Problem } from '../components/bits';
import { get, post } from '../lib/api';
import { download } from '../lib/download';
import { dateTime, money } from '../lib/format';
import type { Intake } from '../lib/types';

/** Reports from the public wait here; accepting one makes it a report of your organisation. */
export default function IntakeQueue() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [status, setStatus] = useState('pending');
  const queue = useQuery({ queryKey: ['intake', status], queryFn: async () => (await get<{ items: Intake[] }>(`/api/v1/intake?status=${status}`)).items });
  const review = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'reject' }) => post<Intake>(`/api/v1/intake/${id}/${action}`, {}),
    onSuccess: () => client.invalidateQueries({ queryKey: ['intake'] }),
  });
  return (
    <Stack maw={960}>
      <Title order={1}>{t('intake.title')}</Title>
      <Text>{t('intake.intro')}</Text>
      <SegmentedControl value={status} onChange={setStatus} data={['pending', 'accepted', 'rejected'].map((s) => ({ value: s, label: t(`intake.${s}`) }))} aria-label={t('intake.filter')} />
      {review.error && <Problem error={review.error} />}
      {queue.isPending ? (
        <Loading />
      ) : queue.error ? (
        <Problem error={queue.error} />
      ) : queue.data.length === 0 ? (
        <Text c="dimmed">{t('intake.empty')}</Text>
      ) : (
        queue.data.map((item) => (
          <Card withBorder key={item.id} data-testid="intake-item">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text fw={700}>{t(`typology.${item.typology}`, item.typology)}</Text>
                <Text size="sm">{dateTime(item.createdAt)}</Text>
              </Group>
              {item.summary === null ? (
                <Text c="dimmed">{t('intake.withheld')}</Text>
              ) : (
                <Text style={{ whiteSpace: 'pre-wrap' }}>{item.summary}</Text>
              )}
              <Group gap="xs">
                {item.country && <Badge variant="outline" c="dark.6">{item.country}</Badge>}
                {item.loss && <Badge variant="light" c="red.9" color="red">{money(item.loss.amount, item.loss.currency)}</Badge>}
                {item.indicators.map((i) => (
                  <Badge key={i.canonical} variant="light" c="blue.9" tt="none">
                    {i.display}
                  </Badge>
                ))}
              </Group>
              {item.contact && (
                <Text size="sm">
                  {t('intake.contact')}: {item.contact}
                </Text>
              )}
              {item.evidence.map((f) => (
                <Group key={f.id} gap="xs">
                  <Button size="compact-xs" variant="subtle" onClick={() => void download(`/api/v1/evidence/${f.id}`, f.name)}>
                    {f.name}
                  </Button>
                  <Text size="xs">{f.size} B</Text>
                  <Code>{f.sha256.slice(0, 16)}…</Code>
                </Group>
              ))}
              {item.status === 'pending' ? (
                <Group>
                  <Button size="xs" onClick={() => review.mutate({ id: item.id, action: 'accept' })} loading={review.isPending}>
                    {t('intake.accept')}
                  </Button>
                  <Button size="xs" variant="default" onClick={() => review.mutate({ id: item.id, action: 'reject' })} loading={review.isPending}>
                    {t('intake.reject')}
                  </Button>
                </Group>
              ) : item.reportId ? (
                <Button component={Link} to={`/reports/${item.reportId}`} size="xs" variant="light">
                  {t('reports.open')}
                </Button>
              ) : null}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
