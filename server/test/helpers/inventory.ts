import { randomUUID } from 'node:crypto';

import type { InventoryDocument, Sections, SoftwarePackage } from '@deskside/shared';

export interface InventoryOptions {
  readonly hostname?: string;
  readonly hardwareUuid?: string | null;
  readonly serial?: string | null;
  readonly packages?: readonly SoftwarePackage[];
  readonly ipv4?: readonly string[];
  readonly memoryBytes?: number;
  readonly avMode?: 'active' | 'disabled';
  readonly avSignaturesUpToDate?: boolean | null;
  /** Real-time protection of an otherwise active product (defaults to on while active). */
  readonly avRealtime?: boolean | null;
  readonly backup?: 'ok' | 'stale' | 'failing' | 'not-configured' | 'unknown';
  readonly freePercent?: number;
  readonly user?: string;
  readonly collectedAt?: string;
  readonly platform?: 'win32' | 'darwin' | 'linux';
}

export const pkg = (name: string, version: string | null, source: SoftwarePackage['source'] = 'registry'): SoftwarePackage => ({
  name,
  version,
  publisher: 'Vendor',
  installDate: '2026-01-02',
  installLocation: null,
  arch: 'x64',
  source,
});

export function packages(n: number, prefix = 'Package'): SoftwarePackage[] {
  return Array.from({ length: n }, (_, i) => pkg(`${prefix} ${i}`, `1.${i}.0`));
}

/** A complete, schema-valid inventory with the knobs the tests turn. */
export function fullSections(o: InventoryOptions = {}): Sections {
  const hostname = o.hostname ?? 'pc-001';
  const platform = o.platform ?? 'win32';
  const size = 500_000_000_000;
  const free = Math.round((size * (o.freePercent ?? 40)) / 100);
  return {
    system: {
      status: 'ok',
      durationMs: 12,
      data: {
        hostname,
        fqdn: `${hostname}.corp.example`,
        domain: 'corp.example',
        workgroup: null,
        os: { platform, name: platform === 'win32' ? 'Windows 11 Pro' : platform === 'darwin' ? 'macOS' : 'Ubuntu', version: '23H2', build: '22631', kernel: null, arch: 'x64' },
        uptimeSeconds: 3600,
        bootTime: '2026-11-01T08:00:00.000Z',
        timezone: 'Europe/Paris',
        locale: 'fr-FR',
        loggedInUser: o.user ?? 'alice',
        manufacturer: 'Dell Inc.',
        model: 'Latitude 7440',
        serial: o.serial === undefined ? 'SN-001' : o.serial,
        hardwareUuid: o.hardwareUuid === undefined ? '4C4C4544-0042-3510-8052-B4C04F4E3332' : o.hardwareUuid,
        chassisType: 'laptop',
        virtualMachine: false,
        hypervisor: null,
      },
    },
    hardware: {
      status: 'ok',
      durationMs: 30,
      data: {
        cpu: { model: 'Intel Core i7-1365U', manufacturer: 'Intel', sockets: 1, cores: 10, threads: 12, baseSpeedMhz: 1800 },
        memory: { totalBytes: o.memoryBytes ?? 16 * 1024 ** 3, modules: [] },
        bios: { vendor: 'Dell Inc.', version: '1.12.0', releaseDate: '2026-05-01', firmwareType: 'uefi' },
        baseboard: { manufacturer: 'Dell Inc.', model: '0ABCDE', version: 'A00', serial: 'BB-1' },
        gpus: [{ model: 'Intel Iris Xe', vendor: 'Intel', vramBytes: null, driverVersion: '31.0' }],
        displays: [],
        batteries: [],
      },
    },
    storage: {
      status: 'ok',
      durationMs: 8,
      data: {
        disks: [{ device: 'disk0', model: 'NVMe SSD', serial: 'D-1', sizeBytes: size, type: 'nvme', interface: 'NVMe', smartStatus: 'ok', removable: false }],
        volumes: [
          { mount: 'C:', device: null, label: 'OS', filesystem: 'NTFS', sizeBytes: size, usedBytes: size - free, freeBytes: free, freePercent: null, system: true, removable: false },
          { mount: 'E:', device: null, label: 'USB', filesystem: 'FAT32', sizeBytes: 1000, usedBytes: 999, freeBytes: 1, freePercent: 0.1, system: false, removable: true },
        ],
      },
    },
    software: { status: 'ok', durationMs: 200, data: { packages: [...(o.packages ?? packages(5))], truncated: false } },
    network: {
      status: 'ok',
      durationMs: 5,
      data: {
        interfaces: [
          {
            name: 'Ethernet',
            displayName: null,
            kind: 'wired',
            mac: 'aa:bb:cc:dd:ee:01',
            up: true,
            dhcp: true,
            speedMbps: 1000,
            mtu: 1500,
            ipv4: (o.ipv4 ?? ['10.0.0.5']).map((address) => ({ address, prefixLength: 24 })),
            ipv6: [],
          },
          { name: 'lo', displayName: null, kind: 'loopback', mac: null, up: true, dhcp: false, speedMbps: null, mtu: 65536, ipv4: [{ address: '127.0.0.1', prefixLength: 8 }], ipv6: [] },
        ],
        defaultGateways: [{ address: '10.0.0.1', interface: 'Ethernet', family: 'ipv4', metric: 25 }],
        dns: { servers: ['10.0.0.1'], searchDomains: ['corp.example'] },
        wifi: [],
        proxy: null,
      },
    },
    antivirus: {
      status: 'ok',
      durationMs: 40,
      data: {
        products: [
          {
            name: 'Microsoft Defender Antivirus',
            vendor: 'Microsoft',
            version: '4.18',
            enabled: (o.avMode ?? 'active') === 'active',
            realtimeProtection: o.avRealtime === undefined ? (o.avMode ?? 'active') === 'active' : o.avRealtime,
            mode: o.avMode ?? 'active',
            signaturesUpToDate: o.avSignaturesUpToDate === undefined ? true : o.avSignaturesUpToDate,
            signatureVersion: '1.400.1',
            signaturesUpdatedAt: '2026-11-01T07:00:00.000Z',
            lastScanAt: null,
            source: 'Get-MpComputerStatus',
          },
        ],
      },
    },
    backup: {
      status: 'ok',
      durationMs: 3,
      data: {
        staleAfterDays: 7,
        mechanisms: [],
        overall: o.backup ?? 'ok',
      },
    },
  };
}

export function fullInventory(o: InventoryOptions = {}): InventoryDocument {
  const sections = fullSections(o);
  return {
    schemaVersion: 1,
    kind: 'full',
    agentVersion: '0.1.0',
    collectedAt: o.collectedAt ?? '2026-11-01T09:00:00.000Z',
    device: {
      hostname: o.hostname ?? 'pc-001',
      hardwareUuid: o.hardwareUuid === undefined ? '4C4C4544-0042-3510-8052-B4C04F4E3332' : o.hardwareUuid,
      serial: o.serial === undefined ? 'SN-001' : o.serial,
      macs: ['aa:bb:cc:dd:ee:01'],
    },
    sections,
  };
}

export function partialInventory(sections: Sections, o: InventoryOptions = {}): InventoryDocument {
  return { ...fullInventory(o), kind: 'partial', collectedAt: o.collectedAt ?? '2026-11-01T10:00:00.000Z', sections };
}

export const upload = (document: InventoryDocument, uploadId: string = randomUUID()) => ({ uploadId, document });
