import type { KindName } from '../../indicators/kinds/kind.js';
import { EXTENSIONS } from './stix-extensions.js';
import { scoId } from './stix-ids.js';
import type { StixObject } from './stix-types.js';

/** The payment schemes whose aliases travel as `user-account` with the scheme as `account_type`. */
const PAYMENT_SCHEMES = new Set(['promptpay', 'upi', 'paynow', 'duitnow', 'pix']);

interface ObservableShape {
  type: string;
  /** The properties of the observable, id-contributing ones included. */
  properties: Record<string, string>;
  /** The properties its deterministic id is made of, as STIX (or OpenCTI, for custom types) lists them. */
  contributing: string[];
}

function afterPrefix(canonical: string): string {
  return canonical.slice(canonical.indexOf(':') + 1);
}

/** What observable a fraudx indicator is, by kind. */
function shapeOf(kind: KindName, canonical: string): ObservableShape {
  switch (kind) {
    case 'phone':
      return { type: 'phone-number', properties: { value: canonical }, contributing: ['value'] };
    case 'iban':
      return { type: 'bank-account', properties: { value: canonical, iban: canonical }, contributing: ['iban'] };
    case 'bank-account': {
      // A domestic account has no IBAN, which OpenCTI keys on; its fraudx canonical form
      // (COUNTRY:BANK:NUMBER) is unique, so it stands in as the id-contributing value.
      const [, bank, number] = canonical.split(':');
      return { type: 'bank-account', properties: { value: canonical, account_number: number ?? canonical, ...(bank ? { bic: bank } : {}) }, contributing: ['value'] };
    }
    case 'crypto-wallet':
      return { type: 'cryptocurrency-wallet', properties: { value: afterPrefix(canonical) }, contributing: ['value'] };
    case 'url':
      return { type: 'url', properties: { value: canonical }, contributing: ['value'] };
    case 'domain':
      return { type: 'domain-name', properties: { value: canonical }, contributing: ['value'] };
    case 'email':
      return { type: 'email-addr', properties: { value: canonical }, contributing: ['value'] };
    case 'ip':
      return { type: canonical.includes(':') ? 'ipv6-addr' : 'ipv4-addr', properties: { value: canonical }, contributing: ['value'] };
    case 'handle':
    case 'payment-alias': {
      const cut = canonical.indexOf(':');
      return {
        type: 'user-account',
        properties: { account_type: canonical.slice(0, cut), account_login: canonical.slice(cut + 1) },
        contributing: ['account_type', 'account_login'],
      };
    }
  }
}

/** The STIX cyber observable of an indicator, with its deterministic id. */
export function observableOf(kind: KindName, canonical: string): StixObject {
  const shape = shapeOf(kind, canonical);
  const contributing = Object.fromEntries(shape.contributing.map((p) => [p, shape.properties[p]]));
  const ext = EXTENSIONS[shape.type as keyof typeof EXTENSIONS];
  return {
    type: shape.type,
    spec_version: '2.1',
    id: scoId(shape.type, contributing),
    ...shape.properties,
    ...(ext ? { extensions: { [ext]: { extension_type: 'new-sco' } } } : {}),
  };
}

function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** The STIX pattern that matches the indicator's observable. */
export function patternOf(kind: KindName, canonical: string): string {
  const shape = shapeOf(kind, canonical);
  const keys = shape.type === 'user-account' ? ['account_type', 'account_login'] : shape.type === 'bank-account' ? [shape.properties.iban ? 'iban' : 'value'] : ['value'];
  return `[${keys.map((k) => `${shape.type}:${k} = ${quote(shape.properties[k])}`).join(' AND ')}]`;
}

/** A value fraudx can parse, with the kind it must be parsed as, read from an observable's properties. */
export interface ObservedValue {
  kind: KindName;
  value: string;
}

/** Reads what fraudx indicator an observable (or a pattern's comparisons on one) names, if any. */
export function valueOfObservable(type: string, props: Readonly<Record<string, string>>): ObservedValue | undefined {
  switch (type) {
    case 'phone-number':
      return props.value ? { kind: 'phone', value: props.value } : undefined;
    case 'bank-account':
      if (props.iban) return { kind: 'iban', value: props.iban };
      return props.value ? { kind: 'bank-account', value: props.value } : undefined;
    case 'cryptocurrency-wallet':
      return props.value ? { kind: 'crypto-wallet', value: props.value } : undefined;
    case 'url':
      return props.value ? { kind: 'url', value: props.value } : undefined;
    case 'domain-name':
      return props.value ? { kind: 'domain', value: props.value } : undefined;
    case 'email-addr':
      return props.value ? { kind: 'email', value: props.value } : undefined;
    case 'ipv4-addr':
    case 'ipv6-addr':
      // A network (CIDR) is not one address: fraudx lists single addresses only.
      return props.value && !props.value.includes('/') ? { kind: 'ip', value: props.value } : undefined;
    case 'user-account': {
      const accountType = props.account_type?.toLowerCase();
      const login = props.account_login ?? props.user_id;
      if (!accountType || !login) return undefined;
      return { kind: PAYMENT_SCHEMES.has(accountType) ? 'payment-alias' : 'handle', value: `${accountType}:${login}` };
    }
    default:
      return undefined;
  }
}

// One comparison `type:property = 'value'` (single-quoted, with \' and \\ escapes).
const COMPARISON = /([a-z0-9-]+):([a-z0-9_.]+)\s*=\s*'((?:[^'\\]|\\.)*)'/g;

/**
 * The values a STIX pattern names, for the simple patterns threat-intel tools exchange: one or
 * more observation expressions of equality comparisons. A pattern with other operators still
 * yields its equality comparisons; one with none yields nothing.
 *
 * @example valuesOfPattern("[url:value = 'https://x.example/']") // [{ kind: 'url', value: 'https://x.example/' }]
 */
export function valuesOfPattern(pattern: string): ObservedValue[] {
  const out: ObservedValue[] = [];
  // Comparisons joined by AND inside one observation describe one observable.
  for (const observation of pattern.split(/\]\s*(?:OR|AND|FOLLOWEDBY)\s*\[|\bOR\b/)) {
    const byType = new Map<string, Record<string, string>>();
    for (const m of observation.matchAll(COMPARISON)) {
      const props = byType.get(m[1]) ?? {};
      props[m[2]] = m[3].replace(/\\(.)/g, '$1');
      byType.set(m[1], props);
    }
    for (const [type, props] of byType) {
      const value = valueOfObservable(type, props);
      if (value) out.push(value);
    }
  }
  return out;
}
