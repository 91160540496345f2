import { CONSOLE_API_BASE } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { DATABASES, PASSWORD, createHarness, json, technician, type Harness } from './helpers/harness.js';

const LOGIN = `${CONSOLE_API_BASE}/login`;

describe.each(DATABASES)('sign-in throttling on %s', { timeout: 120_000 }, (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
    await technician(h, 'root', 'admin');
  });
  afterEach(async () => {
    await h.close();
  });

  const signIn = (username: string, password: string, from: string) =>
    h.app.inject({ method: 'POST', url: LOGIN, remoteAddress: from, payload: { username, password } });
  const answer = async (username: string, password: string, from: string) => {
    const res = await signIn(username, password, from);
    return `${res.statusCode} ${(json(res) as { error?: { code: string } }).error?.code ?? 'ok'}`;
  };

  it('slows the guessing source, while the real user signs in from elsewhere; no lockout', async () => {
    for (let i = 0; i < 5; i++) expect(await answer('root', 'wrong password!', '203.0.113.9')).toBe('401 unauthorized');
    const refused = await signIn('root', PASSWORD, '203.0.113.9');
    expect(refused.statusCode).toBe(429);
    expect(json(refused)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // The admin at their own desk is not locked out by the guesser.
    expect(await answer('root', PASSWORD, '10.0.0.7')).toBe('200 ok');
    h.advance(16 * 60_000);
    expect(await answer('root', PASSWORD, '203.0.113.9')).toBe('200 ok');
  });

  it('answers unknown and known names alike (no 423 revealing which names exist)', async () => {
    const known: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i < 7; i++) known.push(await answer('root', 'wrong password!', '198.51.100.1'));
    for (let i = 0; i < 7; i++) unknown.push(await answer('nobody-here', 'wrong password!', '198.51.100.2'));
    expect(unknown).toEqual(known);
    expect(known).not.toContain('423 locked');
  });

  it('counts parallel guesses atomically: no more password checks than the limit', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, () => signIn('root', 'wrong password!', '192.0.2.50')));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 401)).toHaveLength(5);
    expect(codes.filter((c) => c === 429)).toHaveLength(15);
  });

  it('slows one source spraying many names', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 31; i++) codes.push((await signIn(`user${i}`, 'wrong password!', '192.0.2.77')).statusCode);
    expect(codes.slice(0, 30).every((c) => c === 401)).toBe(true);
    expect(codes[30]).toBe(429);
    expect(await answer('root', PASSWORD, '192.0.2.78')).toBe('200 ok');
  });
});
