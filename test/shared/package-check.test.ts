import { packageListCheck, SoftwarePackageSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

const base = {
  name: 'Mozilla Firefox (x64 en-US)',
  version: '121.0',
  publisher: 'Mozilla',
  installDate: '2026-01-02',
  installLocation: 'C:\\Program Files\\Mozilla Firefox',
  arch: 'x64',
  source: 'registry',
};

const s = (n: number) => 'x'.repeat(n);

/** Values around every bound of the shared schema, valid and not. */
const corpus: readonly Record<string, unknown>[] = [
  base,
  { name: 'Compact', source: 'dpkg' },
  { ...base, version: null, publisher: null, installDate: null, installLocation: null, arch: null },
  { ...base, name: s(512), version: s(256), publisher: s(512), installDate: s(64), installLocation: s(1024), arch: s(32) },
  { ...base, version: '' },
  { ...base, name: 'Ünïcödé 名前 🚀' },
  { ...base, name: s(513) },
  { ...base, name: '' },
  { ...base, name: null },
  { ...base, name: 42 },
  { ...base, version: s(257) },
  { ...base, arch: s(33) },
  { ...base, installLocation: s(1025) },
  { ...base, source: 'msi' },
  { ...base, source: null },
  // A field the contract no longer carries (installed size) is an unknown key like any other.
  { ...base, sizeBytes: 1000 },
  { ...base, extra: true },
  { version: '1.0', source: 'registry' },
  Object.fromEntries(Object.entries(base).filter(([k]) => k !== 'source')),
];

describe('package list check', () => {
  it('is built from the shared schema (no rule it does not understand)', () => {
    expect(packageListCheck).not.toBeNull();
  });

  it('accepts exactly what zod accepts, returning zod output, or defers to zod', () => {
    const check = packageListCheck!;
    let accepted = 0;
    for (const input of corpus) {
      const zod = SoftwarePackageSchema.safeParse(input);
      const fast = check([input]);
      if (fast !== null) {
        accepted += 1;
        expect(zod.success, JSON.stringify(input).slice(0, 80)).toBe(true);
        // Same values and the same key order, so the stored JSON is byte for byte the same.
        expect(JSON.stringify(fast[0])).toBe(JSON.stringify(zod.data));
      } else {
        expect(zod.success, JSON.stringify(input).slice(0, 80)).toBe(false);
      }
    }
    expect(accepted).toBe(6);
  });

  it('defers on anything that is not a plain object, and on a list over the cap', () => {
    const check = packageListCheck!;
    expect(check([base, null])).toBeNull();
    expect(check([base, [base]])).toBeNull();
    expect(check([Object.create({ inherited: 1 }) as object])).toBeNull();
    expect(check(Array.from({ length: 20_001 }, () => base))).toBeNull();
    expect(check(Array.from({ length: 20_000 }, () => base))).toHaveLength(20_000);
  });
});
