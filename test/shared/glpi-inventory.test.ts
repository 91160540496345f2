import type { InventoryDocument } from '@deskside/shared';
import { InventoryDocumentSchema } from '@deskside/shared';
import { defaultGlpiDeviceId, toGlpiInventory } from '@deskside/shared/glpi';
import { describe, expect, it } from 'vitest';

import { glpiSchemaPresent, glpiValidator } from './glpi-schema.js';
import { sampleInventory } from './samples.js';

const ok = <T>(data: T) => ({ status: 'ok' as const, durationMs: 5, data });

/** The sample with every section Deskside has, filled the way a Windows laptop fills them. */
function everySection(): InventoryDocument {
  const base = sampleInventory();
  return InventoryDocumentSchema.parse({
    ...base,
    sections: {
      ...base.sections,
      hardware: ok({
        cpu: { model: 'Intel Core i7-1365U', manufacturer: 'Intel', sockets: 1, cores: 10, threads: 12, baseSpeedMhz: 1800.4 },
        memory: {
          totalBytes: 16 * 1024 ** 3,
          modules: [{ slot: 'DIMM A', sizeBytes: 8 * 1024 ** 3, type: 'DDR5', speedMhz: 5200, manufacturer: 'Samsung', partNumber: 'M425R1GB4BB0', serial: '12345678' }],
        },
        bios: { vendor: 'Dell Inc.', version: '1.12.0', releaseDate: '2026-05-01', firmwareType: 'uefi' },
        baseboard: { manufacturer: 'Dell Inc.', model: '0ABCDE', version: 'A00', serial: 'BB-1' },
        gpus: [{ model: 'Intel Iris Xe', vendor: 'Intel', vramBytes: 128 * 1024 ** 2, driverVersion: '31.0' }],
        displays: [{ model: 'DELL U2723QE', vendor: 'Dell', serial: 'MON-1', widthPx: 3840, heightPx: 2160, sizeInches: 27, connection: 'DisplayPort', builtin: false, main: true }],
        batteries: [{ model: 'DELL 7FMXV', manufacturer: 'SMP', designCapacityMwh: 57_000, fullChargeCapacityMwh: 51_300.6, cycleCount: 120, healthPercent: 90, chargePercent: 80, charging: false }],
      }),
      network: ok({
        interfaces: [
          {
            name: 'Wi-Fi',
            displayName: 'Intel(R) Wi-Fi 6E AX211 160MHz',
            kind: 'wireless',
            mac: 'a4:bb:6d:11:22:33',
            up: true,
            dhcp: true,
            speedMbps: 866.7,
            mtu: 1500,
            ipv4: [{ address: '192.0.2.40', prefixLength: 24 }],
            ipv6: [{ address: 'fe80::1c2d:3e4f:5a6b:7c8d', prefixLength: 64 }],
          },
          { name: 'vEthernet (WSL)', displayName: null, kind: 'virtual', mac: '00:15:5d:00:00:01', up: false, dhcp: false, speedMbps: null, mtu: null, ipv4: [], ipv6: [] },
        ],
        defaultGateways: [{ address: '192.0.2.1', interface: 'Wi-Fi', family: 'ipv4', metric: 35 }],
        dns: { servers: ['192.0.2.53', '192.0.2.54'], searchDomains: ['corp.example'] },
        wifi: [{ interface: 'Wi-Fi', ssid: 'CORP', bssid: '00:11:22:33:44:55', signalDbm: -55, signalPercent: 90, channel: 36, band: '5GHz', security: 'WPA3-Enterprise', txRateMbps: 866 }],
        proxy: null,
      }),
      users: ok({
        sessions: [
          { user: 'CORP\\marie', kind: 'console', terminal: 'console', host: null, startedAt: '2026-11-29T07:30:00.000Z' },
          { user: 'CORP\\marie', kind: 'remote', terminal: 'rdp-tcp#0', host: '192.0.2.7', startedAt: null },
        ],
        localAccounts: [{ name: 'Administrator', fullName: null, admin: true, disabled: true, lastLogonAt: null }],
      }),
      peripherals: ok({
        printers: [{ name: 'HP LaserJet 3rd floor', driver: 'HP Universal Printing PCL 6', port: 'IP_192.0.2.80', isDefault: true, status: 'Idle', shared: false, network: true }],
        usb: [{ name: 'USB Receiver', vendor: 'Logitech', vendorId: '046d', productId: 'c52b', serial: null, deviceClass: 'HID' }],
      }),
      firewall: ok({
        enabled: false,
        profiles: [
          { name: 'Domain', enabled: true, defaultInboundBlocked: true, source: 'Get-NetFirewallProfile' },
          { name: 'Public', enabled: false, defaultInboundBlocked: null, source: 'Get-NetFirewallProfile' },
          { name: 'Private', enabled: null, defaultInboundBlocked: null, source: 'Get-NetFirewallProfile' },
        ],
        products: [],
        stealthMode: null,
      }),
      encryption: ok({
        volumes: [{ mount: 'C:', device: null, method: 'bitlocker', encrypted: true, protectionOn: true, status: 'FullyEncrypted', percentEncrypted: 100, system: true, source: 'Win32_EncryptableVolume' }],
        systemVolumeProtected: true,
      }),
    },
  });
}

