import { describe, expect, it, vi } from 'vitest';

import { systemCollector } from '../../../collectors/system/index.js';
import { timezoneFromTzVariable, timezoneFromZoneinfoPath } from '../../../collectors/system/linux-timezone.js';
import type { CollectContext } from '../../../collectors/types.js';
import { createFakeSystem, type FakeSystemSpec } from '../fake-system.js';

describe('Linux time zone', () => {
  it('reads the zone from /etc/localtime\'s target, absolute, relative or through posix/ and right/', () => {
    expect(timezoneFromZoneinfoPath('/usr/share/zoneinfo/Europe/Paris')).toBe('Europe/Paris');
    expect(timezoneFromZoneinfoPath('../usr/share/zoneinfo/America/Argentina/Buenos_Aires')).toBe('America/Argentina/Buenos_Aires');
    expect(timezoneFromZoneinfoPath('/usr/share/zoneinfo/posix/Asia/Shanghai')).toBe('Asia/Shanghai');
    expect(timezoneFromZoneinfoPath('/usr/share/zoneinfo/right/Etc/GMT+1')).toBe('Etc/GMT+1');
    expect(timezoneFromZoneinfoPath('/usr/share/zoneinfo/Etc/UTC')).toBe('Etc/UTC');
    expect(timezoneFromZoneinfoPath('/etc/localtime.dpkg-old')).toBeNull();
    expect(timezoneFromZoneinfoPath('/usr/share/zoneinfo/../../etc/passwd')).toBeNull();
  });

  it('takes TZ when it names a zone (with or without ":", or as a zoneinfo path), not a POSIX rule', () => {
    expect(timezoneFromTzVariable('Europe/Berlin')).toBe('Europe/Berlin');
    expect(timezoneFromTzVariable(':Asia/Tokyo')).toBe('Asia/Tokyo');
    expect(timezoneFromTzVariable('UTC')).toBe('UTC');
    expect(timezoneFromTzVariable(':/usr/share/zoneinfo/Europe/Paris')).toBe('Europe/Paris');
    expect(timezoneFromTzVariable('CET-1CEST,M3.5.0,M10.5.0/3')).toBeNull();
    expect(timezoneFromTzVariable('EST5EDT')).toBeNull();
    expect(timezoneFromTzVariable('')).toBeNull();
    expect(timezoneFromTzVariable(undefined)).toBeNull();
  });

  const collect = async (spec: FakeSystemSpec) => {
    const ctx: CollectContext = { platform: 'linux', system: createFakeSystem(spec), signal: new AbortController().signal, now: () => new Date('2026-11-29T10:00:00Z'), backupStaleDays: 7 };
    return systemCollector.collect(ctx);
  };

  it('is what the system section reports, TZ first, then the link, then the runtime', async () => {
    vi.stubEnv('TZ', '');
    try {
      expect((await collect({ links: { '/etc/localtime': '/usr/share/zoneinfo/Europe/Paris' } })).timezone).toBe('Europe/Paris');
      vi.stubEnv('TZ', 'Asia/Shanghai');
      expect((await collect({ links: { '/etc/localtime': '/usr/share/zoneinfo/Europe/Paris' } })).timezone).toBe('Asia/Shanghai');
      vi.stubEnv('TZ', '');
      expect((await collect({})).timezone).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
