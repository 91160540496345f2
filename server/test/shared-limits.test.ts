import { join } from 'node:path';

import { AGENT_API_BASE, CONSOLE_API_BASE } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildApp } from '../src/app.js';
import { FsBlobStore } from '../src/attachments/fs-blob-store.js';
import type { RateLimits } from '../src/config.js';
import { DATABASES, createHarness, json, newSecret, type Harness } from './helpers/harness.js';

const LIMITS: RateLimits = { enrollPerMinute: 2, loginPerMinute: 2 };

// Two instances behind one load balancer: two apps, each with its own plugins and memory, on one database.
describe.each(DATABASES)('limits shared by all instances on %s', (kind) => {
  let h: Harness;
  let other: FastifyInstance;
  beforeEach(async () => {
    h = await createHarness(kind, { rateLimits: LIMITS });
    other = await buildApp({ store: h.store, blobs: new FsBlobStore(join(h.dataDir, 'attachments')), rateLimits: LIMITS, logger: false });
    await other.ready();
  });
  afterEach(async () => {
    await other.close();
    await h.close();
  });

  const enroll = async (app: FastifyInstance, secret: string, from = '127.0.0.1') =>
    app.inject({
      method: 'POST',
      url: `${AGENT_API_BASE}/enroll`,
      remoteAddress: from,
      payload: { enrollSecret: secret, device: { hostname: 'x', hardwareUuid: null, serial: null, macs: [] }, platform: 'linux', osName: null, agentVersion: '1' },
    });

  it('counts enrollments per client across instances, not per instance', async () => {
    const secret = await newSecret(h);
    const codes: number[] = [];
    for (const app of [h.app, other, h.app, other]) codes.push((await enroll(app, secret)).statusCode);
    expect(codes).toEqual([200, 200, 429, 429]);
    const refused = await enroll(other, secret);
    expect(json(refused)).toMatchObject({ error: { code: 'rate_limited' } });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Another client has its own count; the window ends for everyone after a minute.
    expect((await enroll(h.app, secret, '127.0.0.2')).statusCode).toBe(200);
    h.advance(61_000);
    expect((await enroll(other, secret)).statusCode).toBe(200);
  });

  it('counts console sign-ins per client across instances', async () => {
    const codes: number[] = [];
    for (const app of [other, h.app, other]) {
      codes.push((await app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, payload: { username: 'nobody', password: 'wrong password here' } })).statusCode);
    }
    expect(codes).toEqual([401, 401, 429]);
  });

  it('keeps each route its own count', async () => {
    const secret = await newSecret(h);
    for (const app of [h.app, other]) expect((await enroll(app, secret)).statusCode).toBe(200);
    // The enrollment budget is spent; the challenge route (same limit) still answers.
    expect((await h.app.inject({ method: 'POST', url: `${AGENT_API_BASE}/challenge` })).statusCode).toBe(200);
  });
});
