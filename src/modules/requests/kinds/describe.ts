import { z } from 'zod';

/**
 * How a form should ask for one piece of request contents, read from the same zod schema the
 * API validates with, so forms and validation cannot drift apart.
 */
export type FieldType =
  | 'text'
  | 'date-time'
  | 'amount'
  | 'currency'
  | 'country'
  | 'boolean'
  | 'choice'
  | 'choices'
  | 'indicator'
  | 'indicator-list'
  | 'legs'
  | 'legal-basis'
  | 'organisation'
  | 'leg-ref'
  | 'group'
  | 'list';

export interface FieldSpec {
  name: string;
  type: FieldType;
  required: boolean;
  description?: string;
  /** Choice, choices and indicator (its kinds): the values allowed. */
  options?: readonly (string | boolean)[];
  maxLength?: number;
  /** Group: its parts; list and legs: the parts of one row. */
  fields?: FieldSpec[];
  maxItems?: number;
}

/** Marks shared schemas with the form input they stand for; zod keeps the mark through describe(), and OpenAPI shows it as x-form. */
export type FormHint = 'amount' | 'currency' | 'country' | 'indicator' | 'leg' | 'legal-basis' | 'organisation' | 'leg-ref';
export const formHint = <T extends z.ZodType>(schema: T, form: FormHint): T => schema.meta({ 'x-form': form }) as T;

interface Def {
  type: string;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  element?: z.core.$ZodType;
  shape?: Record<string, z.core.$ZodType>;
  entries?: Record<string, string>;
  values?: unknown[];
  format?: string;
  checks?: { _zod: { def: { check: string; maximum?: number } } }[];
}

const defOf = (s: z.core.$ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;
const metaOf = (s: z.core.$ZodType) => {
  const meta = (z.globalRegistry.get(s) ?? {}) as { 'x-form'?: FormHint; description?: string };
  return { form: meta['x-form'], description: meta.description };
};

/** Strips optional, default and similar wrappers; says whether the value may be left out. */
function unwrap(schema: z.core.$ZodType): { inner: z.core.$ZodType; optional: boolean; description?: string } {
  let s = schema;
  let optional = false;
  let description = metaOf(s).description;
  // A schema marked with its form input is taken as it is, even one that transforms its value.
  while (!metaOf(s).form) {
    const d = defOf(s);
    if (d.type === 'optional' || d.type === 'default' || d.type === 'nullable' || d.type === 'prefault') {
      optional = true;
      s = d.innerType as z.core.$ZodType;
    } else if (d.type === 'pipe' && d.in) s = d.in;
    else break;
    description ??= metaOf(s).description;
  }
  return { inner: s, optional, description };
}

function maxLengthOf(d: Def): number | undefined {
  for (const c of d.checks ?? []) if (c._zod.def.check === 'max_length') return c._zod.def.maximum;
  return undefined;
}

export function describeField(name: string, schema: z.core.$ZodType): FieldSpec {
  const { inner, optional, description } = unwrap(schema);
  const base = { name, required: !optional, ...(description ? { description } : {}) };
  const d = defOf(inner);
  const form = metaOf(inner).form;
  if (form === 'indicator') return { ...base, type: 'indicator', options: describeField('kind', (d.shape as Record<string, z.core.$ZodType>).kind).options };
  if (form === 'amount' || form === 'currency' || form === 'country' || form === 'legal-basis' || form === 'organisation' || form === 'leg-ref') return { ...base, type: form };
  switch (d.type) {
    case 'string': {
      const maxLength = maxLengthOf(d);
      return { ...base, type: d.format === 'datetime' ? 'date-time' : 'text', ...(maxLength ? { maxLength } : {}) };
    }
    case 'boolean':
      return { ...base, type: 'boolean' };
    case 'literal':
      // A box to tick: `true` is the only value there is to give.
      if (d.values?.length === 1 && d.values[0] === true) return { ...base, type: 'boolean', options: [true] };
      return { ...base, type: 'choice', options: d.values as (string | boolean)[] };
    case 'enum':
      return { ...base, type: 'choice', options: Object.values(d.entries ?? {}) };
    case 'object':
      return { ...base, type: 'group', fields: describeShape(d.shape ?? {}) };
    case 'array': {
      const item = describeField('item', d.element as z.core.$ZodType);
      const maxItems = maxLengthOf(d);
      const limits = maxItems ? { maxItems } : {};
      const element = unwrap(d.element as z.core.$ZodType).inner;
      if (item.type === 'indicator') return { ...base, ...limits, type: 'indicator-list', options: item.options };
      if (item.type === 'legal-basis') return { ...base, ...limits, type: 'legal-basis' };
      if (item.type === 'choice') return { ...base, ...limits, type: 'choices', options: item.options };
      return { ...base, ...limits, type: metaOf(element).form === 'leg' ? 'legs' : 'list', fields: item.fields ?? [item] };
    }
    default:
      return { ...base, type: 'text' };
  }
}

export function describeShape(shape: z.ZodRawShape): FieldSpec[] {
  return Object.entries(shape).map(([name, schema]) => describeField(name, schema));
}
