import { CONSOLE_API_BASE } from '@deskside/shared';
import { afterEach, describe, expect, it } from 'vitest';

import { createHarness, technician, type Harness } from './helpers/harness.js';

describe('console writes check Origin', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const logout = (headers: Record<string, string>, cookie: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/logout`, headers: { ...cookie, host: 'deskside.test', 'content-type': 'application/json', ...headers }, payload: {} });

  it('refuses a write from another origin, accepts its own origin, the public URL and clients that send none', async () => {
    h = await createHarness('sqlite', { publicUrl: 'https://helpdesk.example.org/console' });
    const a = await technician(h, 'tina');
    const evil = await logout({ origin: 'https://evil.example' }, a.headers);
    expect(evil.statusCode).toBe(403);
    expect(JSON.parse(evil.body)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await logout({ origin: 'null' }, a.headers)).statusCode).toBe(403);
    expect((await logout({ origin: 'http://deskside.test' }, a.headers)).statusCode).toBe(200);
    const b = await technician(h, 'tom');
    expect((await logout({ origin: 'https://helpdesk.example.org' }, b.headers)).statusCode).toBe(200);
    const c = await technician(h, 'tess');
    expect((await logout({}, c.headers)).statusCode).toBe(200);
    // Sign-in is a console write too: no signing a victim into an attacker's account from elsewhere.
    const login = await h.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, headers: { origin: 'https://evil.example' }, payload: { username: 'tina', password: 'x' } });
    expect(login.statusCode).toBe(403);
  });
});
