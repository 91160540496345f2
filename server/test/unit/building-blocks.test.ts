import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { contentDisposition } from '../../src/attachments/attachment-http.js';
import { BlobTooLargeError } from '../../src/attachments/blob-store.js';
import { FsBlobStore } from '../../src/attachments/fs-blob-store.js';
import { hashPassword, verifyPassword } from '../../src/auth/passwords.js';
import { hashToken, looksLikeToken, newToken } from '../../src/auth/tokens.js';
import { resolveConfig } from '../../src/config.js';
import { runAllJobs } from '../../src/housekeeping/jobs.js';
import { replaceNulEscapes } from '../../src/http/json-body.js';
import { usableHardwareId } from '../../src/storage/devices-repo.js';
import { decodeCursor, encodeCursor } from '../../src/storage/tickets-repo.js';
import { createHarness, enroll, sha256 } from '../helpers/harness.js';
import { fullInventory, upload } from '../helpers/inventory.js';

describe('passwords and tokens', () => {
  it('hashes with scrypt, verifies, and refuses a wrong or mangled hash', async () => {
    const hash = await hashPassword('a long passphrase');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('a long passphrase', hash)).toBe(true);
    expect(await verifyPassword('a long passphrasE', hash)).toBe(false);
    expect(await verifyPassword('a long passphrase', 'scrypt$9999999999$8$1$x$y')).toBe(false);
    expect(await verifyPassword('a long passphrase', 'plain')).toBe(false);
  });

  it('issues prefixed 256-bit tokens and hashes them', () => {
    const t = newToken('device');
    expect(looksLikeToken('device', t)).toBe(true);
    expect(looksLikeToken('session', t)).toBe(false);
    expect(hashToken(t)).toMatch(/^[0-9a-f]{64}$/);
    expect(newToken('device')).not.toBe(t);
  });
});

describe('content-addressed blob store', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'deskside-blobs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('stores by SHA-256 once and reads back', async () => {
    const store = new FsBlobStore(dir);
    const bytes = Buffer.from('screenshot bytes');
    const a = await store.put(Readable.from([bytes]), 100);
    const b = await store.put(Readable.from([bytes]), 100);
    expect(a).toEqual({ sha256: sha256(bytes), size: bytes.length });
    expect(b).toEqual(a);
    const chunks: Buffer[] = [];
    for await (const c of (await store.open(a.sha256))!) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(bytes)).toBe(true);
    expect(await store.open('../../etc/passwd')).toBeNull();
  });

  it('refuses more than the cap and leaves nothing behind', async () => {
    const store = new FsBlobStore(dir);
    await expect(store.put(Readable.from([Buffer.alloc(101)]), 100)).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.has(sha256(Buffer.alloc(101)))).toBe(false);
  });
});

