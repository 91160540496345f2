import type { InventoryDocument, TicketSubmission } from '@deskside/shared';

/** A complete, valid inventory document; tests copy it and break one thing at a time. */
export function sampleInventory(): InventoryDocument {
  const ok = <T>(data: T) => ({ status: 'ok' as const, durationMs: 12, data });
  return {
    schemaVersion: 1,
    kind: 'full',
    agentVersion: '0.1.0',
    collectedAt: '2026-11-29T08:00:00.000Z',
    device: { hostname: 'PC-ACCT-042', hardwareUuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32', serial: '5R2KNK2', macs: ['a4:bb:6d:11:22:33'] },
    sections: {
      system: ok({
        hostname: 'PC-ACCT-042',
        fqdn: 'pc-acct-042.corp.example',
        domain: 'corp.example',
        workgroup: null,
        os: { platform: 'win32', name: 'Windows 11 Pro', version: '23H2', build: '22631.4460', kernel: '10.0.22631', arch: 'x64' },
        uptimeSeconds: 86_400,
        bootTime: '2026-11-28T08:00:00.000Z',
        timezone: 'Europe/Paris',
        locale: 'fr-FR',
        loggedInUser: 'CORP\\marie',
        manufacturer: 'Dell Inc.',
        model: 'Latitude 7440',
        serial: '5R2KNK2',
        hardwareUuid: '4C4C4544-0042-3510-8052-B4C04F4B4E32',
        chassisType: 'notebook',
        virtualMachine: false,
        hypervisor: null,
      }),
      storage: ok({
        disks: [{ device: '\\\\.\\PHYSICALDRIVE0', model: 'KIOXIA KXG80ZNV512G', serial: 'X1', sizeBytes: 512_110_190_592, type: 'nvme', interface: 'NVMe', smartStatus: 'ok', removable: false }],
        volumes: [{ mount: 'C:', device: null, label: 'OS', filesystem: 'NTFS', sizeBytes: 510_000_000_000, usedBytes: 480_000_000_000, freeBytes: 30_000_000_000, freePercent: 5.9, system: true, removable: false }],
      }),
      software: ok({
        packages: [{ name: '微信', version: '3.9.12', publisher: 'Tencent', installDate: '2026-10-01', installLocation: null, arch: 'x86', source: 'registry' }],
        truncated: false,
      }),
      antivirus: ok({
        products: [{ name: 'Microsoft Defender Antivirus', vendor: 'Microsoft', version: '4.18.24090.11', enabled: true, realtimeProtection: null, mode: 'active', signaturesUpToDate: true, signatureVersion: '1.421.50.0', signaturesUpdatedAt: '2026-11-28T06:00:00.000Z', lastScanAt: null, source: 'SecurityCenter2 AntiVirusProduct' }],
      }),
      backup: { status: 'permission-denied', durationMs: 3, error: 'Time Machine settings are protected', missingPermission: 'Full Disk Access', data: null },
    },
  };
}

export function sampleTicket(): TicketSubmission {
  return {
    id: '7d3f7c1e-4f0a-4b8e-9a55-3c2f1d0e9b71',
    subject: '打印机无法打印',
    description: 'Since this morning the printer on the 3rd floor shows "offline".\n二楼的打印机也一样。',
    category: 'printing',
    urgency: 'high',
    impact: 'team',
    contact: { name: 'Marie Dupont', email: 'marie.dupont@example.com', phone: '+33 1 23 45 67 89' },
    attachments: [{ field: 'screenshot-0', name: 'screen-1.png', type: 'image/png', size: 204_800, sha256: 'a'.repeat(64), role: 'screenshot' }],
    diagnostics: {
      collectedAt: '2026-11-29T08:00:01.000Z',
      items: [{ id: 'uptime', status: 'ok', durationMs: 1, summary: 'Up 1 day', data: { uptimeSeconds: 86_400 }, truncated: null }],
      redactions: 0,
      omitted: ['processes'],
      agentVersion: '0.1.0',
    },
    createdAt: '2026-11-29T08:00:02.000Z',
    locale: 'zh-CN',
  };
}
