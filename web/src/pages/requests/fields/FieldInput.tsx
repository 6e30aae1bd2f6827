import { ActionIcon, Button, Checkbox, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { KindField } from '../../../components/KindField';
import { money } from '../../../lib/format';
import { humanise } from '../shared';
import type { FieldSpec, Leg, LegalBasisInfo, Org } from '../types';
import { initialValues } from './values';

/** What the inputs offer beyond the spec: the organisations to send to, the request's own legs, the legal bases. */
export interface FieldContext {
  orgs: Org[];
  legs?: Leg[];
  legalBases?: LegalBasisInfo[];
  /** Shown as the legal basis used when none is chosen. */
  defaultBasis?: string;
}

interface Props {
  spec: FieldSpec;
  value: unknown;
  onChange: (value: unknown) => void;
  /** Test id and element id of the input; nested inputs extend it. */
  id: string;
  context: FieldContext;
  error?: string;
}

/** Field names are API identifiers; labels read as words, capitalised. */
const labelOf = (name: string) => humanise(name).replace(/^./, (c) => c.toUpperCase());
const asString = (v: unknown) => (typeof v === 'string' ? v : '');
const asRecord = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const asList = (v: unknown) => (Array.isArray(v) ? (v as unknown[]) : []);

/** One input per field type; groups and lists render their parts with the same component. */
export function FieldInput({ spec, value, onChange, id, context, error }: Props) {
  const { t } = useTranslation();
  const label = labelOf(spec.name);
  const common = { id, label, required: spec.required, error, description: spec.description, 'data-testid': id };
  switch (spec.type) {
    case 'text':
      return (spec.maxLength ?? 0) > 300 ? (
        <Textarea {...common} autosize minRows={2} maxLength={spec.maxLength} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />
      ) : (
        <TextInput {...common} maxLength={spec.maxLength} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />
      );
    case 'amount':
      return <TextInput {...common} inputMode="decimal" placeholder="0.00" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value.replace(/[^0-9.]/g, ''))} />;
    case 'currency':
    case 'country':
      return (
        <TextInput
          {...common}
          maxLength={spec.type === 'currency' ? 3 : 2}
          w={spec.type === 'currency' ? 110 : 90}
          placeholder={spec.type === 'currency' ? 'THB' : 'TH'}
          value={asString(value)}
          onChange={(e) => onChange(e.currentTarget.value.toUpperCase())}
        />
      );
    case 'date-time':
      return <TextInput {...common} type="datetime-local" value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    case 'boolean':
      return <Checkbox id={id} label={label} description={spec.description} error={error} data-testid={id} checked={value === true} onChange={(e) => onChange(e.currentTarget.checked)} />;
    case 'choice': {
      const options = (spec.options ?? []).map((o) => ({ value: String(o), label: humanise(String(o)) }));
      return <NativeSelect {...common} data={spec.required ? options : [{ value: '', label: '—' }, ...options]} value={asString(value) || (spec.required ? options[0]?.value : '')} onChange={(e) => onChange(e.currentTarget.value)} />;
    }
    case 'choices': {
      const chosen = asList(value).map(String);
      return (
        <Checkbox.Group id={id} label={label} required={spec.required} error={error} description={spec.description} value={chosen} onChange={onChange} data-testid={id}>
          <Group gap="md" mt={4}>
            {(spec.options ?? []).map((o) => (
              <Checkbox key={String(o)} value={String(o)} label={humanise(String(o))} data-testid={`${id}-${String(o)}`} />
            ))}
          </Group>
        </Checkbox.Group>
      );
    }
    case 'organisation': {
      const options = context.orgs.map((o) => ({ value: o.id, label: `${o.name} (${o.country})` }));
      return <NativeSelect {...common} data={[{ value: '', label: '—' }, ...options]} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    }
    case 'leg-ref': {
      const options = (context.legs ?? []).map((l) => ({ value: l.id, label: `${l.institution} · ${l.account.canonical} · ${money(l.amount, l.currency)}` }));
      return <NativeSelect {...common} data={[{ value: '', label: '—' }, ...options]} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    }
    case 'legal-basis': {
      const options = (context.legalBases ?? []).map((b) => ({ value: b.id, label: [b.instrument, b.article && `art. ${b.article}`].filter(Boolean).join(', ') }));
      const fallback = t('requests.defaultBasis', { basis: context.defaultBasis ?? '—' });
      return <NativeSelect {...common} required={false} data={[{ value: '', label: fallback }, ...options]} value={asString(value)} onChange={(e) => onChange(e.currentTarget.value)} />;
    }
    case 'indicator':
      return <IndicatorInput spec={spec} value={value} onChange={onChange} id={id} error={error} />;
    case 'group': {
      const parts = <Parts fields={spec.fields ?? []} value={value} onChange={onChange} id={id} context={context} />;
      // An optional group (a police report, transaction references) stays folded until wanted.
      if (!spec.required && !error) {
        return (
          <details data-testid={id} id={id}>
            <summary>{label}</summary>
            <Stack gap="xs" mt="xs">
              {spec.description && <Text size="xs" c="dimmed">{spec.description}</Text>}
              {parts}
            </Stack>
          </details>
        );
      }
      return (
        <Fieldset legend={spec.required ? `${label} *` : label} id={id} data-testid={id} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
          {spec.description && <Text size="xs" c="dimmed" mb="xs">{spec.description}</Text>}
          {parts}
          <FieldError id={id} error={error} />
        </Fieldset>
      );
    }
    case 'indicator-list':
    case 'legs':
    case 'list':
      return <ListInput spec={spec} value={value} onChange={onChange} id={id} context={context} error={error} />;
  }
}

