import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/modules/users/users.service.js';
import { DIALECTS } from '../support/databases.js';
import type { TestNode } from '../support/node.js';
import { type Account, startNodeWithProvider, type TestProvider } from '../support/oidc-provider.js';

/** Cookies per host, as a browser keeps them (paths ignored: each host's cookies have distinct names). */
class CookieJar {
  private readonly jar = new Map<string, Map<string, string>>();
  header(url: string): string {
    return [...(this.jar.get(new URL(url).host) ?? new Map<string, string>())].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  store(url: string, setCookies: string[]): void {
    const host = new URL(url).host;
    const cookies = this.jar.get(host) ?? new Map<string, string>();
    this.jar.set(host, cookies);
    for (const line of setCookies) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=Thu, 01 Jan 1970/i.test(a));
      if (gone) cookies.delete(name);
      else cookies.set(name, pair.slice(eq + 1).trim());
    }
  }
  get(url: string, name: string): string | undefined {
    return this.jar.get(new URL(url).host)?.get(name);
  }
}

interface Outcome {
  status: number;
  location?: string;
  body: string;
}

/**
 * A browser: follows redirects and fills in the provider's login and consent forms as `login`,
 * until fraudx sends it into the web app or answers with an error. `rewrite` may change a URL
 * before it is visited (to play an attacker).
 */
async function browse(jar: CookieJar, start: string, nodeUrl: string, login: string, rewrite: (url: URL) => URL = (u) => u): Promise<Outcome> {
  let url = start;
  let init: RequestInit = {};
  for (let step = 0; step < 20; step++) {
    const target = rewrite(new URL(url)).href;
    const res = await fetch(target, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header(target) } });
    jar.store(target, res.headers.getSetCookie());
    const body = await res.text();
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      const next = new URL(location, target);
      if (next.origin === nodeUrl && !next.pathname.startsWith('/api/v1/auth/oidc/')) return { status: res.status, location: next.pathname + next.search, body };
      url = next.href;
      init = {};
      continue;
    }
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(body);
    if (res.status !== 200 || !form || new URL(target).origin === nodeUrl) return { status: res.status, body };
    const fields = new URLSearchParams();
    for (const input of body.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(input[1], input[2]);
    if (fields.get('prompt') === 'login') {
      fields.set('login', login);
      fields.set('password', 'any password: the provider checks nothing');
    }
    url = new URL(form[1], target).href;
    init = { method: 'POST', body: fields.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many steps');
}

describe.each(DIALECTS)('OpenID Connect single sign-on on %s', (dialect) => {
  let node: TestNode;
  let provider: TestProvider;
  let bank: { orgId: string; key: string };
  const accounts = new Map<string, Account>();

  async function session(jar: CookieJar) {
    const cookie = jar.get(node.url, 'fraudx_session');
    return node.request('GET', '/api/v1/auth/session', { key: null, headers: cookie ? { cookie: `fraudx_session=${cookie}` } : {} });
  }

  beforeAll(async () => {
    ({ node, provider } = await startNodeWithProvider(dialect, accounts));
    bank = await node.orgWithKey('Andaman Bank', 'TH', 'admin');
    await createUser(node.ctx, 'system', { email: 'analyst@andaman.test', name: 'An Analyst', role: 'analyst', orgId: bank.orgId });
    accounts.set('idp-analyst', { email: 'analyst@andaman.test', email_verified: true, name: 'An Analyst' });
    accounts.set('idp-stranger', { email: 'stranger@elsewhere.test', email_verified: true, fraudx_org: bank.orgId, fraudx_role: 'admin' });
    accounts.set('idp-unverified', { email: 'analyst@andaman.test', email_verified: false });
  }, 60_000);
  afterAll(async () => {
    await node?.close();
    await provider?.close();
  });

  it('tells the web app that single sign-on is on', async () => {
    expect((await node.request('GET', '/api/v1/auth/options', { key: null })).body).toEqual({ password: true, sso: true });
  });

  it('signs a pre-provisioned person in through the provider, with the session cookie a password sign-in makes, and audits it', async () => {
    const jar = new CookieJar();
    const start = await fetch(`${node.url}/api/v1/auth/oidc/login?next=/reports`, { redirect: 'manual' });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(authorize.origin).toBe(provider.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('fraudx_oidc='))!;
    expect(flowCookie).toMatch(/HttpOnly; SameSite=Lax/);
    jar.store(node.url, start.headers.getSetCookie());

    const done = await browse(jar, authorize.href, node.url, 'idp-analyst');
    expect(done).toMatchObject({ status: 302, location: '/reports' });
    expect(jar.get(node.url, 'fraudx_oidc')).toBeUndefined();
    const me = await session(jar);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ email: 'analyst@andaman.test', role: 'analyst', orgId: bank.orgId });
    expect(me.body.csrfToken).toEqual(expect.any(String));

    const log = await node.request('GET', `/api/v1/audit?action=auth.login&targetId=${me.body.user.id}`);
    expect(log.status).toBe(200);
    expect(log.body.items.map((e: { details: unknown }) => e.details)).toContainEqual({ method: 'oidc' });
  });

  it('refuses a person the node does not know, without making a user', async () => {
    const jar = new CookieJar();
    const done = await browse(jar, `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-stranger');
    expect(done.status).toBe(403);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'sso-unknown-user' });
    expect(jar.get(node.url, 'fraudx_session')).toBeUndefined();
    expect(await node.ctx.storage.db.selectFrom('users').select('id').where('email', '=', 'stranger@elsewhere.test').executeTakeFirst()).toBeUndefined();
  });

  it('does not match a user by an e-mail address the provider has not verified', async () => {
    const done = await browse(new CookieJar(), `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-unverified');
    expect(done.status).toBe(403);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'sso-unknown-user' });
  });

  it('refuses a callback whose state is not the one its login started', async () => {
    const jar = new CookieJar();
    const forged = (url: URL) => {
      if (url.pathname === '/api/v1/auth/oidc/callback') url.searchParams.set('state', 'a-state-an-attacker-chose');
      return url;
    };
    const done = await browse(jar, `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-analyst', forged);
    expect(done.status).toBe(401);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'sso-failed' });
    expect(jar.get(node.url, 'fraudx_session')).toBeUndefined();
  });

  it('refuses a callback that arrives without the flow cookie of its login', async () => {
    const jar = new CookieJar();
    const dropFlow = (url: URL) => {
      if (url.pathname === '/api/v1/auth/oidc/callback') jar.store(url.href, ['fraudx_oidc=; Max-Age=0']);
      return url;
    };
    const done = await browse(jar, `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-analyst', dropFlow);
    expect(done.status).toBe(401);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'sso-failed' });
  });
});

