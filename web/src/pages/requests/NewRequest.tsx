import { ActionIcon, Alert, Button, Card, Group, NativeSelect, SimpleGrid, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { post } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { missingOf } from './MoveForm';
import { humanise, useKinds, useOrgs } from './shared';
import type { KindsAnswer, MissingField, RequestView } from './types';

const CHANNELS = ['domestic-hold', 'interbank', 'swift-recall', 'igrip', 'issuer-freeze', 'exchange-freeze', 'court-order'];
const ACTIONS = ['hold', 'freeze', 'recall-refund', 'blacklist', 'burn-reissue'];
const URGENCIES = ['urgent', 'emergency', 'routine'];

interface LegDraft {
  institution: string;
  account: string;
  amount: string;
  currency: string;
}
const emptyLeg = (): LegDraft => ({ institution: '', account: '', amount: '', currency: '' });

/** What the kind and its legal basis for the recipient's jurisdiction require, each with where the requirement comes from. */
export function requiredFor(kinds: KindsAnswer, kind: string, country: string | undefined): MissingField[] {
  const def = kinds.kinds.find((k) => k.kind === kind);
  if (!def) return [];
  const out = new Map(def.required.map((r) => [r.field, r.why]));
  const basisId = (country && def.defaultBasis[country]) || def.defaultBasis['*'];
  for (const r of kinds.legalBases.find((b) => b.id === basisId)?.requires ?? []) if (!out.has(r.field)) out.set(r.field, r.cite);
  return [...out].map(([field, why]) => ({ field, why }));
}

const present = (v: unknown) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);

/** A field typed as text is sent as text; one that starts like JSON is sent as the structure it spells. */
function readField(raw: string): unknown {
  const s = raw.trim();
  if (!s) return undefined;
  if (s.startsWith('{') || s.startsWith('[')) {
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  }
  return s;
}

