import type { StixObject } from './stix-types.js';

export const TLP_LEVELS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

/** The TLP 2.0 extension every TLP 2.0 marking declares itself through (OASIS cti-stix-common-objects). */
export const TLP2_EXTENSION = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The published ids of the TLP 2.0 markings: every tool that reads TLP 2.0 knows these. */
export const TLP2_MARKINGS: Record<Tlp, { id: string; name: string }> = {
  clear: { id: 'marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487', name: 'TLP:CLEAR' },
  green: { id: 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb', name: 'TLP:GREEN' },
  amber: { id: 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', name: 'TLP:AMBER' },
  'amber+strict': { id: 'marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003', name: 'TLP:AMBER+STRICT' },
  red: { id: 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1', name: 'TLP:RED' },
};

// TLP 1.0, predefined by STIX 2.1 itself; still sent by older producers, read as its 2.0 level.
const TLP1_MARKINGS: Record<string, Tlp> = {
  'marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9': 'clear',
  'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da': 'green',
  'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82': 'amber',
  'marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed': 'red',
};

const BY_ID = new Map<string, Tlp>([
  ...Object.entries(TLP1_MARKINGS),
  ...TLP_LEVELS.map((t) => [TLP2_MARKINGS[t].id, t] as [string, Tlp]),
]);

export function isTlp(value: string): value is Tlp {
  return (TLP_LEVELS as readonly string[]).includes(value);
}

/** The marking-definition object of a TLP 2.0 level, exactly as OASIS publishes it. */
export function tlpMarkingObject(tlp: Tlp): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: TLP2_MARKINGS[tlp].id,
    created: '2022-10-01T00:00:00.000Z',
    name: TLP2_MARKINGS[tlp].name,
    extensions: { [TLP2_EXTENSION]: { extension_type: 'property-extension', tlp_2_0: tlp } },
  };
}

/**
 * The strictest TLP among the marking refs of an object (TLP 1.0 or 2.0 ids, or marking objects
 * of the bundle that carry a TLP definition), or undefined when none is TLP.
 */
export function tlpOfRefs(refs: unknown, extra: ReadonlyMap<string, Tlp> = new Map()): Tlp | undefined {
  if (!Array.isArray(refs)) return undefined;
  let strictest: Tlp | undefined;
  for (const ref of refs) {
    const tlp = typeof ref === 'string' ? (BY_ID.get(ref) ?? extra.get(ref)) : undefined;
    if (tlp && (!strictest || TLP_LEVELS.indexOf(tlp) > TLP_LEVELS.indexOf(strictest))) strictest = tlp;
  }
  return strictest;
}

/** A marking-definition of a bundle that is TLP under an id of its own (STIX 2.0 style `definition.tlp`). */
export function tlpOfMarkingObject(object: StixObject): Tlp | undefined {
  const definition = object.definition as { tlp?: unknown } | undefined;
  const ext = (object.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP2_EXTENSION];
  const raw = String(ext?.tlp_2_0 ?? definition?.tlp ?? '').toLowerCase();
  if (raw === 'white') return 'clear';
  return isTlp(raw) ? raw : undefined;
}
