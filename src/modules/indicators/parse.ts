import { ProblemError } from '../../errors/problems.js';
import { IndicatorParseError, type ParsedIndicator } from './kinds/kind.js';
import { canonicalFast, parseIndicator } from './kinds/registry.js';

export interface ItemError {
  code: string;
  message: string;
}

/** Parses one value, taking the fast path for input that already is canonical. */
export function parseValue(value: string, kind: string | undefined, country: string | undefined): ParsedIndicator {
  return canonicalFast(value, kind) ?? parseIndicator(value, { kind, country });
}

/** Like parseValue, but answers an item error instead of throwing: for batches that answer per item. */
export function tryParseValue(
  value: string,
  kind: string | undefined,
  country: string | undefined,
): { parsed: ParsedIndicator } | { error: ItemError } {
  try {
    return { parsed: parseValue(value, kind, country) };
  } catch (err) {
    if (err instanceof IndicatorParseError) return { error: { code: err.code, message: err.message } };
    throw err;
  }
}

/** Parses every value of a request or throws one problem that lists each bad one. */
export function parseAllOrThrow(items: readonly { value: string; kind?: string; country?: string }[]): ParsedIndicator[] {
  const parsed: ParsedIndicator[] = [];
  const errors: (ItemError & { index: number })[] = [];
  items.forEach((item, index) => {
    const result = tryParseValue(item.value, item.kind, item.country);
    if ('error' in result) errors.push({ index, ...result.error });
    else parsed.push(result.parsed);
  });
  if (errors.length > 0) {
    throw new ProblemError('invalid-indicator', `${errors.length} of the indicators cannot be read; nothing was stored`, { errors });
  }
  return parsed;
}
