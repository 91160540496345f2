import { CONSOLE_API_BASE } from '@deskside/shared';

import { ConsoleClient } from '../../console/src/api/console-client.js';
import { HttpClient } from '../../console/src/api/http-client.js';

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Record<string, string>;
  readonly body: unknown;
}

export type Handler = (req: RecordedRequest, match: RegExpMatchArray) => { status?: number; body?: unknown } | undefined;

interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handler: Handler;
}

/**
 * A stand-in for the server's technician API at the fetch boundary: the console's real client, schemas
 * and error handling run unchanged. Unknown routes answer 404 in the shared error shape.
 */
export class FakeApi {
  readonly requests: RecordedRequest[] = [];
  private readonly routes: Route[] = [];

  on(method: string, path: string | RegExp, handler: Handler | { status?: number; body?: unknown }): this {
    const pattern = typeof path === 'string' ? new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) : path;
    this.routes.unshift({ method, pattern, handler: typeof handler === 'function' ? handler : () => handler });
    return this;
  }

  readonly fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(String(input), 'http://127.0.0.1');
    const path = url.pathname.startsWith(CONSOLE_API_BASE) ? url.pathname.slice(CONSOLE_API_BASE.length) : url.pathname;
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((v, k) => (headers[k] = v));
    const req: RecordedRequest = {
      method: init?.method ?? 'GET',
      path,
      query: url.searchParams,
      headers,
      body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
    };
    this.requests.push(req);
    for (const route of this.routes) {
      const match = route.method === req.method ? path.match(route.pattern) : null;
      if (!match) continue;
      const result = route.handler(req, match);
      if (result === undefined) continue;
      const status = result.status ?? 200;
      return new Response(status === 204 ? null : JSON.stringify(result.body ?? {}), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(JSON.stringify({ error: { code: 'not_found', message: `no route ${req.method} ${path}` } }), {
      status: 404,
      headers: { 'content-type': 'application/json' },
    });
  };

  client(): ConsoleClient {
    return new ConsoleClient(new HttpClient('', this.fetch));
  }

  last(method: string, path: string | RegExp): RecordedRequest | undefined {
    return [...this.requests].reverse().find((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }
}
