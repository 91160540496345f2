import { SystemDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { fqdnFromHosts, parseLinuxSystem, parseOsRelease, type LinuxSystemInput } from '../../../collectors/system/parse-linux.js';
import { parseWho } from '../../../collectors/users/parse-who.js';
import { readFixture } from '../fake-system.js';

const now = new Date('2026-11-29T08:00:00.000Z');

function input(over: Partial<LinuxSystemInput> = {}): LinuxSystemInput {
  return {
    osRelease: readFixture('linux/system/os-release-ubuntu-24.04.txt'),
    hostname: 'ws-017',
    kernel: '6.8.0-49-generic',
    machineArch: 'x86_64',
    uptime: readFixture('linux/system/proc-uptime.txt'),
    hosts: readFixture('linux/system/hosts-debian-fqdn.txt'),
    dmi: { sys_vendor: 'LENOVO', product_name: '21HD003FGE', product_version: 'ThinkPad T14 Gen 4', product_serial: null, product_uuid: null, chassis_type: '10\n', bios_vendor: 'LENOVO' },
    detectVirt: 'none',
    cpuHypervisorFlag: false,
    smbConf: readFixture('linux/system/smb-conf-workgroup.txt'),
    sessions: parseWho(readFixture('linux/system/who-gnu-iso.txt'), now, 60),
    timezone: 'Europe/Berlin',
    locale: null,
    localeConf: 'LANG=de_DE.UTF-8\n',
    now,
    ...over,
  };
}

describe('parseLinuxSystem', () => {
  it('reads a physical Ubuntu laptop without root (serial and UUID unknown, not invented)', () => {
    const data = parseLinuxSystem(input());
    expect(data).toEqual({
      hostname: 'ws-017',
      fqdn: 'ws-017.lab.example.org',
      domain: 'lab.example.org',
      workgroup: 'COMPTA',
      os: { platform: 'linux', name: 'Ubuntu 24.04.1 LTS', version: '24.04', build: null, kernel: '6.8.0-49-generic', arch: 'x64' },
      uptimeSeconds: 91234,
      bootTime: '2026-11-28T06:39:26.000Z',
      timezone: 'Europe/Berlin',
      locale: 'de-DE',
      loggedInUser: 'rene',
      manufacturer: 'LENOVO',
      model: '21HD003FGE',
      serial: null,
      hardwareUuid: null,
      chassisType: 'notebook',
      virtualMachine: false,
      hypervisor: null,
    });
    expect(SystemDataSchema.safeParse(data).success).toBe(true);
  });

  it('recognizes a KVM guest from systemd-detect-virt and QEMU DMI', () => {
    const data = parseLinuxSystem(input({ detectVirt: 'kvm', dmi: { sys_vendor: 'QEMU', product_name: 'Standard PC (Q35 + ICH9, 2009)', chassis_type: '1' } }));
    expect(data).toMatchObject({ virtualMachine: true, hypervisor: 'KVM', chassisType: 'virtual', manufacturer: 'QEMU' });
  });

  it('without systemd or DMI, only the CPU hypervisor flag tells a VM', () => {
    expect(parseLinuxSystem(input({ detectVirt: null, dmi: {}, cpuHypervisorFlag: true })).virtualMachine).toBe(true);
    expect(parseLinuxSystem(input({ detectVirt: null, dmi: {}, cpuHypervisorFlag: false })).virtualMachine).toBeNull();
  });

  it('handles missing os-release, uptime and hosts', () => {
    const data = parseLinuxSystem(input({ osRelease: null, uptime: null, hosts: null, smbConf: null, localeConf: null }));
    expect(data.os.name).toBe('Linux');
    expect(data.uptimeSeconds).toBeNull();
    expect(data.fqdn).toBeNull();
    expect(data.workgroup).toBeNull();
    expect(data.locale).toBeNull();
  });

  it('unquotes and unescapes os-release values', () => {
    const rel = parseOsRelease(readFixture('linux/system/os-release-fedora-40-quoted.txt'));
    expect(rel.NAME).toBe('Fedora Linux');
    expect(rel.PRETTY_NAME).toBe('Fedora Linux 40 (Workstation "Edition")');
  });

  it('finds the FQDN only on a line naming this host', () => {
    expect(fqdnFromHosts('127.0.1.1 other.example.org other\n', 'ws-017')).toBeNull();
  });
});
