import { entityStixId } from './stix-ids.js';
import type { StixObject } from './stix-types.js';

/**
 * The extension definitions fraudx declares: the three custom observables OpenCTI already reads
 * (so OpenCTI takes them natively, and STIX tools know where they are defined), and one property
 * extension carrying fraudx's own facts on indicators, reports, sightings and identities.
 */
export const FRAUDX_IDENTITY_ID = entityStixId('identity', 'fraudx');
const CREATED = '2026-01-01T00:00:00.000Z';
const SCHEMA_BASE = 'https://github.com/fraudx/fraudx/blob/main/docs/stix.md';

export const EXTENSIONS = {
  'phone-number': entityStixId('extension-definition', 'fraudx', 'phone-number'),
  'bank-account': entityStixId('extension-definition', 'fraudx', 'bank-account'),
  'cryptocurrency-wallet': entityStixId('extension-definition', 'fraudx', 'cryptocurrency-wallet'),
  fraudx: entityStixId('extension-definition', 'fraudx', 'fraudx'),
} as const;

export const CUSTOM_OBSERVABLES = ['phone-number', 'bank-account', 'cryptocurrency-wallet'] as const;

/** The identity that authors fraudx's extension definitions. */
export function fraudxIdentity(): StixObject {
  return {
    type: 'identity',
    spec_version: '2.1',
    id: FRAUDX_IDENTITY_ID,
    created: CREATED,
    modified: CREATED,
    name: 'fraudx',
    identity_class: 'system',
    description: 'The fraudx open platform against online fraud; author of its STIX extension definitions.',
  };
}

export function extensionDefinitions(): StixObject[] {
  const definition = (id: string, name: string, description: string, type: string, properties?: string[]): StixObject => ({
    type: 'extension-definition',
    spec_version: '2.1',
    id,
    created_by_ref: FRAUDX_IDENTITY_ID,
    created: CREATED,
    modified: CREATED,
    name,
    description,
    schema: `${SCHEMA_BASE}#${name}`,
    version: '1.0',
    extension_types: [type],
    ...(properties ? { extension_properties: properties } : {}),
  });
  return [
    definition(EXTENSIONS['phone-number'], 'phone-number', 'A telephone number in E.164 form (value), as OpenCTI defines Phone-Number.', 'new-sco'),
    definition(EXTENSIONS['bank-account'], 'bank-account', 'A bank account: iban and/or account_number, bic; value for display; as OpenCTI defines Bank-Account.', 'new-sco'),
    definition(EXTENSIONS['cryptocurrency-wallet'], 'cryptocurrency-wallet', 'A cryptocurrency address (value), as OpenCTI defines Cryptocurrency-Wallet.', 'new-sco'),
    definition(EXTENSIONS.fraudx, 'fraudx', 'fraudx facts on indicators, reports, sightings and identities: kind, canonical value, score, countries, loss, roles, sighting type.', 'property-extension'),
  ];
}
