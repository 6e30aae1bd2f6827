import { Anchor, Badge, Card, Code, Group, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { get } from '../../lib/api';
import { dateTime, money } from '../../lib/format';
import { MoveForm } from './MoveForm';
import { duration, humanise, StateBadge } from './shared';
import type { Clocks, RequestView } from './types';

const CLOCKS = ['sentAt', 'acknowledgeBy', 'acknowledgedAt', 'actBy', 'actedAt', 'expiresAt', 'followUpBy', 'closedAt'] as const;
/** Which deadline each overdue step misses. */
const OVERDUE_CLOCK: Partial<Record<(typeof CLOCKS)[number], string>> = { acknowledgeBy: 'acknowledge', actBy: 'act' };

/** What acting means for a kind, for the time it took. */
const ACT_NAME: Record<string, string> = { takedown: 'takedown', 'payment-intervention': 'freeze', preservation: 'preserve', redress: 'answer' };

/** Refusing is acting too, but not freezing or taking down: its time is named plainly. */
const REFUSALS = new Set(['rejected', 'refused']);

function ClockTable({ clocks, kind, timeline }: { clocks: Clocks; kind: string; timeline: RequestView['timeline'] }) {
  const { t } = useTranslation();
  const actedTo = timeline?.find((e) => e.at === clocks.actedAt && e.to)?.to;
  const actName = actedTo && REFUSALS.has(actedTo) ? 'act' : (ACT_NAME[kind] ?? 'act');
  const label = (c: (typeof CLOCKS)[number]) => (c === 'expiresAt' && clocks.expiry ? t(`requests.clock.${clocks.expiry}Until`) : t(`requests.clock.${c}`));
  const took = clocks.actedAt ? (new Date(clocks.actedAt).getTime() - new Date(clocks.sentAt).getTime()) / 1000 : null;
  return (
    <Table data-testid="clocks">
      <Table.Tbody>
        {CLOCKS.filter((c) => clocks[c]).map((c) => {
          const late = clocks.overdueClocks.includes(OVERDUE_CLOCK[c] ?? '');
          return (
            <Table.Tr key={c} data-overdue={late || undefined}>
              <Table.Th>{label(c)}</Table.Th>
              <Table.Td c={late ? 'red.8' : undefined} fw={late ? 700 : undefined}>
                {dateTime(clocks[c])} {late && <Badge color="red">{t('requests.overdue')}</Badge>}
                {c === 'expiresAt' && clocks.expiry && <Badge ml={4} variant="light">{humanise(clocks.expiry)}</Badge>}
              </Table.Td>
            </Table.Tr>
          );
        })}
        {took !== null && (
          <Table.Tr>
            <Table.Th>{t(`requests.timeTo.${actName}`)}</Table.Th>
            <Table.Td data-testid="time-to-act">{duration(took)}</Table.Td>
          </Table.Tr>
        )}
      </Table.Tbody>
    </Table>
  );
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 1);
}

/** One request: its state, clocks (overdue in red), contents, legs, timeline and the moves the viewer may make. */
export default function RequestPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const request = useQuery({ queryKey: ['request', id], queryFn: () => get<RequestView>(`/api/v1/requests/${encodeURIComponent(id)}`) });
  if (request.error) return <Problem error={request.error} />;
  const r = request.data;
  if (!r) return <Loading />;
  const orgName = (orgId: string | null) => (orgId === r.from?.id ? r.from?.name : orgId === r.to?.id ? r.to?.name : null) ?? '—';
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{humanise(r.kind)}</Title>
          <Text c="dimmed">
            {t('requests.from')} {r.from?.name ?? '—'} · {t('requests.to')} {r.to?.name ?? '—'} · {r.reference ?? ''} · {humanise(r.urgency)}
          </Text>
        </Stack>
        <Group gap={4}>
          <StateBadge state={r.state} overdue={r.clocks.overdue} />
        </Group>
      </Group>
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('requests.moves')}
        </Title>
        {r.allowedMoves.length === 0 ? (
          <Text c="dimmed">{t('requests.noMoves')}</Text>
        ) : (
          <Group align="flex-start" data-testid="moves">
            {r.allowedMoves.map((m) => (
              <MoveForm key={`${r.state}:${m.to}`} request={r} move={m} />
            ))}
          </Group>
        )}
      </Card>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('requests.clocks')}
          </Title>
          <ClockTable clocks={r.clocks} kind={r.kind} timeline={r.timeline} />
        </Card>
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('requests.contents')}
          </Title>
          <Table data-testid="request-contents">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('requests.legalBasis')}</Table.Th>
                <Table.Td>{r.legalBasis.map((b) => [b.instrument, b.article && `art. ${b.article}`, b.paragraph && `para. ${b.paragraph}`].filter(Boolean).join(', ')).join('; ')}</Table.Td>
              </Table.Tr>
              {Object.entries(r.contents)
                .filter(([k]) => k !== 'legs')
                .map(([k, v]) => (
                  <Table.Tr key={k}>
                    <Table.Th>{humanise(k)}</Table.Th>
                    <Table.Td style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{show(v)}</Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Card>
      </SimpleGrid>
      {r.legs && r.legs.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4" mb="xs">
            {t('requests.legs')}
          </Title>
          <Table.ScrollContainer minWidth={700}>
            <Table data-testid="legs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('requests.institution')}</Table.Th>
                  <Table.Th>{t('requests.account')}</Table.Th>
                  <Table.Th>{t('requests.amount')}</Table.Th>
                  <Table.Th>{t('requests.state')}</Table.Th>
                  <Table.Th>{t('requests.bucket.held')}</Table.Th>
                  <Table.Th>{t('requests.bucket.returned')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {r.legs.map((l) => (
                  <Table.Tr key={l.id}>
                    <Table.Td>{l.parentLegId ? '↳ ' : ''}{l.institution}</Table.Td>
                    <Table.Td><Code>{l.account.canonical}</Code></Table.Td>
                    <Table.Td>{money(l.amount, l.currency)}</Table.Td>
                    <Table.Td>{humanise(l.status)}</Table.Td>
                    <Table.Td>{money(l.held, l.currency)}</Table.Td>
                    <Table.Td>{money(l.returned, l.currency)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Card>
      )}
      {(r.parentId || (r.children?.length ?? 0) > 0) && (
        <Group gap="xs" data-testid="spawned">
          {r.parentId && <Anchor component={Link} to={`/requests/${r.parentId}`}>↑ {r.parentId}</Anchor>}
          {r.children?.map((c) => <Anchor key={c} component={Link} to={`/requests/${c}`}>↳ {c}</Anchor>)}
        </Group>
      )}
      <Card withBorder>
        <Title order={2} size="h4" mb="xs">
          {t('requests.timeline')}
        </Title>
        <Timeline bulletSize={14} lineWidth={2} data-testid="timeline">
          {(r.timeline ?? []).map((e, i) => (
            <Timeline.Item key={i} title={e.to ? humanise(e.to) : humanise(e.type)}>
              <Text size="sm" c="dimmed">
                {dateTime(e.at)} · {orgName(e.actorOrg)}
              </Text>
              {e.note && <Text size="sm">{e.note}</Text>}
            </Timeline.Item>
          ))}
        </Timeline>
      </Card>
    </Stack>
  );
}
