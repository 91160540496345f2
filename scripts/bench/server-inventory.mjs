// Realistic inventory documents for the server benchmark: every section filled, 300-1,000 packages.
import { randomUUID } from 'node:crypto';

const PUBLISHERS = ['Microsoft Corporation', 'Adobe Inc.', 'Google LLC', 'Mozilla', 'Oracle Corporation', 'JetBrains s.r.o.', 'Zoom Video Communications, Inc.', 'Intel Corporation', 'NVIDIA Corporation', 'Dell Inc.'];

/** Deterministic per device, so a rerun produces the same load. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function packageList(r, count) {
  return Array.from({ length: count }, (_, i) => ({
    name: `${PUBLISHERS[i % PUBLISHERS.length].split(' ')[0]} Component ${i} ${i % 7 === 0 ? 'Runtime Redistributable (x64)' : 'Suite'}`,
    version: `${1 + (i % 30)}.${Math.floor(r() * 100)}.${Math.floor(r() * 10000)}`,
    publisher: PUBLISHERS[i % PUBLISHERS.length],
    installDate: `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
    installLocation: `C:\\Program Files\\Vendor ${i % 40}\\Product ${i}`,
    arch: i % 5 === 0 ? 'x86' : 'x64',
    source: i % 11 === 0 ? 'registry-user' : 'registry',
  }));
}

const ok = (data, durationMs = 20) => ({ status: 'ok', durationMs, data });

export function sections(index, r, pkgs, { avOk = true, backup = 'ok' } = {}) {
  const hostname = `PC-${String(index).padStart(6, '0')}`;
  const size = 512_000_000_000;
  const free = Math.floor(size * (0.05 + r() * 0.6));
  const ip = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
  return {
    system: ok({
      hostname,
      fqdn: `${hostname.toLowerCase()}.corp.example`,
      domain: 'corp.example',
      workgroup: null,
      os: { platform: 'win32', name: 'Windows 11 Enterprise', version: '23H2', build: '22631.4460', kernel: '10.0.22631', arch: 'x64' },
      uptimeSeconds: Math.floor(r() * 1e6),
      bootTime: '2026-11-20T07:12:00.000Z',
      timezone: 'Europe/Paris',
      locale: 'fr-FR',
      loggedInUser: `CORP\\user${index}`,
      manufacturer: 'Dell Inc.',
      model: 'Latitude 7440',
      serial: `SN${String(index).padStart(8, '0')}`,
      hardwareUuid: `4C4C4544-${String(index).padStart(4, '0').slice(-4)}-${randomUUID().slice(14)}`,
      chassisType: 'laptop',
      virtualMachine: false,
      hypervisor: null,
    }),
    hardware: ok({
      cpu: { model: '13th Gen Intel(R) Core(TM) i7-1365U', manufacturer: 'GenuineIntel', sockets: 1, cores: 10, threads: 12, baseSpeedMhz: 1800 },
      memory: {
        totalBytes: 17_179_869_184,
        modules: [0, 1].map((slot) => ({ slot: `DIMM ${slot}`, sizeBytes: 8_589_934_592, type: 'LPDDR5', speedMhz: 6000, manufacturer: 'Samsung', partNumber: 'K3LKBKB0BM-MGCP', serial: `${index}${slot}` })),
      },
      bios: { vendor: 'Dell Inc.', version: '1.14.1', releaseDate: '2026-03-12', firmwareType: 'uefi' },
      baseboard: { manufacturer: 'Dell Inc.', model: '0WJ5PW', version: 'A00', serial: `/${index}/CNCMK0037N00EF/` },
      gpus: [{ model: 'Intel(R) Iris(R) Xe Graphics', vendor: 'Intel Corporation', vramBytes: 134_217_728, driverVersion: '31.0.101.5382' }],
      displays: [{ model: 'DELL P2723D', vendor: 'Dell', serial: `D${index}`, widthPx: 2560, heightPx: 1440, sizeInches: 27, connection: 'DisplayPort', builtin: false, main: true }],
      batteries: [{ model: 'DELL 9JRV0', manufacturer: 'SMP', designCapacityMwh: 57000, fullChargeCapacityMwh: 51000, cycleCount: 212, healthPercent: 89.5, chargePercent: 80, charging: true }],
    }),
    storage: ok({
      disks: [{ device: '\\\\.\\PHYSICALDRIVE0', model: 'KIOXIA KXG80ZNV512G', serial: `K${index}`, sizeBytes: size, type: 'nvme', interface: 'NVMe', smartStatus: 'ok', removable: false }],
      volumes: [{ mount: 'C:', device: null, label: 'Windows', filesystem: 'NTFS', sizeBytes: size, usedBytes: size - free, freeBytes: free, freePercent: Math.round((free / size) * 1000) / 10, system: true, removable: false }],
    }),
    software: ok({ packages: pkgs, truncated: false }, 900),
    network: ok({
      interfaces: [
        { name: 'Ethernet', displayName: 'Intel(R) Ethernet Connection (16) I219-LM', kind: 'wired', mac: 'aa:bb:cc:00:00:01', up: true, dhcp: true, speedMbps: 1000, mtu: 1500, ipv4: [{ address: ip, prefixLength: 16 }], ipv6: [{ address: 'fe80::1', prefixLength: 64 }] },
        { name: 'Wi-Fi', displayName: 'Intel(R) Wi-Fi 6E AX211 160MHz', kind: 'wireless', mac: 'aa:bb:cc:00:00:02', up: false, dhcp: true, speedMbps: null, mtu: 1500, ipv4: [], ipv6: [] },
      ],
      defaultGateways: [{ address: '10.0.0.1', interface: 'Ethernet', family: 'ipv4', metric: 25 }],
      dns: { servers: ['10.0.0.10', '10.0.0.11'], searchDomains: ['corp.example'] },
      wifi: [],
      proxy: { mode: 'pac', server: null, pacUrl: 'http://wpad.corp.example/wpad.dat', bypass: ['<local>'], winHttp: { direct: true, server: null, bypass: [] }, source: 'registry' },
    }),
    users: ok({
      sessions: [{ user: `CORP\\user${index}`, kind: 'console', terminal: 'Console', host: null, startedAt: '2026-11-20T07:15:00.000Z' }],
      localAccounts: [{ name: 'Administrator', fullName: null, admin: true, disabled: true, lastLogonAt: null }],
    }),
    peripherals: ok({ printers: [{ name: 'Floor 3 MFP', driver: 'HP Universal Printing PCL 6', port: '10.0.3.50', isDefault: true, status: 'idle', shared: false, network: true }], usb: [] }),
    antivirus: ok({
      products: [
        { name: 'Microsoft Defender Antivirus', vendor: 'Microsoft', version: '4.18.24090.11', enabled: true, realtimeProtection: avOk, mode: avOk ? 'active' : 'disabled', signaturesUpToDate: avOk, signatureVersion: '1.421.118.0', signaturesUpdatedAt: '2026-11-28T03:00:00.000Z', lastScanAt: '2026-11-27T12:00:00.000Z', source: 'Get-MpComputerStatus' },
      ],
    }),
    firewall: ok({ enabled: true, profiles: ['Domain', 'Private', 'Public'].map((name) => ({ name, enabled: true, defaultInboundBlocked: true, source: 'Get-NetFirewallProfile' })), products: [], stealthMode: null }),
    encryption: ok({ volumes: [{ mount: 'C:', device: null, method: 'bitlocker', encrypted: true, protectionOn: true, status: 'FullyEncrypted', percentEncrypted: 100, system: true, source: 'Get-BitLockerVolume' }], systemVolumeProtected: true }),
    updates: ok({ lastInstalled: { title: '2026-11 Cumulative Update for Windows 11 (KB5046633)', at: '2026-11-13T02:00:00.000Z' }, automaticUpdates: true, pendingReboot: false, pendingRebootReasons: [], pendingUpdates: 0, pendingSecurityUpdates: 0, sources: ['Windows Update'] }),
    backup: ok({ staleAfterDays: 7, mechanisms: [{ product: 'OneDrive', kind: 'cloud-sync', configured: true, enabled: true, lastSuccessAt: '2026-11-28T09:00:00.000Z', lastAttemptAt: '2026-11-28T09:00:00.000Z', destination: { name: 'OneDrive - Corp', kind: 'cloud', encrypted: true }, state: backup, reason: 'synced', source: 'registry', missingPermission: null }], overall: backup }),
  };
}

export function inventoryDocument(index, kind, secs) {
  const sys = secs.system?.data;
  return {
    uploadId: randomUUID(),
    document: {
      schemaVersion: 1,
      kind,
      agentVersion: '0.1.0',
      collectedAt: new Date().toISOString(),
      device: { hostname: `PC-${String(index).padStart(6, '0')}`, hardwareUuid: sys?.hardwareUuid ?? null, serial: sys?.serial ?? null, macs: ['aa:bb:cc:00:00:01'] },
      sections: secs,
    },
  };
}
