import {
  DeviceDetailSchema,
  DevicePageSchema,
  MeResponseSchema,
  TicketDetailSchema,
  TicketPageSchema,
  type DeviceDetail,
  type DeviceSummary,
  type Diagnostics,
  type MeResponse,
  type TicketDetail,
  type TicketSummary,
} from '@deskside/shared';

/** Fixture data built from the shared schemas' documented shapes, and parsed by them so they stay valid. */

export const TECH_ID = '00000000-0000-4000-8000-000000000001';
export const OTHER_TECH_ID = '00000000-0000-4000-8000-000000000002';
export const DEVICE_ID = '10000000-0000-4000-8000-000000000001';
export const TICKET_ID = '20000000-0000-4000-8000-000000000001';

export function me(role: 'admin' | 'technician' = 'admin'): MeResponse {
  return MeResponseSchema.parse({
    technician: {
      id: TECH_ID,
      username: 'ada',
      displayName: 'Ada Admin',
      role,
      disabled: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      lastLoginAt: null,
    },
    sessionExpiresAt: '2099-01-01T00:00:00.000Z',
  });
}

export function ticketSummary(n: number, patch: Partial<TicketSummary> = {}): TicketSummary {
  return {
    id: `20000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    number: n,
    subject: `Printer jams on floor ${n}`,
    status: 'new',
    priority: 'medium',
    computedPriority: 'medium',
    priorityOverridden: false,
    urgency: 'medium',
    impact: 'me',
    category: 'printing',
    device: { id: DEVICE_ID, hostname: 'LAPTOP-ADA' },
    requester: 'Grace',
    assignee: null,
    team: null,
    sla: null,
    createdAt: '2026-11-28T08:00:00.000Z',
    updatedAt: '2026-11-28T09:00:00.000Z',
    messageCount: 0,
    attachmentCount: 0,
    ...patch,
  };
}

export function ticketPage(items: TicketSummary[]) {
  return TicketPageSchema.parse({
    items,
    total: items.length,
    page: 1,
    pageSize: 50,
    counts: {
      new: items.filter((t) => t.status === 'new').length,
      open: items.filter((t) => t.status === 'open').length,
      'waiting-on-user': 0,
      resolved: 3,
      closed: 7,
    },
  });
}

export function diagnostics(): Diagnostics {
  return {
    collectedAt: '2026-11-28T07:59:00.000Z',
    agentVersion: '0.1.0',
    redactions: 2,
    omitted: ['processes'],
    items: [
      {
        // The shapes below are the agent's diagnostics items (agent/diagnostics/items/*).
        id: 'network',
        status: 'ok',
        durationMs: 40,
        summary: '1 interface(s) up, gateway 192.168.1.1 not reachable (no reply), DNS cannot resolve deskside.corp.example (ENOTFOUND)',
        data: {
          interfaces: [{ name: 'Ethernet', addresses: ['192.168.1.23/24'] }],
          gateway: { iface: 'Ethernet', gateway: '192.168.1.1', reach: { ok: false, ms: null, error: 'no reply' } },
          server: { host: 'deskside.corp.example', port: 443, dns: { ok: false, ms: null, addresses: [], error: 'ENOTFOUND' }, tcp: null, tls: null },
          proxy: null,
        },
        truncated: null,
      },
      {
        id: 'disks',
        status: 'ok',
        durationMs: 5,
        summary: 'Low space on C:\\ (10.0 GiB, 4.2% free)',
        data: {
          volumes: [
            { mount: 'C:\\', filesystem: 'NTFS', sizeBytes: 256e9, freeBytes: 10.7e9, freePercent: 4.2 },
            { mount: 'D:\\', filesystem: 'NTFS', sizeBytes: 1e12, freeBytes: 6e11, freePercent: 60 },
          ],
        },
        truncated: null,
      },
      { id: 'pending-reboot', status: 'ok', durationMs: 3, summary: 'Restart pending (WindowsUpdate)', data: { pending: true, reasons: ['WindowsUpdate'] }, truncated: null },
      {
        id: 'protection-summary',
        status: 'ok',
        durationMs: 1,
        summary: 'antivirus: Microsoft Defender disabled; firewall: on; backup: backup stale',
        data: {
          antivirus: { status: 'ok', headline: 'Microsoft Defender disabled', error: null },
          firewall: { status: 'ok', headline: 'on', error: null },
          backup: { status: 'ok', headline: 'backup stale', error: null },
        },
        truncated: null,
      },
      { id: 'recent-errors', status: 'timeout', durationMs: 5000, error: 'event log did not answer in 5 s', summary: null, data: null, truncated: null },
    ],
  };
}

/** "My PC is slow": a struggling laptop's memory, processes, uptime and error log as the agent sends them. */
export function slowPcDiagnostics(): Diagnostics {
  const GiB = 1024 ** 3;
  const item = (id: Diagnostics['items'][number]['id'], data: unknown): Diagnostics['items'][number] => ({ id, status: 'ok', durationMs: 3, summary: null, data: data as Diagnostics['items'][number]['data'], truncated: null });
  return {
    collectedAt: '2026-11-28T07:59:00.000Z',
    agentVersion: '0.1.0',
    redactions: 0,
    omitted: [],
    withheld: ['network', 'recent-errors'],
    items: [
      item('memory', { totalBytes: 8 * GiB, availableBytes: 0.3 * GiB, usedBytes: 7.5 * GiB, swapTotalBytes: 2 * GiB, swapUsedBytes: 1.9 * GiB, pressure: 'high' }),
      item('processes', { count: 312, byCpu: [{ name: 'MsMpEng.exe', pid: 12345, cpuPercent: 87.2, memoryBytes: 3e8, user: null }], byMemory: [{ name: 'chrome.exe', pid: 4, cpuPercent: 12, memoryBytes: 9e8, user: 'ann' }] }),
      item('uptime', { uptimeSeconds: 38 * 86_400 + 3600, bootTime: '2026-10-21T07:00:00.000Z' }),
      // Withheld by policy in the same ticket, as an older agent might still have sent it; shown all the same.
      item('recent-errors', { windowHours: 24, total: 46, capped: false, topSources: [{ source: 'Disk', count: 30 }], events: [] }),
    ],
  };
}

export const HOSTILE_TEXT = '<img src=x onerror="window.__pwned=1"><b>bold</b>\n  第二行 — keep   spacing\n\nПривет';

export function ticketDetail(patch: Partial<TicketDetail> = {}): TicketDetail {
  return TicketDetailSchema.parse({
    ticket: ticketSummary(1, { subject: 'Cannot print <script>alert(1)</script>', attachmentCount: 2 }),
    description: HOSTILE_TEXT,
    contact: { name: 'Grace Hopper', email: 'grace@example.com', phone: '+49 30 1234' },
    requesterAccount: null,
    locale: 'zh-CN',
    submittedAt: '2026-11-28T07:59:30.000Z',
    diagnostics: diagnostics(),
    attachments: [
      {
        id: '30000000-0000-4000-8000-000000000001',
        name: 'screen.png',
        type: 'image/png',
        size: 123456,
        sha256: 'a'.repeat(64),
        role: 'screenshot',
        downloadUrl: `/api/v1/console/tickets/${TICKET_ID}/attachments/30000000-0000-4000-8000-000000000001`,
      },
      {
        id: '30000000-0000-4000-8000-000000000002',
        name: 'log.txt',
        type: 'text/plain',
        size: 2048,
        sha256: 'b'.repeat(64),
        role: 'file',
        downloadUrl: `/api/v1/console/tickets/${TICKET_ID}/attachments/30000000-0000-4000-8000-000000000002`,
      },
    ],
    messages: [
      {
        id: '40000000-0000-4000-8000-000000000001',
        visibility: 'internal',
        author: 'technician',
        authorName: 'Ada Admin',
        technicianId: TECH_ID,
        body: 'Checked the spooler.',
        createdAt: '2026-11-28T08:30:00.000Z',
      },
    ],
    activity: [
      {
        id: '50000000-0000-4000-8000-000000000001',
        at: '2026-11-28T08:10:00.000Z',
        actor: { kind: 'technician', id: TECH_ID, name: 'Ada Admin' },
        action: 'ticket.status',
        target: { kind: 'ticket', id: TICKET_ID },
        details: { before: 'new', after: 'open' },
        ip: '127.0.0.1',
      },
    ],
    teamHistory: [],
    ...patch,
  });
}

export function deviceSummary(n: number, patch: Partial<DeviceSummary> = {}): DeviceSummary {
  return {
    id: n === 1 ? DEVICE_ID : `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    hostname: n === 1 ? 'LAPTOP-ADA' : `PC-${n}`,
    platform: 'win32',
    osName: 'Windows 11 Pro',
    osVersion: '23H2',
    ip: `10.0.0.${n}`,
    loggedInUser: 'ada',
    manufacturer: 'Lenovo',
    model: 'ThinkPad T14',
    serial: `SN${n}`,
    agentVersion: '0.1.0',
    av: 'off',
    backup: 'stale',
    minFreeDiskPercent: 4.2,
    lastSeenAt: '2026-11-28T09:00:00.000Z',
    enrolledAt: '2026-01-01T00:00:00.000Z',
    inventoryAt: '2026-11-28T08:00:00.000Z',
    openTickets: 1,
    tag: n === 1 ? 'Lyon / Accounting' : null,
    enrollState: 'active',
    resemblesDeviceId: null,
    keyBound: true,
    credentialFlaps: 0,
    assetTag: null,
    owner: null,
    department: null,
    location: null,
    warrantyEnd: null,
    assetStatus: 'in-use',
    staleSince: null,
    firewall: 'on',
    encryption: 'on',
    ...patch,
  };
}

