import { describe, expect, it } from 'vitest';

import { LSBLK_ARGS } from '../../collectors/common/lsblk.js';
import { hardwareCollector } from '../../collectors/hardware/index.js';
import { peripheralsCollector } from '../../collectors/peripherals/index.js';
import { collectInventory } from '../../collectors/runner.js';
import { storageCollector } from '../../collectors/storage/index.js';
import { systemCollector } from '../../collectors/system/index.js';
import { usersCollector } from '../../collectors/users/index.js';
import { createFakeSystem } from './fake-system.js';

const now = (): Date => new Date('2026-11-29T08:00:00.000Z');
const collectors = [systemCollector, hardwareCollector, storageCollector, usersCollector, peripheralsCollector];
const only = ['system', 'hardware', 'storage', 'users', 'peripherals'] as const;

describe('collectors through a fake Windows', () => {
  const system = createFakeSystem({
    powershell: [
      ['Win32_OperatingSystem', 'windows/system/cim-win11-pro-fr-domain.json'],
      ['Win32_PhysicalMemory', 'windows/hardware/cim-latitude-7440-fr.json'],
      ['MSFT_PhysicalDisk', 'windows/storage/cim-storage-nvme-usb.json'],
      ['quser', 'windows/users/cim-users-en-us.json'],
      ['Win32_Printer', 'windows/peripherals/cim-peripherals-office.json'],
    ],
  });

  it('builds a valid document from one PowerShell run per section', async () => {
    const doc = await collectInventory({ platform: 'win32', system, collectors, only: [...only], now });
    for (const category of only) expect(doc.sections[category]?.status, category).toBe('ok');
    expect(doc.device).toMatchObject({ hostname: 'pc-compta-042', serial: '5R2KNK2', hardwareUuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32' });
    expect(system.calls.filter((c) => c.kind === 'powershell')).toHaveLength(5);
    expect(system.calls.filter((c) => c.kind === 'run')).toHaveLength(0);
    // Every script ends in ConvertTo-Json and never starts a shell of its own.
    for (const call of system.calls) expect(call.target).toMatch(/ConvertTo-Json -Depth \d+ -Compress$/);
  });

  it('turns non-JSON PowerShell output into an error section that says so', async () => {
    const broken = createFakeSystem({ powershell: [['Win32_OperatingSystem', { stdout: 'Get-CimInstance : Classe non valide\r\n' }]] });
    const doc = await collectInventory({ platform: 'win32', system: broken, collectors, only: ['system'], now });
    expect(doc.sections.system).toMatchObject({ status: 'error', data: null });
    expect(doc.sections.system?.error).toMatch(/system \(CIM\) printed text that is not JSON/);
  });

  it('a denied list query makes the section permission-denied with what was read; a class that does not exist is no error', async () => {
    const denied = createFakeSystem({
      powershell: [
        ['Win32_PhysicalMemory', 'windows/hardware/cim-thinkstation-de-powercfg.json'],
        ['MSFT_PhysicalDisk', 'windows/storage/cim-storage-win7-fr-diskdrive.json'],
      ],
    });
    const doc = await collectInventory({ platform: 'win32', system: denied, collectors, only: ['hardware', 'storage'], now });
    expect(doc.sections.hardware).toMatchObject({ status: 'permission-denied', error: 'access denied to mem: Zugriff verweigert', missingPermission: 'local administrator' });
    expect(doc.sections.hardware?.data?.cpu.sockets).toBe(2);
    // MSFT_PhysicalDisk's namespace is missing but Win32_DiskDrive answered: the disk list stands.
    expect(doc.sections.storage?.status).toBe('ok');
  });

  it('a list query failing for another reason is an error naming it', async () => {
    const broken = createFakeSystem({ powershell: [['Win32_Printer', { stdout: '{"printersError":"Le service Spouleur d’impression n’est pas démarré","usb":[]}' }]] });
    const doc = await collectInventory({ platform: 'win32', system: broken, collectors, only: ['peripherals'], now });
    expect(doc.sections.peripherals).toMatchObject({ status: 'error', error: 'some queries failed: printers: Le service Spouleur d’impression n’est pas démarré', data: { printers: [], usb: [] } });
  });

  it('reports a missing PowerShell as unsupported', async () => {
    const doc = await collectInventory({ platform: 'win32', system: createFakeSystem({}), collectors, only: ['system'], now });
    expect(doc.sections.system).toMatchObject({ status: 'unsupported', error: 'powershell.exe is not installed or not on PATH' });
  });
});

describe('collectors through a fake macOS', () => {
  const system = createFakeSystem({
    commands: {
      'system_profiler -json -detailLevel mini SPHardwareDataType SPSoftwareDataType': 'macos/system/system_profiler-sonoma-m2-air.json',
      'sw_vers': 'macos/system/sw_vers-sonoma.txt',
      'sysctl kern.boottime kern.osrelease kern.hv_vm_present hw.optional.arm64': 'macos/system/sysctl-sonoma-m2.txt',
      'defaults read -g AppleLocale': { stdout: 'fr_FR\n' },
      'system_profiler -json SPHardwareDataType SPDisplaysDataType SPPowerDataType SPMemoryDataType': 'macos/hardware/system_profiler-sonoma-m1-pro.json',
      'sysctl hw.physicalcpu hw.logicalcpu hw.packages hw.memsize hw.cpufrequency machdep.cpu.brand_string': { fixture: 'macos/hardware/sysctl-hw-m1-pro.txt', exitCode: 1 },
      'system_profiler -json SPStorageDataType SPNVMeDataType SPSerialATADataType': 'macos/storage/system_profiler-storage-m1.json',
      'who': { stdout: 'rene     console  Nov 29 07:30 \n' },
      'dscl -plist . -readall /Users RecordName RealName UniqueID UserShell AuthenticationAuthority': 'macos/users/dscl-readall-users.plist',
      'dscl -plist . -read /Groups/admin GroupMembership': 'macos/users/dscl-read-admin-group.plist',
      'system_profiler -json SPPrintersDataType SPUSBDataType SPUSBHostDataType': 'macos/peripherals/system_profiler-printers-usb-sonoma.json',
    },
  });

  it('builds a valid document; dsconfigad absent means not bound, not a failure', async () => {
    const doc = await collectInventory({ platform: 'darwin', system, collectors, only: [...only], now });
    for (const category of only) expect(doc.sections[category]?.status, category).toBe('ok');
    expect(doc.sections.system?.data).toMatchObject({ locale: 'fr-FR', domain: null, serial: 'C02ZX1Y2MD6T', loggedInUser: 'rene' });
    expect(doc.sections.users?.data?.sessions).toEqual([{ user: 'rene', kind: 'console', terminal: 'console', host: null, startedAt: '2026-11-29T07:30:00.000Z' }]);
    expect(doc.sections.users?.data?.localAccounts.map((a) => a.name)).toEqual(['rene', 'stagiaire']);
  });
});

describe('collectors through a fake Linux', () => {
  const files = {
    '/etc/passwd': 'linux/users/passwd-workstation.txt',
    '/etc/group': 'linux/users/group-workstation.txt',
    '/etc/os-release': 'linux/system/os-release-ubuntu-24.04.txt',
    '/proc/uptime': 'linux/system/proc-uptime.txt',
    '/sys/class/dmi/id/sys_vendor': { stdout: 'LENOVO\n' },
    '/sys/class/dmi/id/product_name': { stdout: '21HD003FGE\n' },
    '/sys/class/dmi/id/product_serial': { fail: 'permission-denied' as const },
    '/sys/class/dmi/id/chassis_type': { stdout: '10\n' },
    '/sys/bus/usb/devices/1-2/idVendor': { stdout: '046d\n' },
    '/sys/bus/usb/devices/1-2/idProduct': { stdout: 'c52b\n' },
    '/sys/bus/usb/devices/1-2/bDeviceClass': { stdout: '00\n' },
    '/usr/share/misc/usb.ids': 'linux/peripherals/usb-ids-excerpt.txt',
  };

  it('reads users, storage, peripherals and system from files and tools; root-only files are unknown', async () => {
    const system = createFakeSystem({
      commands: {
        'who': 'linux/system/who-gnu-iso.txt',
        [`lsblk ${LSBLK_ARGS.join(' ')}`]: 'linux/storage/lsblk-J-nvme-usb.json',
        'df -kPT -l': 'linux/storage/df-kPT-l-laptop.txt',
        'lpstat -d -v -p': 'linux/peripherals/lpstat-d-v-p-three.txt',
        'systemd-detect-virt --vm': { stdout: 'none\n', exitCode: 1 },
      },
      files,
      directories: { '/sys/bus/usb/devices': ['usb1', '1-2', '1-2:1.0'] },
    });
    const doc = await collectInventory({ platform: 'linux', system, collectors, only: ['system', 'storage', 'users', 'peripherals'], now });
    for (const category of ['system', 'storage', 'users', 'peripherals'] as const) expect(doc.sections[category]?.status, category).toBe('ok');
    expect(doc.sections.system?.data).toMatchObject({ manufacturer: 'LENOVO', serial: null, virtualMachine: false, chassisType: 'notebook' });
    expect(doc.sections.users?.data?.localAccounts.map((a) => a.name)).toEqual(['rene', 'ana', 'stagiaire']);
    expect(doc.sections.storage?.data?.disks).toHaveLength(3);
    expect(doc.sections.storage?.data?.volumes.map((v) => [v.mount, v.label])).toEqual([
      ['/', null],
      ['/boot/efi', 'EFI'],
      ['/media/rené/Clé USB', 'Clé USB'],
      ['/srv/archive', 'archive'],
    ]);
    expect(doc.sections.peripherals?.data?.usb).toEqual([
      { name: 'Unifying Receiver', vendor: 'Logitech, Inc.', vendorId: '046d', productId: 'c52b', serial: null, deviceClass: null },
    ]);
    expect(doc.sections.peripherals?.data?.printers).toHaveLength(3);
    // Tools that print localized text run in the C locale.
    expect(system.calls.find((c) => c.target === 'lpstat -d -v -p')?.options?.env).toEqual({ LC_ALL: 'C' });
  });

  it('no CUPS installed means no printers; a stopped scheduler means printers unknown, USB kept', async () => {
    const none = createFakeSystem({ commands: {}, files, directories: {} });
    const noCups = await collectInventory({ platform: 'linux', system: none, collectors, only: ['peripherals'], now });
    expect(noCups.sections.peripherals).toMatchObject({ status: 'ok', data: { printers: [], usb: [] } });

    const stopped = createFakeSystem({
      commands: { 'lpstat -d -v -p': { stderr: 'lpstat: Scheduler is not running.\n', exitCode: 1 } },
      files,
      directories: { '/sys/bus/usb/devices': ['1-2'] },
    });
    const doc = await collectInventory({ platform: 'linux', system: stopped, collectors, only: ['peripherals'], now });
    expect(doc.sections.peripherals).toMatchObject({ status: 'error', error: 'the CUPS scheduler is not running: printers are unknown' });
    expect(doc.sections.peripherals?.data?.usb).toHaveLength(1);

    const unreachable = createFakeSystem({ commands: { 'lpstat -d -v -p': { stderr: 'lpstat: Unable to connect to server: Connection refused\n', exitCode: 1 } }, files });
    const unknownPrinters = await collectInventory({ platform: 'linux', system: unreachable, collectors, only: ['peripherals'], now });
    expect(unknownPrinters.sections.peripherals?.status).toBe('error');
  });

  it('users without who keeps the accounts but says the sessions are unknown', async () => {
    const system = createFakeSystem({ files });
    const doc = await collectInventory({ platform: 'linux', system, collectors, only: ['users'], now });
    expect(doc.sections.users).toMatchObject({ status: 'error', error: 'who: who is not installed or not on PATH' });
    expect(doc.sections.users?.data?.localAccounts).toHaveLength(3);
  });

  it('users without /etc/passwd is an error, not an empty list', async () => {
    const system = createFakeSystem({ commands: { who: { stdout: '' } } });
    const doc = await collectInventory({ platform: 'linux', system, collectors, only: ['users'], now });
    expect(doc.sections.users).toMatchObject({ status: 'error', data: null });
    expect(doc.sections.users?.error).toContain('/etc/passwd');
  });

  it('an lsblk too old for our columns is an error that keeps the volumes', async () => {
    const system = createFakeSystem({
      commands: { 'lsblk *': { stderr: 'lsblk: unknown column: KNAME\n', exitCode: 1 }, 'df -kPT -l': 'linux/storage/df-kPT-l-laptop.txt' },
    });
    const doc = await collectInventory({ platform: 'linux', system, collectors, only: ['storage'], now });
    expect(doc.sections.storage).toMatchObject({ status: 'error', error: 'lsblk failed: lsblk: unknown column: KNAME', data: { disks: [] } });
    expect(doc.sections.storage?.data?.volumes).toHaveLength(4);
  });

  it('an unreadable sysfs/lsblk reports why; garbage lsblk output is an error naming the tool', async () => {
    const system = createFakeSystem({ commands: { 'lsblk *': { stdout: 'garbage' }, 'df *': { stdout: '' } } });
    const doc = await collectInventory({ platform: 'linux', system, collectors, only: ['storage'], now });
    expect(doc.sections.storage).toMatchObject({ status: 'error' });
    expect(doc.sections.storage?.error).toMatch(/lsblk printed text that is not JSON/);
  });
});
