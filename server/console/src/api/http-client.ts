import { CONSOLE_CSRF_HEADER, CONSOLE_CSRF_VALUE } from '@deskside/shared';
import type { z } from 'zod';

import { ApiRequestError, errorFromBody } from './api-error.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestOptions<S extends z.ZodType> {
  readonly method?: HttpMethod;
  /** JSON, or FormData for file uploads. */
  readonly body?: unknown;
  readonly query?: Readonly<Record<string, string | number | boolean | null | undefined | readonly string[]>>;
  readonly schema: S;
  readonly signal?: AbortSignal;
}

export type UnauthorizedListener = () => void;

/**
 * The one way the console talks to the server. Sessions ride on an HttpOnly cookie; every response is
 * checked against its shared schema so a server/console mismatch shows up as a clear error, not a blank
 * page. A 401 on any call tells the session layer, which shows the sign-in page and keeps the route.
 */
export class HttpClient {
  private readonly listeners = new Set<UnauthorizedListener>();

  constructor(
    private readonly baseUrl: string = '',
    private readonly fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args),
  ) {}

  onUnauthorized(listener: UnauthorizedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async request<S extends z.ZodType>(path: string, options: RequestOptions<S>): Promise<z.infer<S>> {
    const method = options.method ?? 'GET';
    // The custom header is what a cross-site form cannot send: the server refuses writes without it.
    const headers: Record<string, string> = { accept: 'application/json', [CONSOLE_CSRF_HEADER]: CONSOLE_CSRF_VALUE };
    // Files go as multipart: the browser writes that content type with its boundary.
    const form = typeof FormData !== 'undefined' && options.body instanceof FormData ? options.body : null;
    if (options.body !== undefined && form === null) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path + queryString(options.query), {
        method,
        headers,
        credentials: 'same-origin',
        body: form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
        signal: options.signal,
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiRequestError(0, 'network', err instanceof Error ? err.message : String(err));
    }
    const body = await readBody(response);
    if (!response.ok) {
      const error = errorFromBody(response.status, body);
      if (response.status === 401) for (const listener of this.listeners) listener();
      throw error;
    }
    const parsed = options.schema.safeParse(response.status === 204 ? {} : body);
    if (!parsed.success) {
      throw new ApiRequestError(response.status, 'bad_response', `Unexpected response from ${path}`, parsed.error.issues.slice(0, 5));
    }
    return parsed.data;
  }
}

async function readBody(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return null;
  try {
    return await response.json();
  } catch {
    return null;
  }
}

export function queryString(query: RequestOptions<z.ZodType>['query']): string {
  if (query === undefined) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value as readonly string[]) params.append(key, v);
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s === '' ? '' : `?${s}`;
}