describe('toGlpiInventory', () => {
  const glpi = toGlpiInventory(everySection());
  const content = glpi.content as Record<string, unknown>;

  it('says who and what: a stable device id, a Computer inventory, the client version', () => {
    expect(glpi).toMatchObject({ deviceid: 'PC-ACCT-042-4C4C4544-0042-3510-8052-B4C04F4B4E32', action: 'inventory', itemtype: 'Computer', partial: false });
    expect(content.versionclient).toBe('Deskside-Agent_v0.1.0');
    expect(toGlpiInventory(everySection(), { deviceId: 'device-7', tag: 'paris' })).toMatchObject({ deviceid: 'device-7', tag: 'paris' });
  });

  it('maps the machine: hardware, BIOS and the operating system with its zone offset', () => {
    expect(content.hardware).toEqual({
      name: 'PC-ACCT-042',
      uuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32',
      memory: 16_384,
      workgroup: 'corp.example',
      chassis_type: 'notebook',
      vmsystem: 'Physical',
      lastloggeduser: 'marie',
      defaultgateway: '192.0.2.1',
      dns: '192.0.2.53/192.0.2.54',
    });
    expect(content.bios).toEqual({
      bdate: '2026-05-01',
      bmanufacturer: 'Dell Inc.',
      bversion: '1.12.0',
      mmanufacturer: 'Dell Inc.',
      mmodel: '0ABCDE',
      msn: 'BB-1',
      smanufacturer: 'Dell Inc.',
      smodel: 'Latitude 7440',
      ssn: '5R2KNK2',
    });
    expect(content.operatingsystem).toMatchObject({
      name: 'Windows 11 Pro',
      version: '23H2',
      kernel_name: 'MSWin32',
      kernel_version: '10.0.22631',
      arch: 'x86_64',
      boot_time: '2026-11-28 08:00:00',
      fqdn: 'pc-acct-042.corp.example',
      // Paris is on winter time on 29 November.
      timezone: { name: 'Europe/Paris', offset: '+0100' },
    });
  });

  it('maps components: CPU per socket, memory in MB, disks in MB of 10^6 bytes, encrypted volumes', () => {
    expect(content.cpus).toEqual([{ name: 'Intel Core i7-1365U', manufacturer: 'Intel', core: 10, corecount: 10, thread: 12, speed: 1800, arch: 'x86_64' }]);
    expect(content.memories).toEqual([{ capacity: 8192, caption: 'DIMM A', description: 'DIMM A', manufacturer: 'Samsung', serialnumber: '12345678', model: 'M425R1GB4BB0', speed: '5200 MHz', type: 'DDR5', numslots: 1 }]);
    expect(content.storages).toEqual([{ name: '\\\\.\\PHYSICALDRIVE0', model: 'KIOXIA KXG80ZNV512G', serial: 'X1', disksize: 512_110, interface: 'NVMe', description: 'NVMe SSD', type: 'disk' }]);
    expect(content.drives).toEqual([
      { letter: 'C:', systemdrive: true, label: 'OS', filesystem: 'NTFS', total: 486_374, free: 28_610, encrypt_name: 'BitLocker', encrypt_status: 'Yes', encrypt_type: 'software' },
    ]);
    expect(content.batteries).toEqual([{ name: 'DELL 7FMXV', manufacturer: 'SMP', capacity: 57_000, real_capacity: 51_301 }]);
    expect(content.videos).toEqual([{ name: 'Intel Iris Xe', chipset: 'Intel', memory: 128, resolution: '3840x2160' }]);
    expect(content.monitors).toEqual([{ name: 'DELL U2723QE', caption: 'DELL U2723QE', manufacturer: 'Dell', serial: 'MON-1', port: 'DisplayPort' }]);
  });

  it('maps one network entry per address, and the interfaces without any', () => {
    expect(content.networks).toEqual([
      {
        description: 'Intel(R) Wi-Fi 6E AX211 160MHz',
        mac: 'a4:bb:6d:11:22:33',
        status: 'up',
        type: 'wifi',
        virtualdev: false,
        speed: '867',
        mtu: 1500,
        wifi_ssid: 'CORP',
        wifi_bssid: '00:11:22:33:44:55',
        ipaddress: '192.0.2.40',
        ipmask: '255.255.255.0',
        ipsubnet: '192.0.2.0',
        ipgateway: '192.0.2.1',
      },
      expect.objectContaining({ description: 'Intel(R) Wi-Fi 6E AX211 160MHz', ipaddress6: 'fe80::1c2d:3e4f:5a6b:7c8d' }),
      { description: 'vEthernet (WSL)', mac: '00:15:5d:00:00:01', status: 'down', virtualdev: true },
    ]);
  });

  it('maps software, protection, users and peripherals; unknown states are left out, never guessed', () => {
    expect(content.softwares).toEqual([{ name: '微信', version: '3.9.12', publisher: 'Tencent', install_date: '2026-10-01', arch: 'x86', from: 'registry' }]);
    expect(content.antivirus).toEqual([
      { name: 'Microsoft Defender Antivirus', company: 'Microsoft', version: '4.18.24090.11', enabled: true, uptodate: true, base_version: '1.421.50.0', base_creation: '2026-11-28' },
    ]);
    expect(content.firewalls).toEqual([
      { profile: 'Domain', status: 'on' },
      { profile: 'Public', status: 'off' },
    ]);
    expect(content.users).toEqual([{ login: 'marie', domain: 'CORP' }]);
    expect(content.printers).toEqual([{ name: 'HP LaserJet 3rd floor', driver: 'HP Universal Printing PCL 6', port: 'IP_192.0.2.80', status: 'Idle', shared: false, network: true }]);
    expect(content.usbdevices).toEqual([{ name: 'USB Receiver', manufacturer: 'Logitech', vendorid: '046D', productid: 'C52B', class: 'HID' }]);
  });

  it('leaves out a section Deskside could not read, so GLPI keeps what it knew', () => {
    const doc = everySection();
    const failed = toGlpiInventory({ ...doc, sections: { ...doc.sections, software: { status: 'timeout', durationMs: 60_000, error: 'timed out', data: null } } });
    expect(failed.content).not.toHaveProperty('softwares');
    // An empty list that was read is sent: the machine really has none.
    const none = toGlpiInventory({ ...doc, sections: { ...doc.sections, software: ok({ packages: [], truncated: false }) } });
    expect(none.content).toHaveProperty('softwares', []);
    // An antivirus that was uninstalled disappears from GLPI too.
    const removed = toGlpiInventory({ ...doc, sections: { ...doc.sections, antivirus: ok({ products: [] }) } });
    expect(removed.content).toHaveProperty('antivirus', []);
  });

  it('names a machine without hardware UUID by its serial, then by its MAC', () => {
    const doc = everySection();
    expect(defaultGlpiDeviceId({ device: { ...doc.device, hardwareUuid: null } })).toBe('PC-ACCT-042-5R2KNK2');
    expect(defaultGlpiDeviceId({ device: { hostname: 'mac mini', hardwareUuid: null, serial: null, macs: ['a4:bb:6d:11:22:33'] } })).toBe('mac-mini-a4bb6d112233');
  });

  it.skipIf(!glpiSchemaPresent)('is valid against GLPI’s published inventory schema, and the validator does reject a broken one', () => {
    const validate = glpiValidator();
    expect(validate(glpi)).toEqual([]);
    expect(validate(toGlpiInventory(sampleInventory()))).toEqual([]);
    expect(validate({ ...glpi, content: { ...glpi.content, networks: [{ description: 'x', ipaddress: '999.1.1.1' }] } }).length).toBeGreaterThan(0);
    expect(validate({ deviceid: 'x', content: {} }).length).toBeGreaterThan(0);
  });
});
