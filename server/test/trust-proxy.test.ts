import { CONSOLE_API_BASE } from '@deskside/shared';
import { afterEach, describe, expect, it } from 'vitest';

import { resolveConfig } from '../src/config.js';
import { parseTrustProxy } from '../src/http/trust-proxy.js';
import { createHarness, type Harness } from './helpers/harness.js';

describe('DESKSIDE_TRUST_PROXY', () => {
  it('reads a hop count or a list of proxy addresses, never "trust everyone"', () => {
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('0')).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('true')).toBe(1);
    expect(parseTrustProxy('2')).toBe(2);
    expect(parseTrustProxy('127.0.0.1, 10.0.0.0/8,::1')).toEqual(['127.0.0.1', '10.0.0.0/8', '::1']);
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/DESKSIDE_TRUST_PROXY/);
    expect(() => parseTrustProxy('everyone')).toThrow(/DESKSIDE_TRUST_PROXY/);
    expect(resolveConfig({}, { DESKSIDE_TRUST_PROXY: '1' }).trustProxy).toBe(1);
  });
});

describe('client address behind a proxy', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Sign-in failures are audited with the client address: read back which one the server believed. */
  const seenAddress = async (headers: Record<string, string>, remoteAddress = '127.0.0.1'): Promise<string | null> => {
    await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, remoteAddress, headers, payload: { username: 'nobody', password: 'whatever it is' } });
    const row = await h.store.db.selectFrom('audit_log').select('ip').orderBy('at', 'desc').limit(1).executeTakeFirst();
    return row?.ip ?? null;
  };

  it('with one trusted hop, a client cannot choose its address by sending its own X-Forwarded-For', async () => {
    h = await createHarness('sqlite', { trustProxy: parseTrustProxy('1') });
    // nginx appends the address it saw: the client's forged entry stays on the left.
    expect(await seenAddress({ 'x-forwarded-for': '198.51.100.7, 203.0.113.5' })).toBe('203.0.113.5');
    expect(await seenAddress({ 'x-forwarded-for': '203.0.113.5' })).toBe('203.0.113.5');
  });

  it('with a list of proxies, only what they forwarded is believed', async () => {
    h = await createHarness('sqlite', { trustProxy: parseTrustProxy('10.0.0.2') });
    expect(await seenAddress({ 'x-forwarded-for': '198.51.100.7, 203.0.113.5' }, '10.0.0.2')).toBe('203.0.113.5');
    // Not from the proxy: the header is ignored.
    expect(await seenAddress({ 'x-forwarded-for': '198.51.100.7' }, '192.0.2.1')).toBe('192.0.2.1');
  });
});
