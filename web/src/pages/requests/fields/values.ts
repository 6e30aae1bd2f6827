import type { FieldSpec } from '../types';

/** What a field starts as: a required choice shows its first option, a required list one empty row. */
export function initialValue(spec: FieldSpec): unknown {
  if (spec.type === 'choice' && spec.required) return String(spec.options?.[0] ?? '');
  if ((spec.type === 'legs' || spec.type === 'list') && spec.required) return [{}];
  return undefined;
}

export function initialValues(specs: readonly FieldSpec[]): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, initialValue(s)]).filter(([, v]) => v !== undefined));
}

const str = (raw: unknown) => (typeof raw === 'string' ? raw.trim() : '');

/** The value the API gets for what was typed, or undefined when nothing was: empty rows and groups drop out. */
export function buildValue(spec: FieldSpec, raw: unknown): unknown {
  switch (spec.type) {
    case 'boolean':
      return raw === true ? true : undefined;
    case 'choices':
      return Array.isArray(raw) && raw.length > 0 ? raw : undefined;
    case 'currency':
    case 'country':
      return str(raw).toUpperCase() || undefined;
    case 'date-time': {
      // The browser's date-time input is local time; the API takes an instant with its offset.
      const s = str(raw);
      if (!s) return undefined;
      const at = new Date(s);
      return Number.isNaN(at.getTime()) ? s : at.toISOString();
    }
    case 'legal-basis':
      return str(raw) ? [str(raw)] : undefined;
    case 'indicator': {
      const ref = (raw ?? {}) as { value?: string; kind?: string };
      const value = str(ref.value);
      return value ? { value, ...(str(ref.kind) ? { kind: str(ref.kind) } : {}) } : undefined;
    }
    case 'indicator-list':
      return nonEmpty((Array.isArray(raw) ? raw : []).map((r) => buildValue({ ...spec, type: 'indicator' }, r)));
    case 'group': {
      const given = (raw ?? {}) as Record<string, unknown>;
      const out = Object.fromEntries((spec.fields ?? []).map((f) => [f.name, buildValue(f, given[f.name])]).filter(([, v]) => v !== undefined));
      return Object.keys(out).length > 0 ? out : undefined;
    }
    case 'legs':
    case 'list':
      return nonEmpty((Array.isArray(raw) ? raw : []).map((r) => buildValue({ ...spec, type: 'group' }, r)));
    default:
      return str(raw) || undefined;
  }
}

function nonEmpty(items: unknown[]): unknown[] | undefined {
  const kept = items.filter((i) => i !== undefined);
  return kept.length > 0 ? kept : undefined;
}

/** The body fields for a set of specs: only those given. */
export function buildValues(specs: readonly FieldSpec[], raw: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(specs.map((s) => [s.name, buildValue(s, raw[s.name])]).filter(([, v]) => v !== undefined));
}