/** The form per kind: it will not send until the kind's required contents are present, and shows the server's gaps per field. */
export default function NewRequest() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kinds = useKinds();
  const orgs = useOrgs();
  const [kind, setKind] = useState(params.get('kind') ?? 'payment-intervention');
  const [to, setTo] = useState('');
  const [urgency, setUrgency] = useState('urgent');
  const [reference, setReference] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({ channel: CHANNELS[0], requestedAction: ACTIONS[0] });
  const [legs, setLegs] = useState<LegDraft[]>([emptyLeg()]);
  // Gaps show once a send was refused, and clear as each field is filled.
  const [attempted, setAttempted] = useState(false);
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<RequestView>('/api/v1/requests', body),
    onSuccess: (made) => navigate(`/requests/${made.id}`),
  });
  if (kinds.error) return <Problem error={kinds.error} />;
  if (orgs.error) return <Problem error={orgs.error} />;
  if (!kinds.data || !orgs.data) return <Loading />;

  const def = kinds.data.kinds.find((k) => k.kind === kind);
  const recipients = orgs.data.items.filter((o) => o.id !== user?.orgId);
  const recipient = recipients.find((o) => o.id === to);
  const payment = kind === 'payment-intervention';
  const setField = (f: string) => (v: string) => setFields((s) => ({ ...s, [f]: v }));
  const setLeg = (i: number, f: keyof LegDraft, v: string) => setLegs((ls) => ls.map((l, j) => (j === i ? { ...l, [f]: v } : l)));

  const contents = (): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const f of def?.fields ?? []) if (f !== 'legs') out[f] = readField(fields[f] ?? '');
    if (payment) {
      // A leg counts once it names where the money is and how much; half-filled rows are the server's to refuse.
      const filled = legs.filter((l) => l.institution.trim() || l.account.trim() || l.amount.trim());
      out.legs = filled.map((l) => ({ institution: l.institution.trim(), account: { value: l.account.trim() }, amount: l.amount.trim(), currency: l.currency.trim().toUpperCase() }));
    }
    return out;
  };

  const gapsIn = (body: Record<string, unknown>): MissingField[] => [
    ...(to ? [] : [{ field: 'to', why: t('requests.recipient') }]),
    ...requiredFor(kinds.data, kind, recipient?.country).filter((r) => !present(body[r.field])),
  ];
  const refused = attempted ? gapsIn(contents()) : [];
  const errors = new Map([...refused, ...missingOf(send.error)].map((m) => [m.field, t('requests.required', { why: m.why })]));

  const submit = () => {
    const body = contents();
    setAttempted(true);
    if (gapsIn(body).length > 0) return;
    send.reset();
    send.mutate({ kind, to, urgency, ...(reference.trim() ? { reference: reference.trim() } : {}), ...body });
  };

  const requiredFields = new Set(requiredFor(kinds.data, kind, recipient?.country).map((r) => r.field));
  return (
    <Stack>
      <Title order={1}>{t('requests.new')}</Title>
      <Card withBorder>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect label={t('requests.kind')} data={kinds.data.kinds.map((k) => ({ value: k.kind, label: k.title }))} value={kind} onChange={(e) => { setKind(e.currentTarget.value); setAttempted(false); }} data-testid="request-kind" />
            <NativeSelect label={t('requests.recipient')} data={[{ value: '', label: '—' }, ...recipients.map((o) => ({ value: o.id, label: `${o.name} (${o.country})` }))]} value={to} onChange={(e) => setTo(e.currentTarget.value)} error={errors.get('to')} required data-testid="request-to" />
            <NativeSelect label={t('requests.urgency')} data={URGENCIES.map((u) => ({ value: u, label: humanise(u) }))} value={urgency} onChange={(e) => setUrgency(e.currentTarget.value)} />
            <TextInput label={t('requests.reference')} value={reference} onChange={(e) => setReference(e.currentTarget.value)} data-testid="request-reference" />
          </SimpleGrid>
          {payment && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect label={t('requests.channel')} data={CHANNELS.map((c) => ({ value: c, label: humanise(c) }))} value={fields.channel} onChange={(e) => setField('channel')(e.currentTarget.value)} error={errors.get('channel')} required data-testid="field-channel" />
              <NativeSelect label={t('requests.requestedAction')} data={ACTIONS.map((c) => ({ value: c, label: humanise(c) }))} value={fields.requestedAction} onChange={(e) => setField('requestedAction')(e.currentTarget.value)} error={errors.get('requestedAction')} required data-testid="field-requestedAction" />
            </SimpleGrid>
          )}
          {def?.fields
            .filter((f) => f !== 'legs' && !(payment && (f === 'channel' || f === 'requestedAction')))
            .map((f) => (
              <Textarea key={f} label={humanise(f)} required={requiredFields.has(f)} autosize minRows={1} value={fields[f] ?? ''} onChange={(e) => setField(f)(e.currentTarget.value)} error={errors.get(f)} data-testid={`field-${f}`} />
            ))}
          {payment && (
            <Stack gap="xs" data-testid="legs-form">
              <Title order={2} size="h5">
                {t('requests.legs')}
              </Title>
              {errors.get('legs') && (
                <Alert color="red" role="alert" data-testid="error-legs">
                  {errors.get('legs')}
                </Alert>
              )}
              {legs.map((l, i) => (
                <Group key={i} align="flex-end" wrap="wrap">
                  <TextInput label={t('requests.institution')} value={l.institution} onChange={(e) => setLeg(i, 'institution', e.currentTarget.value)} data-testid={`leg-${i}-institution`} />
                  <TextInput label={t('requests.account')} value={l.account} onChange={(e) => setLeg(i, 'account', e.currentTarget.value)} data-testid={`leg-${i}-account`} />
                  <TextInput label={t('requests.amount')} value={l.amount} onChange={(e) => setLeg(i, 'amount', e.currentTarget.value)} w={140} data-testid={`leg-${i}-amount`} />
                  <TextInput label={t('requests.currency')} value={l.currency} onChange={(e) => setLeg(i, 'currency', e.currentTarget.value)} w={90} maxLength={3} data-testid={`leg-${i}-currency`} />
                  {legs.length > 1 && (
                    <ActionIcon variant="subtle" color="red" aria-label={t('requests.removeLeg')} onClick={() => setLegs((ls) => ls.filter((_, j) => j !== i))}>
                      ×
                    </ActionIcon>
                  )}
                </Group>
              ))}
              <Group>
                <Button variant="default" size="xs" onClick={() => setLegs((ls) => [...ls, emptyLeg()])}>
                  {t('requests.addLeg')}
                </Button>
              </Group>
            </Stack>
          )}
          {errors.size > 0 && (
            <Alert color="red" role="alert" data-testid="request-incomplete">
              {t('requests.incomplete')} ({[...errors.keys()].map(humanise).join(', ')})
            </Alert>
          )}
          {send.error && missingOf(send.error).length === 0 && <Problem error={send.error} />}
          <Group>
            <Button onClick={submit} loading={send.isPending} data-testid="send-request">
              {t('requests.send')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </Stack>
  );
}
