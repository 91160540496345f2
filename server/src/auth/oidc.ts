import { createHash } from 'node:crypto';

import * as oidc from 'openid-client';

import type { StoredOidcSettings } from '../storage/sso-repo.js';

/** Discovery documents change rarely; each instance re-reads them this often (and after a failure). */
const DISCOVERY_TTL_MS = 60 * 60_000;
const TIMEOUT_SECONDS = 10;

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * The OpenID Connect relying party: issuer discovery, the authorization request (code flow with
 * PKCE S256, state and nonce), and the code exchange with every check openid-client makes (issuer,
 * audience, signature, nonce, `iss` in the response where the provider advertises it).
 */
export class OidcRelyingParty {
  private readonly cache = new Map<string, { config: Promise<oidc.Configuration>; at: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  private configuration(s: StoredOidcSettings): Promise<oidc.Configuration> {
    const key = createHash('sha256').update(JSON.stringify([s.issuer, s.clientId, s.clientSecret])).digest('hex');
    const hit = this.cache.get(key);
    if (hit !== undefined && this.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
    const issuer = new URL(s.issuer);
    const config = oidc.discovery(issuer, s.clientId, s.clientSecret ?? undefined, s.clientSecret === null ? oidc.None() : oidc.ClientSecretPost(s.clientSecret), {
      timeout: TIMEOUT_SECONDS,
      // Plain http only for a provider on this machine (tests, a local Keycloak); settings refuse it otherwise.
      ...(issuer.protocol === 'http:' && isLoopback(issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    });
    this.cache.set(key, { config, at: this.now() });
    config.catch(() => this.cache.delete(key));
    return config;
  }

  /** Where to send the browser, and the secrets to keep until it comes back. */
  async start(s: StoredOidcSettings, redirectUri: string): Promise<{ url: URL; state: string; nonce: string; codeVerifier: string }> {
    const config = await this.configuration(s);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: s.scopes,
      response_type: 'code',
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /** Exchanges the code and returns the ID token's claims merged with the userinfo answer. */
  async finish(s: StoredOidcSettings, callbackUrl: URL, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>> {
    const config = await this.configuration(s);
    const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, { pkceCodeVerifier: checks.codeVerifier, expectedState: checks.state, expectedNonce: checks.nonce, idTokenExpected: true });
    const claims = tokens.claims();
    if (claims === undefined) throw new Error('the provider returned no ID token');
    // Many providers (Okta, Keycloak without a mapper, Google) put profile and group claims only in userinfo.
    const userinfo = config.serverMetadata().userinfo_endpoint === undefined ? {} : await oidc.fetchUserInfo(config, tokens.access_token, claims.sub);
    return { ...userinfo, ...claims };
  }
}

/** The groups in a claim: an array of names, or one name; anything else is no groups. */
export function groupsOf(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string').slice(0, 500);
  return [];
}
