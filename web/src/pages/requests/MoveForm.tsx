import { Button, Group, Stack } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../../components/bits';
import { ApiError, post } from '../../lib/api';
import { FieldInput } from './fields/FieldInput';
import { buildValues } from './fields/values';
import { humanise, useKinds, useOrgs } from './shared';
import type { AllowedMove, FieldSpec, MissingField, RequestView } from './types';

/** Fields a move may carry beyond those it requires. */
const OPTIONAL: Record<string, string[]> = { preserved: ['until'], released: ['wrongful'], disclosed: ['nextHops'], partially_disclosed: ['nextHops'] };

/** Values a move's fields start with: the legs' outcome and returns name the request's own legs. */
function prefill(field: string, request: RequestView): unknown {
  const legs = request.legs ?? [];
  if (field === 'legs') return legs.map((l) => ({ id: l.id, status: 'held', held: l.amount }));
  if (field === 'returns') return legs.map((l) => ({ legId: l.id, amount: l.held }));
  return undefined;
}

export function missingOf(error: unknown): MissingField[] {
  if (!(error instanceof ApiError) || error.code !== 'request-incomplete') return [];
  return (error.body as { missing?: MissingField[] } | undefined)?.missing ?? [];
}

/** One allowed move: a button, then inputs for the fields that move needs, then the server's answer. */
export function MoveForm({ request, move }: { request: RequestView; move: AllowedMove }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const kinds = useKinds();
  const orgs = useOrgs();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, unknown>>({});
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<RequestView>(`/api/v1/requests/${request.id}/transitions`, body),
    onSuccess: (view) => {
      client.setQueryData(['request', request.id], view);
      void client.invalidateQueries({ queryKey: ['requests'] });
      void client.invalidateQueries({ queryKey: ['ledger'] });
      setOpen(false);
    },
  });
  const label = t('requests.moveTo', { state: humanise(move.to) });
  const specs: FieldSpec[] = [...move.requires, ...(OPTIONAL[move.to] ?? []), 'note']
    .map((name) => kinds.data?.moveFields.find((f) => f.name === name))
    .filter((f): f is FieldSpec => Boolean(f))
    .map((f) => ({ ...f, required: move.requires.includes(f.name) }));
  if (!open) {
    return (
      <Button
        variant="light"
        onClick={() => {
          setOpen(true);
          setValues(Object.fromEntries(specs.map((f) => [f.name, prefill(f.name, request)])));
        }}
        data-testid={`move-${move.to}`}
      >
        {label}
      </Button>
    );
  }
  const missing = new Map(missingOf(send.error).map((m) => [m.field, t('requests.required', { why: m.why })]));
  const others = (orgs.data?.items ?? []).filter((o) => o.id !== request.to?.id && o.id !== request.from?.id);
  return (
    <Stack gap="xs" data-testid={`move-form-${move.to}`} w="100%">
      {specs.map((f) => (
        <FieldInput
          key={f.name}
          spec={f}
          value={values[f.name]}
          onChange={(v) => setValues((s) => ({ ...s, [f.name]: v }))}
          id={`move-${f.name}`}
          context={{ orgs: others, legs: request.legs ?? [] }}
          error={missing.get(f.name)}
        />
      ))}
      {send.error && missing.size === 0 && <Problem error={send.error} />}
      <Group>
        <Button onClick={() => send.mutate({ to: move.to, ...buildValues(specs, values) })} loading={send.isPending} data-testid="confirm-move">
          {label}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('requests.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
