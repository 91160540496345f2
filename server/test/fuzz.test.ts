import { gzipSync } from 'node:zlib';

import { AGENT_API_BASE, CONSOLE_API_BASE } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { DATABASES, createHarness, enroll, fileTicket, json, multipart, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { fullInventory } from './helpers/inventory.js';
import { documentedRoutes, type RouteInfo } from './helpers/routes.js';

/** Small deterministic PRNG (mulberry32): the same seed replays the same run when one fails. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY_STRINGS = ['', ' ', '\u0000', '\\u0000', 'null', '{}', '__proto__', 'constructor', "'; drop table devices; --", '%00', '%', '_', '\ud800', '😀'.repeat(100), 'a'.repeat(70_000), '../../etc/passwd', '<script>alert(1)</script>'];

function randomValue(r: () => number, depth = 0): unknown {
  const pick = Math.floor(r() * (depth > 3 ? 6 : 9));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, -1e308, 2 ** 53 + 1, 0.5, 1e-300][Math.floor(r() * 7)];
    case 3:
    case 4:
      return NASTY_STRINGS[Math.floor(r() * NASTY_STRINGS.length)];
    case 5:
      return new Date(Math.floor(r() * 4e12)).toISOString();
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
    default: {
      const keys = ['id', 'uploadId', 'document', 'kind', 'sections', 'status', 'body', 'username', 'password', 'enrollSecret', 'device', 'agentVersion', 'hostname', 'ticketCursor', 'visibility', 'assigneeId', 'priorityOverride', 'label', '__proto__', 'constructor'];
      const o: Record<string, unknown> = {};
      for (let i = 0; i < Math.floor(r() * 5); i++) o[keys[Math.floor(r() * keys.length)] ?? 'x'] = randomValue(r, depth + 1);
      return o;
    }
  }
}

/** Valid documents with one field broken: the shapes a buggy agent really sends. */
function mutate(r: () => number, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return r() < 0.3 ? randomValue(r, 3) : value;
  if (Array.isArray(value)) return value.map((v) => (r() < 0.1 ? randomValue(r, 3) : mutate(r, v, depth + 1)));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const roll = r();
    if (roll < 0.05) continue;
    out[k] = roll < 0.15 ? randomValue(r, 3) : mutate(r, v, depth + 1);
  }
  if (r() < 0.1) out.unexpected = 'field';
  return out;
}

describe.each(DATABASES)('fuzz: malformed input over every route on %s', (kind) => {
  let h: Harness;
  let device: EnrolledDevice;
  let admin: Session;
  let ticketId: string;
  const statuses = new Map<number, number>();

  beforeAll(async () => {
    h = await createHarness(kind);
    device = await enroll(h);
    admin = await technician(h, 'root', 'admin');
    const t = ticketSubmission();
    await fileTicket(h, device, t);
    ticketId = t.id;
  });
  afterAll(async () => {
    console.log(`fuzz status histogram: ${JSON.stringify(Object.fromEntries([...statuses].sort((x, y) => x[0] - y[0])))}`);
    await h.close();
  });

  const headersFor = (r: RouteInfo): Record<string, string> =>
    r.url.startsWith(AGENT_API_BASE) ? { ...device.auth } : r.url.startsWith(CONSOLE_API_BASE) ? { ...admin.headers, 'x-deskside-console': '1' } : {};

  async function hit(r: RouteInfo, init: { url?: string; payload?: string | Buffer; headers?: Record<string, string> }): Promise<void> {
    const res = await h.app.inject({ method: r.method, url: init.url ?? r.url, headers: { ...headersFor(r), ...init.headers }, ...(init.payload === undefined ? {} : { payload: init.payload }) });
    statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    expect(res.statusCode, `${r.method} ${init.url ?? r.url} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
    if (res.statusCode >= 400) {
      const body = json(res) as { error?: { code?: string; message?: string } };
      expect(typeof body.error?.code).toBe('string');
      expect(res.body).not.toMatch(/at .*\.(ts|js):\d+|SQLITE_|syntax error|relation "/i);
    }
  }

  it('never answers 5xx and always uses the error shape', { timeout: 120_000 }, async () => {
    const r = rng(20261101);
    const routes = documentedRoutes(h.app, { id: ticketId });
    expect(routes.length).toBeGreaterThan(20);
    const validDocs: unknown[] = [{ uploadId: '7f1c0f5e-1c1a-4b7e-9a59-1c1f0e5d1a11', document: fullInventory() }, ticketSubmission(), { username: 'root', password: 'x' }];
    for (const route of routes) {
      if (route.url.endsWith('/logout')) continue;
      const json = { 'content-type': 'application/json' };
      const bodies: (string | Buffer)[] = ['', 'null', '[]', '{}', '{"a":', '"text"', '12', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', `{"a":${'['.repeat(5000)}${']'.repeat(5000)}}`];
      for (let i = 0; i < 25; i++) bodies.push(JSON.stringify(randomValue(r)));
      for (let i = 0; i < 10; i++) bodies.push(JSON.stringify(mutate(r, validDocs[i % validDocs.length])));
      if (route.method !== 'GET') {
        for (const payload of bodies) await hit(route, { payload, headers: json });
        await hit(route, { payload: 'plain text', headers: { 'content-type': 'text/plain' } });
        await hit(route, { payload: '{}', headers: { ...json, 'content-encoding': 'gzip' } });
        await hit(route, { payload: gzipSync('{"x":'), headers: { ...json, 'content-encoding': 'gzip' } });
        await hit(route, { payload: '--x\r\nbroken', headers: { 'content-type': 'multipart/form-data; boundary=x' } });
        const mp = multipart([{ name: 'ticket', value: JSON.stringify(mutate(r, ticketSubmission())) }, { name: 'file', value: Buffer.alloc(10), filename: '../../x' }]);
        await hit(route, { payload: mp.body, headers: { 'content-type': mp.contentType } });
      }
      const queries = ['?page=0', '?page=-1', '?pageSize=99999', '?page=abc', '?sort=nope', '?q=%00', '?q=%25%5F%5C', `?q=${'x'.repeat(5000)}`, '?status=new,,open', '?assignee=nobody', '?since=yesterday', '?seenBefore=2026-13-45', '?maxFreeDiskPercent=NaN', '?days=0', '?a=1&a=2', '?page=1e3'];
      for (const q of queries) await hit(route, { url: `${route.url}${q}` });
      for (const bad of ['not-a-uuid', '..%2F..%2Fetc', '%00', 'x'.repeat(300)]) {
        if (route.template.includes('{')) await hit(route, { url: route.template.replace(/\{\w+\}/g, bad) });
      }
    }
    // The app still serves real traffic after all that.
    const health = await h.app.inject({ method: 'GET', url: '/readyz' });
    expect(health.statusCode).toBe(200);
  });
});