describe.each(DIALECTS)('OpenID Connect provisioning on %s', (dialect) => {
  let node: TestNode;
  let provider: TestProvider;
  let bank: { orgId: string; key: string };
  const accounts = new Map<string, Account>();

  beforeAll(async () => {
    ({ node, provider } = await startNodeWithProvider(dialect, accounts, { FRAUDX_OIDC_PROVISION: 'true' }));
    bank = await node.orgWithKey('Mekong Bank', 'TH', 'admin');
    accounts.set('idp-new-intake', { email: 'New.Intake@Mekong.test', email_verified: true, name: 'New Intake', fraudx_org: bank.orgId, fraudx_role: 'intake' });
    accounts.set('idp-no-org', { email: 'nobody@nowhere.test', email_verified: true, fraudx_org: 'no-such-org', fraudx_role: 'analyst' });
  }, 60_000);
  afterAll(async () => {
    await node?.close();
    await provider?.close();
  });

  it('makes a user in the organisation and role the claims name, and signs them in', async () => {
    const jar = new CookieJar();
    const done = await browse(jar, `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-new-intake');
    expect(done).toMatchObject({ status: 302, location: '/' });
    const cookie = jar.get(node.url, 'fraudx_session')!;
    const me = await node.request('GET', '/api/v1/auth/session', { key: null, headers: { cookie: `fraudx_session=${cookie}` } });
    expect(me.body.user).toMatchObject({ email: 'new.intake@mekong.test', name: 'New Intake', role: 'intake', orgId: bank.orgId });
    const users = await node.request('GET', '/api/v1/users', { key: bank.key });
    expect(users.body.items.map((u: { email: string }) => u.email)).toEqual(['new.intake@mekong.test']);
  });

  it('still refuses a person whose claims name no organisation of this node', async () => {
    const done = await browse(new CookieJar(), `${node.url}/api/v1/auth/oidc/login`, node.url, 'idp-no-org');
    expect(done.status).toBe(403);
    expect(JSON.parse(done.body)).toMatchObject({ code: 'sso-unknown-user' });
  });
});
