import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AGENT_API_BASE } from '@deskside/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { buildApp } from '../src/app.js';
import { FsBlobStore } from '../src/attachments/fs-blob-store.js';
import { resolveConfig } from '../src/config.js';
import { bootstrapAdmin } from '../src/ops/bootstrap-admin.js';
import { startServer } from '../src/server.js';
import { migrate, openDatabase } from '../src/storage/database.js';
import { Store } from '../src/storage/store.js';
import { DATABASES, checkin, createHarness, enroll, json, type Harness } from './helpers/harness.js';

describe.each(DATABASES)('operations routes on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await createHarness(kind);
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers health, readiness and Prometheus metrics', async () => {
    expect(json(await h.app.inject({ method: 'GET', url: '/healthz' }))).toMatchObject({ status: 'ok' });
    expect((await h.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    const d = await enroll(h);
    await checkin(h, d);
    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(/^deskside_checkins_total 1$/m);
    expect(metrics.body).toMatch(/^deskside_devices 1$/m);
    expect(metrics.body).toContain('deskside_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('deskside_process_resident_memory_bytes');
  });

  it('publishes an OpenAPI document generated from the schemas', async () => {
    const doc = json(await h.app.inject({ method: 'GET', url: '/openapi.json' })) as { openapi: string; paths: Record<string, Record<string, { requestBody?: unknown }>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain(`${AGENT_API_BASE}/inventory`);
    expect(Object.keys(doc.paths)).toContain('/api/v1/console/tickets/{id}');
    expect(doc.paths[`${AGENT_API_BASE}/checkin`]?.post?.requestBody).toBeDefined();
    const op = (path: string, method: string) => (doc.paths[path] as Record<string, { tags?: string[]; security?: unknown[] }> | undefined)?.[method];
    expect(op(`${AGENT_API_BASE}/checkin`, 'post')).toMatchObject({ tags: ['device'], security: [{ device: [] }] });
    expect(op(`${AGENT_API_BASE}/enroll`, 'post')?.security).toEqual([]);
    expect(op('/api/v1/console/tickets', 'get')).toMatchObject({ tags: ['console'], security: [{ session: [] }, { apiToken: [] }] });
    expect(op('/api/v1/console/sso/oidc/callback', 'get')?.security).toEqual([]);
  });

  it('reports not ready once the database is gone', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'deskside-ready-'));
    const handle = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
    await migrate(handle);
    const app = await buildApp({ store: new Store(handle, Date.now), blobs: new FsBlobStore(dir) });
    await handle.close();
    const res = await app.inject({ method: 'GET', url: '/readyz' });
    expect(res.statusCode).toBe(503);
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });
});

describe('serving the console', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskside-console-'));
    await mkdir(join(dir, 'assets'));
    await writeFile(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
    await writeFile(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('serves files, falls back to index.html for deep links, keeps API 404s as JSON', async () => {
    const handle = openDatabase('sqlite::memory:');
    await migrate(handle);
    const app = await buildApp({ store: new Store(handle, Date.now), blobs: new FsBlobStore(dir), consoleDir: dir });
    const index = await app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('id="root"');
    expect(String(index.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.headers['cache-control']).toContain('immutable');
    const deep = await app.inject({ method: 'GET', url: '/tickets/42', headers: { accept: 'text/html' } });
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('id="root"');
    const api = await app.inject({ method: 'GET', url: '/api/v1/console/nope', headers: { accept: 'text/html' } });
    expect(api.statusCode).toBe(404);
    expect(json(api)).toMatchObject({ error: { code: 'not_found' } });
    await app.close();
    await handle.close();
  });
});

describe('starting the server', () => {
  it('migrates, bootstraps the admin from the environment, listens, prints the console URL and stops', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'deskside-start-'));
    const lines: string[] = [];
    const previous = process.env.DESKSIDE_ADMIN_PASSWORD;
    process.env.DESKSIDE_ADMIN_PASSWORD = 'a very long admin password';
    try {
      const config = { ...resolveConfig({ dataDir, port: 1, host: '127.0.0.1' }, {}), port: 0, logLevel: 'silent', consoleDir: null };
      const server = await startServer(config, (l) => lines.push(l));
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const res = await fetch(`${server.url}/healthz`);
      expect(res.status).toBe(200);
      await server.stop();
      expect(lines.join('\n')).toContain('Created administrator "admin"');
      expect(lines.join('\n')).toContain(`Console: not built (API only); build it to serve it at ${server.url}/`);
    } finally {
      if (previous === undefined) delete process.env.DESKSIDE_ADMIN_PASSWORD;
      else process.env.DESKSIDE_ADMIN_PASSWORD = previous;
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('tells how to create the first admin when there is none', async () => {
    const handle = openDatabase('sqlite::memory:');
    await migrate(handle);
    const store = new Store(handle, Date.now);
    const outcome = await bootstrapAdmin(store, {}, 'deskside-server');
    expect(outcome).toMatchObject({ kind: 'missing' });
    expect(outcome.kind === 'missing' && outcome.hint).toContain('admin create --username admin --password-stdin');
    expect(await bootstrapAdmin(store, { DESKSIDE_ADMIN_PASSWORD: 'short' }, 'x')).toMatchObject({ kind: 'invalid' });
    await handle.close();
  });
});

describe('the deskside-server command', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'deskside-cli-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('migrates, and creates, lists and revokes enrollment secrets without ever listing a value', async () => {
    const { buildProgram } = await import('../src/cli.js');
    const out: string[] = [];
    const log = console.log;
    const err = console.error;
    console.log = (...a: unknown[]) => void out.push(a.join(' '));
    console.error = () => undefined;
    try {
      await buildProgram().parseAsync(['node', 'deskside-server', 'migrate', '--data-dir', dataDir]);
      await buildProgram().parseAsync(['node', 'deskside-server', 'enroll-secret', 'create', '--label', 'Lyon', '--max-uses', '5', '--data-dir', dataDir]);
      const secret = out.at(-1) ?? '';
      expect(secret).toMatch(/^dse_[A-Za-z0-9_-]{43}$/);
      await buildProgram().parseAsync(['node', 'deskside-server', 'enroll-secret', 'list', '--json', '--data-dir', dataDir]);
      const listed = JSON.parse(out.at(-1) ?? '[]') as { id: string; label: string; state: string }[];
      expect(listed).toMatchObject([{ label: 'Lyon', state: 'active' }]);
      expect(out.at(-1)).not.toContain(secret);
      await buildProgram().parseAsync(['node', 'deskside-server', 'enroll-secret', 'revoke', listed[0]?.id ?? '', '--data-dir', dataDir]);
      expect(out.at(-1)).toContain('Revoked');
    } finally {
      console.log = log;
      console.error = err;
    }
  });
});
