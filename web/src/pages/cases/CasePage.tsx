import { Alert, Badge, Button, Card, Code, Group, List, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { get, post } from '../../lib/api';
import { countryName, date, dateTime } from '../../lib/format';
import { ScreeningForm } from './ScreeningForm';
import { words } from './strings';
import type { CaseView } from './types';

export default function CasePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const client = useQueryClient();
  const found = useQuery({ queryKey: ['case', id], queryFn: () => get<CaseView>(`/api/v1/cases/${encodeURIComponent(id)}`) });
  const refresh = () => client.invalidateQueries({ queryKey: ['case', id] });
  const move = useMutation({ mutationFn: (to: string) => post(`/api/v1/cases/${id}/transitions`, { to, reason: window.prompt(t('cases.reason')) ?? undefined }), onSuccess: refresh });
  const moveReturn = useMutation({ mutationFn: (to: string) => post(`/api/v1/cases/${id}/repatriation/transitions`, { to, ...(to === 'stranded' ? { strandedReason: 'no-embassy' } : {}), reason: to === 'declined' ? (window.prompt(t('cases.reason')) ?? undefined) : undefined }), onSuccess: refresh });
  const moveReferral = useMutation({ mutationFn: ({ rid, to }: { rid: string; to: string }) => post(`/api/v1/cases/${id}/referrals/${rid}/transitions`, { to, reason: to === 'declined' || to === 'cancelled' ? (window.prompt(t('cases.reason')) ?? undefined) : undefined }), onSuccess: refresh });

  if (found.isPending) return <Loading />;
  if (found.error) return <Problem error={found.error} feature={t('cases.title')} />;
  const c = found.data;
  const p = c.person;
  return (
    <Stack maw={1100}>
      <Group justify="space-between">
        <Title order={1}>{p ? [p.firstName, p.secondName].filter(Boolean).join(' ') || c.reference : c.reference ?? c.id}</Title>
        <Badge size="lg" data-testid="case-status">{words(c.status)}</Badge>
      </Group>
      {c.erasedAt && <Alert color="gray">{t('cases.erased')}</Alert>}
      {(move.error ?? moveReturn.error ?? moveReferral.error) && <Problem error={move.error ?? moveReturn.error ?? moveReferral.error} />}
      {c.nextStates.length > 0 && (
        <Group>
          {c.nextStates.map((s) => (
            <Button key={s} variant="light" size="xs" onClick={() => move.mutate(s)}>{t('cases.moveTo', { state: words(s) })}</Button>
          ))}
        </Group>
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">{t('cases.person')}</Title>
          <Table>
            <Table.Tbody>
              <Table.Tr><Table.Th>{t('cases.nationality')}</Table.Th><Table.Td>{c.nationality ? countryName(c.nationality) : '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.gender')}</Table.Th><Table.Td>{words(c.gender)}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.ageBand')}</Table.Th><Table.Td>{c.ageBand ?? '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.languages')}</Table.Th><Table.Td>{c.languages.join(', ') || '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.aliases')}</Table.Th><Table.Td>{p?.aliases.join(', ') || '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.documents')}</Table.Th><Table.Td>{p?.documents.map((d) => `${words(d.type)}: ${words(d.status)}`).join('; ') || '—'}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>{t('cases.compoundCountry')}</Table.Th><Table.Td>{c.compoundCountry ? countryName(c.compoundCountry) : '—'}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </Card>
        <Card withBorder>
          <Title order={2} size="h4">{t('cases.journey')}</Title>
          <Timeline active={c.journey.length - 1} bulletSize={16} mt="sm" data-testid="journey">
            {c.journey.map((e) => (
              <Timeline.Item key={e.id} title={`${e.type}${e.date ? ' · ' + date(e.date) : ''}`}>
                <Text size="sm">{[e.place, e.country ? countryName(e.country) : null, e.compound].filter(Boolean).join(', ')}</Text>
                {e.description && <Text size="sm" c="dimmed">{e.description}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Card>
      </SimpleGrid>
      {c.coercedIdentifiers.length > 0 && (
        <Card withBorder data-testid="coerced-identifiers">
          <Title order={2} size="h4">{t('cases.coerced')}</Title>
          <Text size="sm" c="dimmed">{t('cases.coercedHelp')}</Text>
          <List>{c.coercedIdentifiers.map((i) => <List.Item key={i.kind + i.canonical}><Code>{i.canonical}</Code> ({i.kind})</List.Item>)}</List>
        </Card>
      )}
      {c.screenings.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('cases.screening')}</Title>
          <List>{c.screenings.map((s) => <List.Item key={s.id}>{dateTime(s.screenedAt)}: <b>{words(s.outcome)}</b> · ILO {s.indicatorsPresent}/11 · {words(s.nonPunishment.determination)} {s.nonPunishment.instrument ?? ''}</List.Item>)}</List>
        </Card>
      )}
      {c.access === 'team' && !c.erasedAt && (c.status === 'screening' || c.status === 'identified') && <ScreeningForm caseId={c.id} />}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Title order={2} size="h4">{t('cases.referrals')}</Title>
          {c.referrals.map((r) => (
            <Group key={r.id} justify="space-between" py={4}>
              <Text size="sm">{words(r.type)} → {r.toName} · {words(r.status)} · {t('cases.dueAt')} {dateTime(r.dueAt)} {r.overdue && <Badge color="red">{t('cases.overdue')}</Badge>}</Text>
              <Group gap={4}>{r.nextStates.map((s) => <Button key={s} size="compact-xs" variant="subtle" onClick={() => moveReferral.mutate({ rid: r.id, to: s })}>{words(s)}</Button>)}</Group>
            </Group>
          ))}
        </Card>
        <Card withBorder data-testid="repatriation">
          <Title order={2} size="h4">{t('cases.repatriation')}</Title>
          {c.repatriation ? (
            <Stack gap="xs">
              <Text>{countryName(c.repatriation.destinationCountry)} · {c.repatriation.mission ?? t('cases.noMission')}</Text>
              <Group><Badge>{words(c.repatriation.status)}</Badge>{c.repatriation.strandedReason && <Badge color="orange">{words(c.repatriation.strandedReason)}</Badge>}{c.repatriation.retraffickingRisk && <Badge color="red">{t('cases.atRisk')}</Badge>}</Group>
              <Group gap={4}>{c.repatriation.nextStates.map((s) => <Button key={s} size="compact-xs" variant="light" onClick={() => moveReturn.mutate(s)}>{t('cases.moveTo', { state: words(s) })}</Button>)}</Group>
            </Stack>
          ) : (
            <Text c="dimmed">—</Text>
          )}
        </Card>
      </SimpleGrid>
      <Card withBorder>
        <Title order={2} size="h4">{t('cases.history')}</Title>
        <List size="sm">{c.history.map((h, i) => <List.Item key={i}>{dateTime(h.at)} · {h.subject}: {h.from ? words(h.from) + ' → ' : ''}{words(h.to)}{h.reason ? ` (${h.reason})` : ''}</List.Item>)}</List>
      </Card>
    </Stack>
  );
}