/** Fields that fit a line (words, amounts, choices) side by side; groups, lists and long texts below, full width. */
export const isWide = (f: FieldSpec) => ['group', 'list', 'legs', 'indicator-list'].includes(f.type) || (f.type === 'text' && (f.maxLength ?? 0) > 300);

function Parts({ fields, value, onChange, id, context }: { fields: FieldSpec[]; value: unknown; onChange: (v: unknown) => void; id: string; context: FieldContext }) {
  const input = (f: FieldSpec) => <FieldInput key={f.name} spec={f} value={asRecord(value)[f.name]} onChange={(v) => onChange({ ...asRecord(value), [f.name]: v })} id={`${id}-${f.name}`} context={context} />;
  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>{fields.filter((f) => !isWide(f)).map(input)}</SimpleGrid>
      {fields.filter(isWide).map(input)}
    </Stack>
  );
}

function FieldError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <Text size="sm" c="red.8" mt="xs" id={`${id}-error`} data-testid={`error-${id.replace(/^field-/, '')}`}>
      {error}
    </Text>
  );
}

/** An indicator: the value, its kind detected as it is typed, or chosen. */
function IndicatorInput({ spec, value, onChange, id, error }: Omit<Props, 'context'>) {
  const ref = asRecord(value) as { value?: string; kind?: string };
  return (
    <Group align="flex-start" gap="xs" wrap="wrap">
      <KindField
        id={id}
        label={labelOf(spec.name)}
        required={spec.required}
        error={error}
        miw={260}
        kind={ref.kind || undefined}
        value={ref.value ?? ''}
        onValue={(v) => onChange({ ...ref, value: v })}
        data-testid={id}
      />
      <NativeSelect
        id={`${id}-kind`}
        label={`${labelOf(spec.name)}: kind`}
        data={[{ value: '', label: '—' }, ...(spec.options ?? []).map((o) => ({ value: String(o), label: humanise(String(o)) }))]}
        value={ref.kind ?? ''}
        onChange={(e) => onChange({ ...ref, kind: e.currentTarget.value })}
        data-testid={`${id}-kind`}
      />
    </Group>
  );
}

/** Repeatable rows: legs of a transfer, onward hops, indicators, persons concerned. */
function ListInput({ spec, value, onChange, id, context, error }: Props) {
  const { t } = useTranslation();
  const rows = asList(value);
  const label = labelOf(spec.name);
  // The legs of a new request keep the short ids people and tests know them by.
  const rowId = (i: number) => (spec.type === 'legs' ? `leg-${i}` : `${id}-${i}`);
  const itemSpec: FieldSpec = spec.type === 'indicator-list' ? { ...spec, type: 'indicator', name: 'value', required: false } : { ...spec, type: 'group', required: false };
  const setRow = (i: number, v: unknown) => onChange(rows.map((r, j) => (j === i ? v : r)));
  const full = spec.maxItems !== undefined && rows.length >= spec.maxItems;
  return (
    <Stack gap="xs" id={id} data-testid={spec.type === 'legs' ? 'legs-form' : id} role="group" aria-labelledby={`${id}-label`} aria-describedby={error ? `${id}-error` : undefined}>
      <Text fw={600} id={`${id}-label`}>
        {label}
        {spec.required && ' *'}
      </Text>
      {spec.description && <Text size="xs" c="dimmed">{spec.description}</Text>}
      <FieldError id={id} error={error} />
      {rows.map((row, i) => (
        <Fieldset key={i} legend={`${label} ${i + 1}`} data-testid={rowId(i)}>
          <Group align="flex-start" wrap="nowrap">
            <Stack gap="xs" style={{ flex: 1 }}>
              {spec.type === 'indicator-list' ? (
                <FieldInput spec={itemSpec} value={row} onChange={(v) => setRow(i, v)} id={rowId(i)} context={context} />
              ) : (
                <Parts fields={spec.fields ?? []} value={row} onChange={(v) => setRow(i, v)} id={rowId(i)} context={context} />
              )}
            </Stack>
            <ActionIcon variant="subtle" color="red" aria-label={t('requests.removeRow', { row: `${label} ${i + 1}` })} onClick={() => onChange(rows.filter((_, j) => j !== i))} data-testid={`${rowId(i)}-remove`}>
              ×
            </ActionIcon>
          </Group>
        </Fieldset>
      ))}
      <Group>
        <Button variant="default" size="xs" disabled={full} onClick={() => onChange([...rows, spec.type === 'indicator-list' ? {} : initialValues(spec.fields ?? [])])} data-testid={`${id}-add`}>
          {t('requests.addRow', { what: label })}
        </Button>
      </Group>
    </Stack>
  );
}
