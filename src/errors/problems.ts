/**
 * The one catalogue of errors fraudx answers with. Each code is stable: clients and tests match
 * on it. Answers are RFC 9457 problem documents whose `type` is `urn:fraudx:problem:CODE`.
 * docs/errors.md lists the same table for people.
 */
export const PROBLEMS = {
  'malformed-json': { status: 400, title: 'The request body is not valid JSON' },
  'validation-failed': { status: 400, title: 'The request does not match its schema' },
  'unknown-field': { status: 400, title: 'The request has a field this endpoint does not know' },
  'invalid-indicator': { status: 400, title: 'The value cannot be read as an indicator' },
  'invalid-amount': { status: 400, title: 'The amount or currency is not valid' },
  'request-incomplete': { status: 400, title: 'The cooperation request or move lacks contents its kind or legal basis requires' },
  'webhook-target-refused': { status: 400, title: 'The webhook URL points at a loopback, private or link-local address' },
  'invalid-cursor': { status: 400, title: 'The paging cursor is not valid' },
  'marking-invalid': { status: 400, title: 'The marking is not valid: its distribution is wider than its TLP allows, or it names a group it may not' },
  'login-failed': { status: 401, title: 'The e-mail address or password is wrong' },
  'account-locked': { status: 423, title: 'The account is locked after repeated failed sign-ins; try again later or ask an admin' },
  'sso-failed': { status: 401, title: 'The single sign-on could not be completed: its state, code or tokens did not verify' },
  'sso-unknown-user': { status: 403, title: 'The single sign-on provider vouched for a person this node does not know' },
  'sso-not-configured': { status: 404, title: 'Single sign-on is not configured on this node' },
  'csrf-failed': { status: 403, title: 'A cookie-authenticated write needs the x-csrf-token header of its session' },
  'key-scope': { status: 403, title: 'This API key may only query the check API' },
  'auth-required': { status: 401, title: 'This endpoint needs an API key: Authorization: Bearer KEY' },
  'invalid-key': { status: 401, title: 'The API key is not valid or has been revoked' },
  forbidden: { status: 403, title: 'Your role does not allow this' },
  'challenge-failed': { status: 403, title: 'The proof-of-work challenge is missing, wrong, expired or already used' },
  'not-found': { status: 404, title: 'No such object' },
  'route-not-found': { status: 404, title: 'No such endpoint' },
  'method-not-allowed': { status: 405, title: 'The endpoint does not accept this method' },
  'not-acceptable': { status: 406, title: 'The endpoint cannot answer in a media type the Accept header allows' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  'invalid-transition': { status: 409, title: 'The object cannot move to that state from the state it is in' },
  'body-too-large': { status: 413, title: 'The request body is too large' },
  'batch-too-large': { status: 413, title: 'The batch has too many items' },
  'unsupported-media-type': { status: 415, title: 'The request body must be application/json' },
  'rate-limited': { status: 429, title: 'Too many requests; slow down' },
  internal: { status: 500, title: 'Something went wrong on our side' },
  unavailable: { status: 503, title: 'The node cannot serve right now' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ProblemCode = keyof typeof PROBLEMS;

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  code: ProblemCode;
  detail?: string;
  instance?: string;
  [extension: string]: unknown;
}

export function problemType(code: ProblemCode): string {
  return `urn:fraudx:problem:${code}`;
}

/** Thrown by services; the server turns it into a problem document. */
export class ProblemError extends Error {
  readonly code: ProblemCode;
  readonly status: number;
  readonly extensions: Record<string, unknown>;

  constructor(code: ProblemCode, detail?: string, extensions: Record<string, unknown> = {}) {
    super(detail ?? PROBLEMS[code].title);
    this.name = 'ProblemError';
    this.code = code;
    this.status = PROBLEMS[code].status;
    this.extensions = extensions;
  }

  toDocument(instance?: string): ProblemDocument {
    return {
      type: problemType(this.code),
      title: PROBLEMS[this.code].title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}
