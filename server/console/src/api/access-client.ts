import {
  ApiTokenCreatedSchema,
  ApiTokenListSchema,
  ApiTokenSchema,
  CONSOLE_API_BASE,
  SignInOptionsSchema,
  SignInSettingsViewSchema,
  type ApiTokenCreate,
  type SignInSettingsUpdate,
} from '@deskside/shared';

import type { HttpClient } from './http-client.js';

const enc = encodeURIComponent;

/** How scripts and people get in: API tokens (and, for administrators, sign-in settings). */
export class AccessClient {
  constructor(private readonly http: HttpClient) {}

  apiTokens(signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/api-tokens`, { schema: ApiTokenListSchema, signal });
  }
  createApiToken(body: ApiTokenCreate) {
    return this.http.request(`${CONSOLE_API_BASE}/api-tokens`, { method: 'POST', schema: ApiTokenCreatedSchema, body });
  }
  revokeApiToken(id: string) {
    return this.http.request(`${CONSOLE_API_BASE}/api-tokens/${enc(id)}/revoke`, { method: 'POST', schema: ApiTokenSchema });
  }

  /** What the sign-in page offers; answered without a session. */
  signInOptions(signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/sign-in/options`, { schema: SignInOptionsSchema, signal });
  }
  signInSettings(signal?: AbortSignal) {
    return this.http.request(`${CONSOLE_API_BASE}/settings/sign-in`, { schema: SignInSettingsViewSchema, signal });
  }
  saveSignInSettings(body: SignInSettingsUpdate) {
    return this.http.request(`${CONSOLE_API_BASE}/settings/sign-in`, { method: 'PUT', schema: SignInSettingsViewSchema, body });
  }
}
