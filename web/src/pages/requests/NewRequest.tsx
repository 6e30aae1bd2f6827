import { Alert, Anchor, Button, Card, Group, List, NativeSelect, SimpleGrid, Stack, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { Loading, Problem } from '../../components/bits';
import { post } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import { FieldInput, isWide } from './fields/FieldInput';
import { buildValues, initialValues } from './fields/values';
import { missingOf } from './MoveForm';
import { humanise, useKinds, useOrgs } from './shared';
import type { KindsAnswer, MissingField, RequestView } from './types';

/** The legal basis a request rests on: the one chosen, or the kind's default for the recipient's jurisdiction. */
function basisFor(kinds: KindsAnswer, kind: string, country: string | undefined, chosen: string): string | undefined {
  const def = kinds.kinds.find((k) => k.kind === kind);
  return chosen || (def && ((country && def.defaultBasis[country]) || def.defaultBasis['*']));
}

/** What the kind and its legal basis require, each with where the requirement comes from. */
export function requiredFor(kinds: KindsAnswer, kind: string, country: string | undefined, chosenBasis = ''): MissingField[] {
  const def = kinds.kinds.find((k) => k.kind === kind);
  if (!def) return [];
  const out = new Map(def.required.map((r) => [r.field, r.why]));
  const basisId = basisFor(kinds, kind, country, chosenBasis);
  for (const r of kinds.legalBases.find((b) => b.id === basisId)?.requires ?? []) if (!out.has(r.field)) out.set(r.field, r.cite);
  return [...out].map(([field, why]) => ({ field, why }));
}

/** The form per kind, built from the node's description of the kind's contents; it will not send until the required ones are present. */
export default function NewRequest() {
  const { t } = useTranslation();
  const { user } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kinds = useKinds();
  const orgs = useOrgs();
  const [kind, setKind] = useState(params.get('kind') ?? 'payment-intervention');
  const [values, setValues] = useState<Record<string, unknown> | null>(null);
  // Gaps show once a send was refused, and clear as each field is filled.
  const [attempted, setAttempted] = useState(false);
  // Each refused send moves focus to the list of what is missing, so keyboard and screen-reader users land on it.
  const [refusals, setRefusals] = useState(0);
  useEffect(() => {
    if (refusals > 0) document.getElementById('request-incomplete')?.focus();
  }, [refusals]);
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<RequestView>('/api/v1/requests', body),
    onSuccess: (made) => navigate(`/requests/${made.id}`),
  });
  if (kinds.error) return <Problem error={kinds.error} />;
  if (orgs.error) return <Problem error={orgs.error} />;
  if (!kinds.data || !orgs.data) return <Loading />;

  const def = kinds.data.kinds.find((k) => k.kind === kind);
  const contents = def?.contents ?? [];
  const common = kinds.data.common.filter((f) => f.name !== 'to');
  const specs = [...common, ...contents];
  const raw = values ?? { urgency: 'urgent', ...initialValues(contents) };
  const set = (name: string) => (v: unknown) => setValues({ ...raw, [name]: v });
  const recipients = orgs.data.items.filter((o) => o.id !== user?.orgId);
  const to = typeof raw.to === 'string' ? raw.to : '';
  const recipient = recipients.find((o) => o.id === to);
  const chosenBasis = typeof raw.legalBasis === 'string' ? raw.legalBasis : '';
  const required = requiredFor(kinds.data, kind, recipient?.country, chosenBasis);
  const requiredNames = new Set(required.map((r) => r.field));
  const defaultBasis = kinds.data.legalBases.find((b) => b.id === basisFor(kinds.data, kind, recipient?.country, ''));

  const body = () => buildValues(specs, raw);
  const gapsIn = (b: Record<string, unknown>): MissingField[] => [...(to ? [] : [{ field: 'to', why: t('requests.recipient') }]), ...required.filter((r) => b[r.field] === undefined)];
  const refused = attempted ? gapsIn(body()) : [];
  const gaps = [...refused, ...missingOf(send.error).filter((m) => !refused.some((r) => r.field === m.field))];
  const errors = new Map(gaps.map((m) => [m.field, t('requests.required', { why: m.why })]));

  const submit = () => {
    const b = body();
    setAttempted(true);
    if (gapsIn(b).length > 0) {
      setRefusals((n) => n + 1);
      return;
    }
    send.reset();
    send.mutate({ kind, to, ...b });
  };
  const focus = (field: string) => () => {
    const el = document.getElementById(`field-${field}`);
    el?.scrollIntoView({ block: 'center' });
    (el?.matches('input, select, textarea') ? el : el?.querySelector<HTMLElement>('input, select, textarea'))?.focus();
  };

  const input = (spec: (typeof specs)[number]) => (
    <FieldInput
      key={`${kind}:${spec.name}`}
      spec={{ ...spec, required: spec.required || requiredNames.has(spec.name) }}
      value={raw[spec.name]}
      onChange={set(spec.name)}
      id={`field-${spec.name}`}
      context={{ orgs: recipients, legalBases: kinds.data.legalBases, defaultBasis: defaultBasis ? [defaultBasis.instrument, defaultBasis.article && `art. ${defaultBasis.article}`].filter(Boolean).join(', ') : undefined }}
      error={errors.get(spec.name)}
    />
  );
  const simple = (s: (typeof specs)[number]) => !isWide(s);
  return (
    <Stack>
      <Title order={1}>{t('requests.new')}</Title>
      <Card withBorder>
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              id="field-kind"
              label={t('requests.kind')}
              data={kinds.data.kinds.map((k) => ({ value: k.kind, label: k.title }))}
              value={kind}
              onChange={(e) => {
                setKind(e.currentTarget.value);
                setValues(null);
                setAttempted(false);
                send.reset();
              }}
              data-testid="request-kind"
            />
            <NativeSelect
              id="field-to"
              label={t('requests.recipient')}
              data={[{ value: '', label: '—' }, ...recipients.map((o) => ({ value: o.id, label: `${o.name} (${o.country})` }))]}
              value={to}
              onChange={(e) => set('to')(e.currentTarget.value)}
              error={errors.get('to')}
              required
              data-testid="request-to"
            />
            {common.filter(simple).map(input)}
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>{contents.filter(simple).map(input)}</SimpleGrid>
          {contents.filter((s) => !simple(s)).map(input)}
          {common.filter((s) => !simple(s)).map(input)}
          {gaps.length > 0 && (
            <Alert color="red" role="alert" id="request-incomplete" tabIndex={-1} title={t('requests.incomplete')} data-testid="request-incomplete">
              {t('requests.missing')} ({gaps.map((g) => humanise(g.field)).join(', ')})
              <List size="sm" mt="xs">
                {gaps.map((g) => (
                  <List.Item key={g.field}>
                    <Anchor component="button" type="button" size="sm" c="red.9" underline="always" onClick={focus(g.field)}>
                      {humanise(g.field)}
                    </Anchor>
                    : {g.why}
                  </List.Item>
                ))}
              </List>
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
