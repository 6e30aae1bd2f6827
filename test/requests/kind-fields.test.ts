import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { FieldSpec } from '../../src/modules/requests/kinds/describe.js';
import { REQUEST_KINDS } from '../../src/modules/requests/kinds/kind.js';
import { PAYMENT_CHANNELS } from '../../src/modules/requests/kinds/payment-intervention.js';
import { KIND_DEFINITIONS } from '../../src/modules/requests/kinds/registry.js';
import { startNode, type TestNode } from '../support/node.js';

const byName = (specs: FieldSpec[], name: string) => specs.find((f) => f.name === name);

describe('GET /api/v1/requests/kinds describes each field for forms, from the schemas requests are validated with', () => {
  let node: TestNode;
  let kinds: { common: FieldSpec[]; moveFields: FieldSpec[]; kinds: { kind: string; fields: string[]; contents: FieldSpec[]; required: { field: string }[] }[] };
  beforeAll(async () => {
    node = await startNode('sqlite');
    const police = await node.orgWithKey('Police', 'TH', 'analyst', 'law-enforcement');
    const res = await node.request('GET', '/api/v1/requests/kinds', { key: police.key });
    expect(res.status).toBe(200);
    kinds = res.body;
  });
  afterAll(async () => node?.close());

  it('gives a payment intervention its channel choices, legs with indicator, money and time inputs, and which contents the kind requires', () => {
    const pi = kinds.kinds.find((k) => k.kind === 'payment-intervention')!;
    expect(byName(pi.contents, 'channel')).toEqual({ name: 'channel', type: 'choice', required: true, options: [...PAYMENT_CHANNELS] });
    expect(byName(pi.contents, 'requesterRole')).toMatchObject({ type: 'choice', required: false });
    expect(byName(pi.contents, 'victimConsent')).toMatchObject({ type: 'boolean', required: false });
    const legs = byName(pi.contents, 'legs')!;
    expect(legs).toMatchObject({ type: 'legs', required: true, maxItems: 100 });
    expect(legs.fields!.map((f) => [f.name, f.type, f.required])).toEqual([
      ['institution', 'text', true],
      ['account', 'indicator', true],
      ['amount', 'amount', true],
      ['currency', 'currency', true],
      ['at', 'date-time', false],
      ['references', 'group', false],
    ]);
    expect(byName(legs.fields!, 'account')!.options).toContain('crypto-wallet');
  });

  it('describes nested contents: preservation data with its categories, custodian country, and the box MLA intent ticks', () => {
    const p = kinds.kinds.find((k) => k.kind === 'preservation')!;
    const data = byName(p.contents, 'data')!;
    expect(data).toMatchObject({ type: 'group', required: true });
    expect(byName(data.fields!, 'categories')).toEqual({ name: 'categories', type: 'choices', required: true, options: ['subscriber', 'traffic', 'content', 'other'] });
    expect(byName(byName(data.fields!, 'timeRange')!.fields!, 'from')).toMatchObject({ type: 'date-time', required: true });
    expect(byName(byName(p.contents, 'custodian')!.fields!, 'country')).toMatchObject({ type: 'country', required: false });
    expect(byName(p.contents, 'mlaIntent')).toMatchObject({ type: 'boolean', options: [true] });
    expect(byName(p.contents, 'mlaExpectedBy')).toMatchObject({ type: 'date-time' });
  });

  it('describes the common fields and the fields of moves: legal basis, indicator list, leg outcomes with onward hops to organisations', () => {
    expect(kinds.common.map((f) => [f.name, f.type])).toEqual([
      ['to', 'organisation'],
      ['urgency', 'choice'],
      ['reference', 'text'],
      ['legalBasis', 'legal-basis'],
      ['indicators', 'indicator-list'],
    ]);
    const legs = byName(kinds.moveFields, 'legs')!;
    expect(byName(legs.fields!, 'id')).toMatchObject({ type: 'leg-ref', required: true });
    expect(byName(legs.fields!, 'status')).toMatchObject({ type: 'choice', options: ['held', 'partially_held', 'moved', 'not_found'] });
    const hops = byName(legs.fields!, 'onwardHops')!;
    expect(hops).toMatchObject({ type: 'list', maxItems: 20 });
    expect(byName(hops.fields!, 'to')).toMatchObject({ type: 'organisation', required: false });
    expect(byName(byName(kinds.moveFields, 'returns')!.fields!, 'legId')).toMatchObject({ type: 'leg-ref' });
    expect(byName(kinds.moveFields, 'ground')!.options).toContain('no-data-held');
    expect(byName(byName(kinds.moveFields, 'extension')!.fields!, 'until')).toMatchObject({ type: 'date-time' });
  });

  it.each(REQUEST_KINDS)('describes every content of %s, marks what the kind requires, and offers only choices its schema accepts', (kind) => {
    const described = kinds.kinds.find((k) => k.kind === kind)!;
    const def = KIND_DEFINITIONS[kind];
    expect(described.contents.map((f) => f.name)).toEqual(Object.keys(def.fields));
    expect(described.contents.filter((f) => f.required).map((f) => f.name).sort()).toEqual(def.required.map((r) => r.field).sort());
    for (const spec of described.contents.filter((f) => f.type === 'choice')) {
      for (const option of spec.options!) expect({ field: spec.name, option, ok: z.safeParse(def.fields[spec.name], option).success }).toEqual({ field: spec.name, option, ok: true });
      expect(z.safeParse(def.fields[spec.name], 'not-an-option').success).toBe(false);
    }
  });
});
