import { Alert, Button, Card, Checkbox, Group, NativeSelect, SegmentedControl, SimpleGrid, Stack, Table, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading, Problem } from '../../components/bits';
import { get, post } from '../../lib/api';
import { words } from './strings';
import type { Vocabulary } from './types';

type Presence = 'present' | 'absent' | 'unknown';

/**
 * The screening form: the eleven ILO indicators, each present, absent or unknown with its
 * evidence and source; consent; the identifiers the person was forced to operate; and the
 * officer's own determination. Nothing here is scored: the outcome is typed in, never proposed.
 */
export function ScreeningForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const vocab = useQuery({ queryKey: ['case-vocabulary'], queryFn: () => get<Vocabulary>('/api/v1/cases/vocabulary') });
  const [presence, setPresence] = useState<Record<string, Presence>>({});
  const [evidence, setEvidence] = useState<Record<string, string>>({});
  const [source, setSource] = useState<Record<string, string>>({});
  const [consent, setConsent] = useState<Record<string, boolean>>({});
  const [interpreter, setInterpreter] = useState(false);
  const [setting, setSetting] = useState('shelter');
  const [identifiers, setIdentifiers] = useState('');
  const [outcome, setOutcome] = useState('');
  const [decidedBy, setDecidedBy] = useState('');
  const [npp, setNpp] = useState('not-yet-assessed');
  const [instrument, setInstrument] = useState('');
  const save = useMutation({
    mutationFn: (body: unknown) => post(`/api/v1/cases/${caseId}/screenings`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['case', caseId] }),
  });
  if (vocab.isPending) return <Loading />;
  if (vocab.error) return <Problem error={vocab.error} />;
  const v = vocab.data;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({
      screenedAt: new Date().toISOString(),
      setting,
      interpreter: { used: interpreter },
      consent: Object.fromEntries(v.consentChecks.map((c) => [c, consent[c] === true])),
      indicators: Object.fromEntries(
        v.iloIndicators.map(({ name }) => [name, { presence: presence[name] ?? 'unknown', ...(evidence[name] ? { evidence: evidence[name] } : {}), ...(source[name] ? { source: source[name] } : {}) }]),
      ),
      forcedCriminality: { identifiers: identifiers.split('\n').map((s) => s.trim()).filter(Boolean).map((value) => ({ value })) },
      outcome,
      decidedBy,
      nonPunishment: { determination: npp, ...(instrument ? { instrument } : {}) },
    });
  };

  return (
    <Card withBorder component="form" onSubmit={submit} data-testid="screening-form">
      <Stack>
        <Title order={2}>{t('cases.form.title')}</Title>
        <Alert color="blue" data-testid="screening-notice">{t('cases.form.notice')}</Alert>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect label={t('cases.form.setting')} value={setting} onChange={(e) => setSetting(e.currentTarget.value)} data={['shelter', 'border-post', 'detention', 'remote', 'other'].map((s) => ({ value: s, label: words(s) }))} />
          <Checkbox mt="xl" label={t('cases.form.interpreter')} checked={interpreter} onChange={(e) => setInterpreter(e.currentTarget.checked)} />
        </SimpleGrid>
        <Stack gap={4} role="group" aria-label={t('cases.form.consent')}>
          <Title order={3}>{t('cases.form.consent')}</Title>
          {v.consentChecks.map((c) => (
            <Checkbox key={c} label={words(c.replace(/([A-Z])/g, ' $1').toLowerCase())} checked={consent[c] === true} onChange={(e) => setConsent({ ...consent, [c]: e.currentTarget.checked })} data-testid={`consent-${c}`} />
          ))}
        </Stack>
        <Title order={3}>{t('cases.form.indicators')}</Title>
        <Table.ScrollContainer minWidth={720}>
          <Table data-testid="ilo-indicators">
            <Table.Tbody>
              {v.iloIndicators.map(({ name }) => (
                <Table.Tr key={name}>
                  <Table.Td>{words(name)}</Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      aria-label={words(name)}
                      value={presence[name] ?? 'unknown'}
                      onChange={(value) => setPresence({ ...presence, [name]: value as Presence })}
                      data={(['present', 'absent', 'unknown'] as const).map((p) => ({ value: p, label: t(`cases.form.${p}`) }))}
                      data-testid={`ilo-${name}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput size="xs" aria-label={`${words(name)}: ${t('cases.form.evidence')}`} placeholder={t('cases.form.evidence')} value={evidence[name] ?? ''} onChange={(e) => setEvidence({ ...evidence, [name]: e.currentTarget.value })} />
                  </Table.Td>
                  <Table.Td>
                    <NativeSelect size="xs" aria-label={`${words(name)}: ${t('cases.form.source')}`} value={source[name] ?? ''} onChange={(e) => setSource({ ...source, [name]: e.currentTarget.value })} data={[{ value: '', label: t('cases.form.source') }, ...v.evidenceSources.map((s) => ({ value: s, label: words(s) }))]} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <Textarea label={t('cases.form.identifiers')} autosize minRows={2} value={identifiers} onChange={(e) => setIdentifiers(e.currentTarget.value)} data-testid="forced-identifiers" />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NativeSelect required label={t('cases.form.outcome')} value={outcome} onChange={(e) => setOutcome(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...v.screeningOutcomes.map((o) => ({ value: o, label: words(o) }))]} data-testid="screening-outcome" />
          <TextInput required label={t('cases.form.decidedBy')} value={decidedBy} onChange={(e) => setDecidedBy(e.currentTarget.value)} />
          <NativeSelect label={t('cases.form.npp')} value={npp} onChange={(e) => setNpp(e.currentTarget.value)} data={v.nonPunishment.determinations.map((d) => ({ value: d, label: words(d) }))} data-testid="npp-determination" />
          <NativeSelect label={t('cases.form.instrument')} value={instrument} onChange={(e) => setInstrument(e.currentTarget.value)} data={[{ value: '', label: '—' }, ...v.nonPunishment.instruments.map((i) => ({ value: i, label: i }))]} data-testid="npp-instrument" />
        </SimpleGrid>
        {save.error && <Problem error={save.error} />}
        {save.isSuccess && <Alert color="green" role="status">{t('cases.form.saved')}</Alert>}
        <Group>
          <Button type="submit" loading={save.isPending}>{t('cases.form.save')}</Button>
        </Group>
      </Stack>
    </Card>
  );
}
