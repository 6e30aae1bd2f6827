import { describe, expect, it } from 'vitest';
import { oidcSettings } from './oidc.settings.js';

const BASE = { FRAUDX_OIDC_ISSUER: 'https://id.example.org', FRAUDX_OIDC_CLIENT_ID: 'fraudx', FRAUDX_OIDC_REDIRECT_URI: 'https://fraudx.example.org/api/v1/auth/oidc/callback' };

describe('oidcSettings', () => {
  it('is off without an issuer', () => {
    expect(oidcSettings({})).toBeUndefined();
  });

  it('reads the provider and the claim mapping, refusing unknown people by default', () => {
    expect(oidcSettings(BASE)).toEqual({
      issuer: 'https://id.example.org',
      clientId: 'fraudx',
      clientSecret: undefined,
      redirectUri: 'https://fraudx.example.org/api/v1/auth/oidc/callback',
      scopes: 'openid email profile',
      orgClaim: 'fraudx_org',
      roleClaim: 'fraudx_role',
      defaultRole: 'viewer',
      provision: false,
    });
    expect(oidcSettings({ ...BASE, FRAUDX_OIDC_PROVISION: 'true', FRAUDX_OIDC_DEFAULT_ROLE: 'intake' })).toMatchObject({ provision: true, defaultRole: 'intake' });
  });

  it('refuses a half configuration, a machine default role and addresses that are not URLs', () => {
    expect(() => oidcSettings({ FRAUDX_OIDC_ISSUER: BASE.FRAUDX_OIDC_ISSUER })).toThrow(/CLIENT_ID/);
    expect(() => oidcSettings({ ...BASE, FRAUDX_OIDC_DEFAULT_ROLE: 'machine' })).toThrow(/DEFAULT_ROLE/);
    expect(() => oidcSettings({ ...BASE, FRAUDX_OIDC_REDIRECT_URI: '/callback' })).toThrow(/REDIRECT_URI/);
  });
});
