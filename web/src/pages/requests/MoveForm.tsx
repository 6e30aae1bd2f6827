import { Button, Group, NativeSelect, Stack, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Problem } from '../../components/bits';
import { ApiError, post } from '../../lib/api';
import { humanise } from './shared';
import type { AllowedMove, MissingField, RequestView } from './types';

const GROUNDS = ['insufficient-information', 'no-data-held', 'not-competent', 'non-conformity', 'dual-criminality', 'domestic-prohibition', 'essential-interests', 'political-offence', 'other'];
const TEXT_FIELDS = new Set(['reason', 'answer']);

/** Fields given as structured data: prefilled where the request already says what they are about. */
function template(field: string, request: RequestView): string {
  const legs = request.legs ?? [];
  if (field === 'legs') return JSON.stringify(legs.map((l) => ({ id: l.id, status: 'held', held: l.amount })), null, 2);
  if (field === 'returns') return JSON.stringify(legs.map((l) => ({ legId: l.id, amount: l.held })), null, 2);
  if (field === 'extension') return JSON.stringify({ until: '' }, null, 2);
  if (field === 'order') return JSON.stringify({ authority: '', reference: '' }, null, 2);
  return '';
}

export function missingOf(error: unknown): MissingField[] {
  if (!(error instanceof ApiError) || error.code !== 'request-incomplete') return [];
  return ((error.body as { missing?: MissingField[] } | undefined)?.missing ?? []);
}

/** One allowed move: a button, then the fields that move needs, then the server's answer. */
export function MoveForm({ request, move }: { request: RequestView; move: AllowedMove }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [open, setOpen] = useState(false);
  const [values, setValues] = useState<Record<string, string>>({});
  const [parseError, setParseError] = useState<string | null>(null);
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => post<RequestView>(`/api/v1/requests/${request.id}/transitions`, body),
    onSuccess: (view) => {
      client.setQueryData(['request', request.id], view);
      void client.invalidateQueries({ queryKey: ['requests'] });
      setOpen(false);
    },
  });
  const label = t('requests.moveTo', { state: humanise(move.to) });
  if (!open) {
    return (
      <Button variant="light" onClick={() => { setOpen(true); setValues(Object.fromEntries(move.requires.map((f) => [f, f === 'ground' ? GROUNDS[0] : template(f, request)]))); }} data-testid={`move-${move.to}`}>
        {label}
      </Button>
    );
  }
  const missing = new Map(missingOf(send.error).map((m) => [m.field, m.why]));
  const submit = () => {
    setParseError(null);
    const body: Record<string, unknown> = { to: move.to };
    if (values.note?.trim()) body.note = values.note.trim();
    for (const f of move.requires) {
      const raw = values[f] ?? '';
      if (f === 'ground' || TEXT_FIELDS.has(f)) body[f] = raw.trim() || undefined;
      else {
        try {
          body[f] = JSON.parse(raw);
        } catch {
          setParseError(`${humanise(f)}: ${t('requests.jsonHelp')}`);
          return;
        }
      }
    }
    send.mutate(body);
  };
  const set = (f: string) => (v: string) => setValues((s) => ({ ...s, [f]: v }));
  return (
    <Stack gap="xs" data-testid={`move-form-${move.to}`} w="100%">
      {move.requires.map((f) =>
        f === 'ground' ? (
          <NativeSelect key={f} label={humanise(f)} data={GROUNDS.map((g) => ({ value: g, label: humanise(g) }))} value={values[f]} onChange={(e) => set(f)(e.currentTarget.value)} error={missing.get(f)} />
        ) : (
          <Textarea key={f} label={humanise(f)} description={TEXT_FIELDS.has(f) ? undefined : t('requests.jsonHelp')} autosize minRows={TEXT_FIELDS.has(f) ? 2 : 4} value={values[f] ?? ''} onChange={(e) => set(f)(e.currentTarget.value)} error={missing.get(f)} ff={TEXT_FIELDS.has(f) ? undefined : 'monospace'} />
        ),
      )}
      <Textarea label={t('requests.note')} autosize minRows={1} value={values.note ?? ''} onChange={(e) => set('note')(e.currentTarget.value)} />
      {parseError && <Problem error={new Error(parseError)} />}
      {send.error && missing.size === 0 && <Problem error={send.error} />}
      <Group>
        <Button onClick={submit} loading={send.isPending} data-testid="confirm-move">
          {label}
        </Button>
        <Button variant="default" onClick={() => setOpen(false)}>
          {t('requests.cancel')}
        </Button>
      </Group>
    </Stack>
  );
}
