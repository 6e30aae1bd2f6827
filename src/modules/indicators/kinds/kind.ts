/**
 * The contract every indicator kind implements. One module per kind lives beside this file and is
 * registered in `registry.ts`; detection, parsing, the check API, imports and exports all read
 * the kinds from there.
 */

export const KIND_NAMES = [
  'phone',
  'iban',
  'bank-account',
  'crypto-wallet',
  'url',
  'domain',
  'email',
  'ip',
  'handle',
  'payment-alias',
] as const;

export type KindName = (typeof KIND_NAMES)[number];

export interface ParseContext {
  /** ISO 3166-1 alpha-2 country used when the value itself names none (a national phone number, a domestic account). */
  country?: string;
}

export interface ParsedIndicator {
  kind: KindName;
  /** The one canonical form: equal values of the kind always have the same canonical string. */
  canonical: string;
  /** A form for people (a phone in international format, a wallet with its chain's name). */
  display: string;
  /** Facts the parse learned on the way: a phone's country, a wallet's chain, a handle's platform. */
  facts: Record<string, string>;
}

/** The only error a kind's `parse` may throw. `code` is stable and documented in docs/errors.md. */
export class IndicatorParseError extends Error {
  readonly code: string;
  readonly kind: KindName | undefined;

  constructor(code: string, message: string, kind?: KindName) {
    // Bad input, not a fault: its stack says nothing, and detection makes and drops many of these.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = 'IndicatorParseError';
    this.code = code;
    this.kind = kind;
  }
}

export interface IndicatorKind {
  readonly name: KindName;
  /** A sentence for the docs and the OpenAPI description. */
  readonly description: string;
  /** Whether `raw` looks like this kind (cheap, may be wrong; `parse` decides). */
  detect(raw: string, ctx: ParseContext): boolean;
  /** Parses `raw` to its canonical form or throws `IndicatorParseError`. */
  parse(raw: string, ctx: ParseContext): ParsedIndicator;
  /**
   * Whether `value` is already exactly canonical for this kind, decided without the heavy parsers.
   * Must never answer true for a value whose full parse gives another canonical form.
   */
  isCanonical(value: string): boolean;
}
