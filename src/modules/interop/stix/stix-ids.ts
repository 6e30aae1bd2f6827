import { v5 as uuidv5 } from 'uuid';

/** The namespace STIX 2.1 defines for the deterministic ids of cyber observables (spec 2.9). */
export const STIX_NAMESPACE = '00abedb4-aa42-466c-9c01-fed23315a9b7';
/**
 * fraudx's own namespace, for the STIX ids of its reports, sightings and organisations: derived
 * from the fraudx id, so the same object keeps the same STIX id in every export.
 */
export const FRAUDX_NAMESPACE = '6b7e3c52-3f0c-4f43-9d83-2b0f6fd0a8a1';

/**
 * JSON in the canonical form of RFC 8785 for the values ids are made of (strings, integers,
 * arrays, plain objects): object keys sorted by UTF-16 code units, no white space.
 *
 * @example canonicalJson({ value: '+6681', a: 1 }) // '{"a":1,"value":"+6681"}'
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The id STIX 2.1 derives for an observable from its id-contributing properties; OpenCTI and the
 * python stix2 library derive the same.
 *
 * @example scoId('domain-name', { value: 'example.com' }) // 'domain-name--bedb4899-d24b-5401-bc86-8f6b4cc18ec7'
 */
export function scoId(type: string, contributing: Record<string, unknown>): string {
  return `${type}--${uuidv5(canonicalJson(contributing), STIX_NAMESPACE)}`;
}

/** The id OpenCTI (pycti `Indicator.generate_id`) gives an indicator: from its pattern alone. */
export function indicatorId(pattern: string): string {
  return `indicator--${uuidv5(canonicalJson({ pattern: pattern.trim() }), STIX_NAMESPACE)}`;
}

/** A STIX id for a fraudx entity (report, sighting, organisation, relationship), stable across exports. */
export function entityStixId(type: string, ...parts: string[]): string {
  return `${type}--${uuidv5(parts.join('\u001f'), FRAUDX_NAMESPACE)}`;
}
