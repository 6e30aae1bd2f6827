/**
 * The one way the app talks to the node. Every datum comes through the API, so the node's sharing
 * rules apply to every screen. Signed in with a password, the session cookie authenticates and
 * writes carry the CSRF token; signed in with an API key (development, machines), the key does.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly body: unknown,
  ) {
    super(message);
  }
}

const KEY_STORAGE = 'fraudx.apiKey';
export const SIGNED_OUT = 'fraudx:signed-out';
let csrfToken: string | null = null;

export const credentials = {
  setCsrf(token: string | null) {
    csrfToken = token;
  },
  apiKey(): string | null {
    return sessionStorage.getItem(KEY_STORAGE);
  },
  setApiKey(key: string | null) {
    if (key) sessionStorage.setItem(KEY_STORAGE, key);
    else sessionStorage.removeItem(KEY_STORAGE);
  },
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const key = credentials.apiKey();
  if (key) headers.authorization = `Bearer ${key}`;
  else if (csrfToken && method !== 'GET') headers['x-csrf-token'] = csrfToken;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const parsed: unknown = text ? safeJson(text) : undefined;
  if (!res.ok) {
    // An expired session or a revoked key: the app returns to the sign-in page.
    if (res.status === 401 && !path.startsWith('/api/v1/auth/')) window.dispatchEvent(new Event(SIGNED_OUT));
    const problem = (parsed ?? {}) as { code?: string; detail?: string; title?: string };
    throw new ApiError(res.status, problem.code ?? `http-${res.status}`, problem.detail ?? problem.title ?? res.statusText, parsed);
  }
  return parsed as T;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether an answer says the endpoint does not exist on this node (yet): screens degrade then. */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.code === 'route-not-found';
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body?: unknown) => api<T>('POST', path, body ?? {});

export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : '';
}

export const indicatorPath = (kind: string, canonical: string) => `/indicators/${encodeURIComponent(kind)}/${encodeURIComponent(canonical)}`;
