import { MeResponseSchema } from '@deskside/shared';
import { describe, expect, it, vi } from 'vitest';

import { ApiRequestError } from '../../console/src/api/api-error.js';
import { HttpClient, queryString } from '../../console/src/api/http-client.js';
import { me } from './fixtures.js';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('HttpClient', () => {
  it('parses answers with the shared schema and sends the CSRF header and JSON body', async () => {
    const fetchImpl = vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => json(200, me()));
    const client = new HttpClient('', fetchImpl);
    const result = await client.request('/api/v1/console/login', { method: 'POST', body: { username: 'a', password: 'b' }, schema: MeResponseSchema });
    expect(result.technician.username).toBe('ada');
    const init = fetchImpl.mock.calls[0]![1] as RequestInit;
    expect(init.headers).toMatchObject({ 'x-deskside-console': '1', 'content-type': 'application/json' });
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"username":"a","password":"b"}');
  });

  it('turns the shared error shape into a typed error and tells listeners about 401', async () => {
    const client = new HttpClient('', async () => json(401, { error: { code: 'unauthorized', message: 'session expired' } }));
    const listener = vi.fn();
    client.onUnauthorized(listener);
    const err = await client.request('/x', { schema: MeResponseSchema }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiRequestError);
    expect(err).toMatchObject({ status: 401, code: 'unauthorized', message: 'session expired' });
    expect(listener).toHaveBeenCalledOnce();
  });

  it('reports a response that does not match the contract instead of passing it on', async () => {
    const client = new HttpClient('', async () => json(200, { technician: { id: 'nope' } }));
    await expect(client.request('/api/v1/console/me', { schema: MeResponseSchema })).rejects.toMatchObject({ code: 'bad_response' });
  });

  it('reports network failures and non-JSON error pages clearly', async () => {
    const offline = new HttpClient('', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(offline.request('/x', { schema: MeResponseSchema })).rejects.toMatchObject({ code: 'network', status: 0 });
    const proxyPage = new HttpClient('', async () => new Response('<html>Bad gateway</html>', { status: 502, headers: { 'content-type': 'text/html' } }));
    await expect(proxyPage.request('/x', { schema: MeResponseSchema })).rejects.toMatchObject({ code: 'internal', status: 502 });
  });

  it('builds query strings without empty values', () => {
    expect(queryString({ q: 'a b&c', page: 2, empty: '', none: undefined, nil: null, list: ['x', 'y'] })).toBe('?q=a+b%26c&page=2&list=x&list=y');
    expect(queryString({})).toBe('');
  });
});
