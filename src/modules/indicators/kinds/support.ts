/** Small helpers shared by the kind modules. */
import { IndicatorParseError, type KindName } from './kind.js';

/** Throws the one error a kind may throw. */
export function fail(kind: KindName, code: string, message: string): never {
  throw new IndicatorParseError(code, message, kind);
}

// One notion of "a country code" for the whole project.
export { isCountryCode } from '../../../shared/countries.js';

/**
 * A record's own entry for a key taken from input: a plain `record[key]` would find
 * `constructor`, `__proto__` and the rest of Object.prototype.
 */
export function lookup<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}

/** Quotes user input in an error message, shortened so a message never carries a whole paste. */
export function quote(s: string): string {
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}...` : s);
}

/** Builds a facts record, leaving out facts that are not known. */
export function facts(entries: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(entries)) if (v !== undefined && v !== '') out[k] = v;
  return out;
}