describe('small pure helpers', () => {
  it('replaces escaped NULs but not an escaped backslash followed by u0000', () => {
    expect(replaceNulEscapes('{"a":"x\\u0000y"}')).toBe('{"a":"x\\ufffdy"}');
    expect(replaceNulEscapes('{"a":"x\\\\u0000y"}')).toBe('{"a":"x\\\\u0000y"}');
    expect(JSON.parse(replaceNulEscapes('{"a":"\\\\\\u0000"}'))).toEqual({ a: '\\\ufffd' });
  });

  it('ignores placeholder hardware ids', () => {
    expect(usableHardwareId('03000200-0400-0500-0006-000700080009')).toBeNull();
    expect(usableHardwareId('  Not Specified ')).toBeNull();
    expect(usableHardwareId('FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF')).toBeNull();
    expect(usableHardwareId('4C4C4544-0042')).toBe('4C4C4544-0042');
  });

  it('round-trips ticket cursors and refuses forged ones', () => {
    expect(decodeCursor(encodeCursor(1234))).toBe(1234);
    expect(decodeCursor('t-5')).toBeNull();
    expect(decodeCursor('garbage')).toBeNull();
    expect(decodeCursor(null)).toBeNull();
  });

  it('builds a Content-Disposition that cannot break out of its quotes', () => {
    expect(contentDisposition('a"b;c\r\n.png')).toBe(`attachment; filename="a_b_c__.png"; filename*=UTF-8''a%22b%3Bc%0D%0A.png`);
    expect(contentDisposition('écran.png')).toContain("filename*=UTF-8''%C3%A9cran.png");
  });

  it('resolves configuration from flags over environment over defaults', () => {
    const c = resolveConfig({ port: '9000', dataDir: '/tmp/x' }, { DESKSIDE_PORT: '7000', DESKSIDE_HOST: '0.0.0.0', DESKSIDE_CONSOLE_DIR: '' });
    expect(c).toMatchObject({ port: 9000, host: '0.0.0.0', databaseUrl: 'sqlite:/tmp/x/deskside.db', consoleDir: null });
    expect(() => resolveConfig({ port: '70000' }, {})).toThrow(/port/);
    expect(resolveConfig({}, { DESKSIDE_DB: 'postgres://u:p@127.0.0.1/db' }).databaseUrl).toBe('postgres://u:p@127.0.0.1/db');
  });

  it('keeps attachments in the data folder unless a folder or an s3:// bucket is named', () => {
    expect(resolveConfig({ dataDir: '/tmp/x' }, {}).attachments).toBe('/tmp/x/attachments');
    expect(resolveConfig({ dataDir: '/tmp/x' }, { DESKSIDE_ATTACHMENTS: '/srv/files' }).attachments).toBe('/srv/files');
    expect(resolveConfig({ attachments: 's3://helpdesk/deskside' }, { DESKSIDE_ATTACHMENTS: '/srv/files' }).attachments).toBe('s3://helpdesk/deskside');
    expect(() => resolveConfig({ attachments: 's3://No_Such' }, {})).toThrow(/not a valid S3 bucket name/);
  });
});

describe('housekeeping', () => {
  it('forgets upload ids after 30 days and deletes ended sessions, nothing else', async () => {
    const h = await createHarness('sqlite');
    try {
      const d = await enroll(h);
      await h.app.inject({ method: 'PUT', url: '/api/v1/agent/inventory', headers: d.auth, payload: upload(fullInventory()) });
      await h.store.sessions.create((await h.store.technicians.create({ username: 'x1', displayName: 'X', password: 'a long password', role: 'technician' })).id, null);
      await h.store.kbUsage.recordSearch('device', 'printer', 0);
      expect(await runAllJobs({ store: h.store })).toMatchObject({ slaBreaches: 0, uploads: 0, sessions: 0, challenges: 0, history: 0, autoClosed: 0, kbSearches: 0, outboundJobs: 0, slaDueSoon: 0, flaggedStale: 0, autoRetired: 0, deletedDevices: 0 });
      h.advance(31 * 86_400_000);
      // The silent device is flagged (fleet rules: 30 days by default), never retired or deleted without a rule saying so.
      expect(await runAllJobs({ store: h.store })).toMatchObject({ slaBreaches: 0, uploads: 1, sessions: 1, challenges: 0, history: 0, autoClosed: 0, kbSearches: 0, outboundJobs: 0, slaDueSoon: 0, flaggedStale: 1, autoRetired: 0, deletedDevices: 0 });
      // Knowledge-base searches outlive the longest report period (a year), then go.
      h.advance(370 * 86_400_000);
      expect((await runAllJobs({ store: h.store })).kbSearches).toBe(1);
      expect(await h.store.inventory.latest(d.deviceId)).not.toBeNull();
    } finally {
      await h.close();
    }
  });
});

describe('stored inventories', () => {
  it('are written deflated and rows from before compression still read', async () => {
    const h = await createHarness('sqlite');
    try {
      const d = await enroll(h);
      await h.app.inject({ method: 'PUT', url: '/api/v1/agent/inventory', headers: d.auth, payload: upload(fullInventory()) });
      const row = await h.store.db.selectFrom('device_inventories').selectAll().where('device_id', '=', d.deviceId).executeTakeFirstOrThrow();
      expect(row.sections).toBe('');
      expect(row.sections_z?.length).toBeGreaterThan(100);
      const plain = JSON.stringify(fullInventory({ hostname: 'legacy' }).sections);
      await h.store.db.updateTable('device_inventories').set({ sections: plain, sections_z: null }).where('device_id', '=', d.deviceId).execute();
      expect((await h.store.inventory.latest(d.deviceId))?.sections.system?.data?.hostname).toBe('legacy');
    } finally {
      await h.close();
    }
  });
});
