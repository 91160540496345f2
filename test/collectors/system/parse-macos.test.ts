import { SystemDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { normalizeStrings } from '../../../collectors/normalize.js';
import { parseBootTime, parseMacSystem } from '../../../collectors/system/parse-macos.js';
import { parseWho } from '../../../collectors/users/parse-who.js';
import { readFixture, readJsonFixture } from '../fake-system.js';

const now = new Date('2026-11-29T08:00:00.000Z');
const base = { hostname: 'MacBook-Air-de-Rene.local', machineArch: 'x86_64', timezone: 'Europe/Paris', locale: 'fr-FR', now, dsconfigad: '' };

describe('parseMacSystem', () => {
  it('reads an Apple silicon MacBook Air on Sonoma', () => {
    const data = parseMacSystem({
      ...base,
      profiler: readJsonFixture('macos/system/system_profiler-sonoma-m2-air.json'),
      swVers: readFixture('macos/system/sw_vers-sonoma.txt'),
      sysctl: readFixture('macos/system/sysctl-sonoma-m2.txt'),
    });
    expect(data).toEqual({
      hostname: 'MacBook-Air-de-Rene.local',
      fqdn: null,
      domain: null,
      workgroup: null,
      os: { platform: 'darwin', name: 'macOS 14.5', version: '14.5', build: '23F79', kernel: '23.5.0', arch: 'arm64' },
      uptimeSeconds: 9000,
      bootTime: '2026-11-29T05:30:00.000Z',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      loggedInUser: 'rene',
      manufacturer: 'Apple Inc.',
      model: 'MacBook Air (Mac14,2)',
      serial: 'C02ZX1Y2MD6T',
      hardwareUuid: '6F1B2C3D-4E5F-5A6B-8C7D-9E0F1A2B3C4D',
      chassisType: 'notebook',
      virtualMachine: false,
      hypervisor: null,
    });
    expect(SystemDataSchema.safeParse(data).success).toBe(true);
  });

  it('recognizes a macOS guest and an Active Directory binding', () => {
    const data = parseMacSystem({
      ...base,
      hostname: 'mbair-rene',
      profiler: readJsonFixture('macos/system/system_profiler-ventura-vm.json'),
      swVers: '',
      sysctl: readFixture('macos/system/sysctl-ventura-vm.txt'),
      dsconfigad: readFixture('macos/system/dsconfigad-show-bound.txt'),
    });
    expect(data.virtualMachine).toBe(true);
    expect(data.hypervisor).toBe('Apple Virtualization');
    expect(data.chassisType).toBe('virtual');
    expect(data.os).toMatchObject({ name: 'macOS 13.6.7', version: '13.6.7', build: '22G720', kernel: '22.6.0' });
    expect(data.domain).toBe('corp.example.com');
    expect(data.fqdn).toBe('mbair-rene.corp.example.com');
    expect(data.uptimeSeconds).toBe(3600);
  });

  it('keeps composed accents from a decomposed full name after normalization', () => {
    const profiler = readJsonFixture<{ SPSoftwareDataType: { user_name: string }[] }>('macos/system/system_profiler-sonoma-m2-air.json');
    const name = profiler.SPSoftwareDataType[0]?.user_name ?? '';
    expect(name).not.toBe(name.normalize('NFC'));
    expect(normalizeStrings(name)).toBe('René Lefèvre (rene)');
  });

  it('names the console user, not root, when the agent runs as a LaunchDaemon', () => {
    const profiler = { SPSoftwareDataType: [{ user_name: 'System Administrator (root)' }] };
    expect(parseMacSystem({ ...base, profiler, swVers: '', sysctl: '' }).loggedInUser).toBeNull();
    const sessions = parseWho('rene     console  Nov 29 07:30 \nroot     ttys000  Nov 29 07:45 \n', now, 0);
    expect(parseMacSystem({ ...base, profiler, swVers: '', sysctl: '', sessions }).loggedInUser).toBe('rene');
  });

  it('says unknown for empty profiler output instead of failing', () => {
    const data = parseMacSystem({ ...base, profiler: {}, swVers: '', sysctl: '' });
    expect(data.serial).toBeNull();
    expect(data.bootTime).toBeNull();
    expect(data.os.name).toBe('macOS');
  });

  it('parses kern.boottime and rejects garbage', () => {
    expect(parseBootTime('{ sec = 0, usec = 0 }')).toBe('1970-01-01T00:00:00.000Z');
    expect(parseBootTime('garbage')).toBeNull();
    expect(parseBootTime(undefined)).toBeNull();
  });
});
