import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import Provider from 'oidc-provider';

/** A person the test provider knows, with the claims it releases. */
export interface TestAccount {
  readonly sub: string;
  readonly preferred_username: string;
  readonly name: string;
  readonly email: string;
  readonly groups: readonly string[];
}

export interface TestOidcProvider {
  readonly issuer: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /**
   * Plays the browser at the provider: opens the authorization URL, signs in as `login` on the
   * provider's own login form, and returns the redirect back to Deskside (with code, state and iss).
   */
  authorize(authorizationUrl: string, login: string): Promise<URL>;
  close(): Promise<void>;
}

/**
 * A real OpenID provider (the `oidc-provider` package) on a loopback port: discovery, signed ID
 * tokens, PKCE, userinfo. Its development login form accepts any password for a known account;
 * consent is granted up front so each sign-in is one form.
 */
export async function startTestOidcProvider(accounts: readonly TestAccount[], redirectUri: string): Promise<TestOidcProvider> {
  const clientId = 'deskside';
  const clientSecret = 'deskside-test-client-secret-0123456789';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const byLogin = new Map(accounts.map((a) => [a.preferred_username, a]));
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_post' }],
    pkce: { required: () => true },
    scopes: ['openid', 'profile', 'email', 'groups'],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username'], email: ['email'], groups: ['groups'] },
    cookies: { keys: ['deskside-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = byLogin.get(id);
      if (account === undefined) return undefined;
      return { accountId: id, claims: async () => ({ ...account, groups: [...account.groups] }) };
    },
    // Consent granted up front for every scope asked: the test signs in, it does not click "allow".
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
      grant.addOIDCScope('openid profile email groups');
      await grant.save();
      return grant;
    },
  });
  server.on('request', provider.callback());

  const authorize = async (authorizationUrl: string, login: string): Promise<URL> => {
    const jar = new Map<string, string>();
    const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const remember = (res: Response) => {
      for (const c of res.headers.getSetCookie()) {
        const [pair] = c.split(';');
        const eq = pair!.indexOf('=');
        jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
      }
    };
    let url = new URL(authorizationUrl);
    let form: URLSearchParams | null = null;
    for (let hop = 0; hop < 12; hop += 1) {
      if (url.href.startsWith(redirectUri)) return url;
      const res = await fetch(url, {
        method: form === null ? 'GET' : 'POST',
        redirect: 'manual',
        headers: { cookie: cookieHeader(), ...(form === null ? {} : { 'content-type': 'application/x-www-form-urlencoded' }) },
        ...(form === null ? {} : { body: form.toString() }),
      });
      remember(res);
      form = null;
      const location = res.headers.get('location');
      if (location !== null) {
        url = new URL(location, url);
        continue;
      }
      const html = await res.text();
      if (res.status !== 200 || !html.includes('name="login"')) throw new Error(`unexpected page at the provider (${res.status}): ${html.slice(0, 300)}`);
      // The development login form: post the account name (any password) to the form's action.
      const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
      if (action === undefined) throw new Error('no form on the login page');
      form = new URLSearchParams({ prompt: 'login', login, password: 'any' });
      url = new URL(action, url);
    }
    throw new Error('too many redirects at the provider');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    authorize,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