export function devicePage(items: DeviceSummary[], total = items.length) {
  return DevicePageSchema.parse({ items, total, page: 1, pageSize: 50 });
}

export function deviceDetail(): DeviceDetail {
  return DeviceDetailSchema.parse({
    device: deviceSummary(1),
    identity: { hostname: 'LAPTOP-ADA', hardwareUuid: null, serial: 'SN1', macs: [] },
    fullInventoryRequested: false,
    outboxItems: 0,
    inventory: {
      collectedAt: '2026-11-28T08:00:00.000Z',
      receivedAt: '2026-11-28T08:00:01.000Z',
      agentVersion: '0.1.0',
      sectionUpdatedAt: { software: '2026-11-28T08:00:00.000Z' },
      sections: {
        software: {
          status: 'ok',
          durationMs: 100,
          data: {
            truncated: false,
            packages: [
              { name: 'Mozilla Firefox', version: '133.0', publisher: 'Mozilla', installDate: '2026-11-01', installLocation: null, arch: 'x64', source: 'registry' },
              { name: '7-Zip', version: '24.08', publisher: 'Igor Pavlov', installDate: null, installLocation: null, arch: 'x64', source: 'registry' },
            ],
          },
        },
        antivirus: {
          status: 'ok',
          durationMs: 10,
          data: {
            products: [
              {
                name: 'Microsoft Defender',
                vendor: 'Microsoft',
                version: null,
                enabled: false,
                realtimeProtection: false,
                mode: 'disabled',
                signaturesUpToDate: null,
                signatureVersion: null,
                signaturesUpdatedAt: null,
                lastScanAt: null,
                source: 'SecurityCenter2',
              },
            ],
          },
        },
        backup: { status: 'permission-denied', durationMs: 3, error: 'Full Disk Access needed to read Time Machine state', missingPermission: 'Full Disk Access', data: null },
      },
    },
    recentHistory: [],
  });
}
