import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { acceptPackageList, cachedPackageList } from '../../../collectors/software/package-cache.js';
import type { CollectContext } from '../../../collectors/types.js';
import { createFakeSystem } from '../fake-system.js';

let dir: string;
let status: string;
let updates: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskside-pkg-cache-'));
  status = join(dir, 'status');
  updates = join(dir, 'updates');
  writeFileSync(status, 'Package: adduser\nStatus: install ok installed\n');
  mkdirSync(updates);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const context = (cacheDir: string | null): CollectContext => ({
  platform: 'linux',
  system: createFakeSystem({}),
  signal: new AbortController().signal,
  now: () => new Date('2026-11-29T10:00:00Z'),
  backupStaleDays: 7,
  ...(cacheDir === null ? {} : { cacheDir }),
});

const dpkgPackage = (name: string, version: string) => ({ name, version, publisher: null, installDate: null, installLocation: null, arch: 'all', source: 'dpkg' as const});

describe('cachedPackageList', () => {
  it('reads the list once while the database is unchanged, again after an install or a pending journal entry', async () => {
    let reads = 0;
    const read = async () => [dpkgPackage('adduser', `3.${++reads}`)];
    const ctx = context(join(dir, 'cache'));
    expect(await cachedPackageList(ctx, 'dpkg', [status, updates], read)).toEqual([dpkgPackage('adduser', '3.1')]);
    expect(await cachedPackageList(ctx, 'dpkg', [status, updates], read)).toEqual([dpkgPackage('adduser', '3.1')]);
    writeFileSync(status, 'Package: adduser\nStatus: install ok installed\nPackage: curl\n');
    utimesSync(status, new Date(), new Date(Date.now() + 5000));
    expect(await cachedPackageList(ctx, 'dpkg', [status, updates], read)).toEqual([dpkgPackage('adduser', '3.2')]);
    writeFileSync(join(updates, '0001'), 'Package: curl\n');
    expect(await cachedPackageList(ctx, 'dpkg', [status, updates], read)).toEqual([dpkgPackage('adduser', '3.3')]);
    expect(reads).toBe(3);
  });

  it('reads every time without a cache folder', async () => {
    let reads = 0;
    const read = async () => [dpkgPackage('adduser', `3.${++reads}`)];
    await cachedPackageList(context(null), 'dpkg', [status], read);
    await cachedPackageList(context(null), 'dpkg', [status], read);
    expect(reads).toBe(2);
  });

  it('does not cache a failed read', async () => {
    const ctx = context(join(dir, 'cache'));
    await expect(cachedPackageList(ctx, 'dpkg', [status], () => Promise.reject(new Error('dpkg-query exited with code 2')))).rejects.toThrow('code 2');
    expect(await cachedPackageList(ctx, 'dpkg', [status], async () => [dpkgPackage('adduser', '3.134')])).toEqual([dpkgPackage('adduser', '3.134')]);
  });
});

describe('acceptPackageList', () => {
  it('takes back only valid packages of the expected source', () => {
    const accept = acceptPackageList('dpkg');
    expect(accept([dpkgPackage('adduser', '3.134')])).toEqual([dpkgPackage('adduser', '3.134')]);
    // The compact form (unknown values left out) reads back with nulls.
    expect(accept([{ name: 'adduser', source: 'dpkg' }])).toEqual([{ ...dpkgPackage('adduser', '3.134'), version: null, arch: null }]);
    expect(accept([{ ...dpkgPackage('adduser', '3.134'), source: 'rpm' }])).toBeNull();
    expect(accept([{ name: 42, source: 'dpkg' }])).toBeNull();
    expect(accept({ packages: [] })).toBeNull();
  });
});
