import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { cachedByFiles, filesSignature } from '../../../collectors/common/file-cache.js';
import { acceptBootStableFacts, hasDisplayServer } from '../../../collectors/hardware/linux.js';
import { acceptAptCounts } from '../../../collectors/updates/linux.js';

let dir: string;
let cacheDir: string;
let status: string;
let lists: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'deskside-cache-test-'));
  cacheDir = join(dir, 'cache');
  status = join(dir, 'status');
  lists = join(dir, 'lists');
  writeFileSync(status, 'Package: a\n');
  // A folder like apt's lists, with one list file.
  mkdirSync(lists);
  writeFileSync(join(lists, 'deb_Packages'), 'Package: a\nVersion: 1\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A compute that counts its calls and answers a fixed value. */
function counter(value: { pending: number; security: number } | null): { calls: number; compute: () => Promise<{ pending: number; security: number } | null> } {
  const state = { calls: 0, compute: async () => {
    state.calls += 1;
    return value;
  } };
  return state;
}

const options = (compute: () => Promise<{ pending: number; security: number } | null>, cache: string | null = cacheDir) => ({
  cacheDir: cache ?? undefined,
  name: 'apt-pending-updates',
  watch: [status, lists, join(dir, 'absent.bin')],
  accept: acceptAptCounts,
  compute,
});

describe('cachedByFiles', () => {
  it('computes once, then answers from the cache while the watched files are unchanged', async () => {
    const c = counter({ pending: 12, security: 3 });
    const first = await cachedByFiles(options(c.compute));
    const second = await cachedByFiles(options(c.compute));
    expect(first).toEqual({ value: { pending: 12, security: 3 }, fromCache: false });
    expect(second).toEqual({ value: { pending: 12, security: 3 }, fromCache: true });
    expect(c.calls).toBe(1);
  });

  it('recomputes when a watched file changes size or time', async () => {
    const c = counter({ pending: 1, security: 0 });
    await cachedByFiles(options(c.compute));
    writeFileSync(status, 'Package: a\nPackage: b\n');
    const after = await cachedByFiles(options(c.compute));
    expect(after.fromCache).toBe(false);
    utimesSync(status, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(false);
    expect(c.calls).toBe(3);
  });

  it('recomputes when a file inside a watched folder is rewritten, added, or a missing file appears', async () => {
    const c = counter({ pending: 1, security: 0 });
    await cachedByFiles(options(c.compute));
    writeFileSync(join(lists, 'deb_Packages'), 'Package: a\nVersion: 2 (newer)\n');
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(false);
    writeFileSync(join(lists, 'other_Packages'), 'x');
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(false);
    writeFileSync(join(dir, 'absent.bin'), 'now here');
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(false);
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(true);
    expect(c.calls).toBe(4);
  });

  it('ignores a corrupt or tampered cache file and replaces it', async () => {
    const c = counter({ pending: 5, security: 2 });
    await cachedByFiles(options(c.compute));
    const file = join(cacheDir, 'apt-pending-updates.json');
    writeFileSync(file, '{"format":1,"signature":');
    expect(await cachedByFiles(options(c.compute))).toEqual({ value: { pending: 5, security: 2 }, fromCache: false });
    // Right signature, wrong shape: rejected by accept, recomputed.
    const good = JSON.parse(readFileSync(file, 'utf8')) as { signature: string };
    writeFileSync(file, JSON.stringify({ format: 1, signature: good.signature, value: { pending: -1, security: 'many' } }));
    expect(await cachedByFiles(options(c.compute))).toEqual({ value: { pending: 5, security: 2 }, fromCache: false });
    expect(c.calls).toBe(3);
    expect((await cachedByFiles(options(c.compute))).fromCache).toBe(true);
  });

  it('does not cache "could not tell" (null) and does nothing on disk without a cache folder', async () => {
    const unknown = counter(null);
    expect(await cachedByFiles(options(unknown.compute))).toEqual({ value: null, fromCache: false });
    expect(await cachedByFiles(options(unknown.compute))).toEqual({ value: null, fromCache: false });
    expect(unknown.calls).toBe(2);
    const c = counter({ pending: 1, security: 1 });
    await cachedByFiles(options(c.compute, null));
    await cachedByFiles(options(c.compute, null));
    expect(c.calls).toBe(2);
  });

  it('still answers when the cache folder cannot be written', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const c = counter({ pending: 2, security: 0 });
    expect(await cachedByFiles(options(c.compute, join(blocker, 'cache')))).toEqual({ value: { pending: 2, security: 0 }, fromCache: false });
  });
});

describe('cachedByFiles with a key', () => {
  it('misses when the key changes (a new boot id), hits while it stays', async () => {
    const c = counter({ pending: 0, security: 0 });
    const keyed = (key: string) => ({ ...options(c.compute), watch: [], key });
    await cachedByFiles(keyed('boot a'));
    expect((await cachedByFiles(keyed('boot a'))).fromCache).toBe(true);
    expect((await cachedByFiles(keyed('boot b'))).fromCache).toBe(false);
    expect(c.calls).toBe(2);
  });
});

describe('acceptBootStableFacts', () => {
  const facts = { cpu: { brand: 'Core i7-1365U', cores: 12 }, memLayout: [{ size: 17179869184 }], bios: { vendor: 'Dell Inc.' }, baseboard: { manufacturer: 'Dell Inc.' }, gpus: [{ vendor: 'Intel Corporation', model: 'Iris Xe Graphics' }] };

  it('takes systeminformation\'s shape and rejects anything else', () => {
    expect(acceptBootStableFacts(facts)).toEqual(facts);
    expect(acceptBootStableFacts({ ...facts, cpu: { brand: 7, cores: 12 } })).toBeNull();
    expect(acceptBootStableFacts({ ...facts, memLayout: {} })).toBeNull();
    expect(acceptBootStableFacts({ ...facts, memLayout: [null] })).toBeNull();
    expect(acceptBootStableFacts({ ...facts, bios: null })).toBeNull();
    expect(acceptBootStableFacts([facts])).toBeNull();
    // A cache file from before GPUs were kept: recomputed, not read with GPUs missing.
    const { gpus: _gpus, ...withoutGpus } = facts;
    expect(acceptBootStableFacts(withoutGpus)).toBeNull();
    expect(acceptBootStableFacts(null)).toBeNull();
  });
});

describe('hasDisplayServer', () => {
  it('is true only where xrandr could answer (an X or XWayland DISPLAY)', () => {
    expect(hasDisplayServer({ DISPLAY: ':0' })).toBe(true);
    expect(hasDisplayServer({ WAYLAND_DISPLAY: 'wayland-0' })).toBe(false);
    expect(hasDisplayServer({})).toBe(false);
    expect(hasDisplayServer({ DISPLAY: '' })).toBe(false);
  });
});

describe('filesSignature', () => {
  it('differs for a missing path and an existing one, and is stable otherwise', async () => {
    const a = await filesSignature([status, join(dir, 'nope')]);
    expect(await filesSignature([status, join(dir, 'nope')])).toBe(a);
    writeFileSync(join(dir, 'nope'), '');
    expect(await filesSignature([status, join(dir, 'nope')])).not.toBe(a);
  });
});

describe('acceptAptCounts', () => {
  it('takes only non-negative integer counts with security ≤ pending', () => {
    expect(acceptAptCounts({ pending: 4, security: 1 })).toEqual({ pending: 4, security: 1 });
    expect(acceptAptCounts({ pending: 1, security: 4 })).toBeNull();
    expect(acceptAptCounts({ pending: 1.5, security: 0 })).toBeNull();
    expect(acceptAptCounts(null)).toBeNull();
    expect(acceptAptCounts('12')).toBeNull();
  });
});
