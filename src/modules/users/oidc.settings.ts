import { isRole, type Role } from '../policy/roles.js';

/** Single sign-on through an OpenID Connect provider; absent when FRAUDX_OIDC_ISSUER is not set. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Left out: a public client, which PKCE alone protects. */
  clientSecret?: string;
  redirectUri: string;
  scopes: string;
  /** The claim holding the organisation id of a person signing in for the first time. */
  orgClaim: string;
  /** The claim holding their role; missing or unknown values fall back to `defaultRole`. */
  roleClaim: string;
  defaultRole: Role;
  /** Make users for people the node does not know yet, from the claims; otherwise refuse them. */
  provision: boolean;
}

export function oidcSettings(env: NodeJS.ProcessEnv): OidcSettings | undefined {
  const issuer = env.FRAUDX_OIDC_ISSUER;
  if (!issuer) return undefined;
  const clientId = env.FRAUDX_OIDC_CLIENT_ID;
  const redirectUri = env.FRAUDX_OIDC_REDIRECT_URI;
  if (!clientId || !redirectUri) throw new Error('FRAUDX_OIDC_ISSUER needs FRAUDX_OIDC_CLIENT_ID and FRAUDX_OIDC_REDIRECT_URI as well');
  const defaultRole = env.FRAUDX_OIDC_DEFAULT_ROLE ?? 'viewer';
  if (!isRole(defaultRole) || defaultRole === 'machine') throw new Error(`FRAUDX_OIDC_DEFAULT_ROLE must be a person's role, not ${defaultRole}`);
  for (const [name, value] of [['FRAUDX_OIDC_ISSUER', issuer], ['FRAUDX_OIDC_REDIRECT_URI', redirectUri]] as const) {
    if (!URL.canParse(value)) throw new Error(`${name} must be an absolute URL`);
  }
  return {
    issuer,
    clientId,
    clientSecret: env.FRAUDX_OIDC_CLIENT_SECRET || undefined,
    redirectUri,
    scopes: env.FRAUDX_OIDC_SCOPES ?? 'openid email profile',
    orgClaim: env.FRAUDX_OIDC_ORG_CLAIM ?? 'fraudx_org',
    roleClaim: env.FRAUDX_OIDC_ROLE_CLAIM ?? 'fraudx_role',
    defaultRole,
    provision: env.FRAUDX_OIDC_PROVISION === 'true',
  };
}
