import { createHash, randomUUID } from 'node:crypto';

import {
  AGENT_API_BASE,
  EnrollResponseSchema,
  TicketAckSchema,
  type Diagnostics,
  type InventoryDocument,
  type Platform,
  type Sections,
  type TicketSubmission,
} from '@deskside/shared';

/**
 * Seeds a running Deskside server the way real agents would: enroll over the device API, upload inventories,
 * file tickets as multipart with screenshots. Only the loopback server is contacted.
 */

export interface SeededDevice {
  readonly id: string;
  readonly hostname: string;
  readonly auth: { authorization: string };
  readonly doc: InventoryDocument;
}

async function ok(res: Response, what: string): Promise<unknown> {
  const body = (await res.json().catch(() => null)) as unknown;
  if (!res.ok) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

export async function enrollDevice(baseUrl: string, secret: string, doc: InventoryDocument): Promise<SeededDevice> {
  const system = doc.sections.system?.data;
  const res = await fetch(`${baseUrl}${AGENT_API_BASE}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      enrollSecret: secret,
      device: doc.device,
      platform: system?.os.platform ?? 'linux',
      osName: system?.os.name ?? null,
      agentVersion: doc.agentVersion,
    }),
  });
  const enrolled = EnrollResponseSchema.parse(await ok(res, 'enroll'));
  const device = { id: enrolled.deviceId, hostname: doc.device.hostname, auth: { authorization: `Bearer ${enrolled.credential}` }, doc };
  await uploadInventory(baseUrl, device, doc);
  return device;
}

export async function uploadInventory(baseUrl: string, device: Pick<SeededDevice, 'auth'>, doc: InventoryDocument): Promise<void> {
  const res = await fetch(`${baseUrl}${AGENT_API_BASE}/inventory`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...device.auth },
    body: JSON.stringify({ uploadId: randomUUID(), document: doc }),
  });
  await ok(res, 'inventory upload');
}

export interface FileTicketInput {
  readonly subject: string;
  readonly description: string;
  readonly category: TicketSubmission['category'];
  readonly urgency: TicketSubmission['urgency'];
  readonly impact: TicketSubmission['impact'];
  readonly diagnostics: Diagnostics | null;
  readonly screenshot?: Buffer;
  readonly locale?: string;
}

export async function fileTicket(baseUrl: string, device: SeededDevice, input: FileTicketInput): Promise<{ id: string; number: number }> {
  const id = randomUUID();
  const attachments: TicketSubmission['attachments'] = input.screenshot
    ? [
        {
          field: 'screenshot-1',
          name: 'screenshot.png',
          type: 'image/png',
          size: input.screenshot.length,
          sha256: createHash('sha256').update(input.screenshot).digest('hex'),
          role: 'screenshot',
        },
      ]
    : [];
  const submission: TicketSubmission = {
    id,
    subject: input.subject,
    description: input.description,
    category: input.category,
    urgency: input.urgency,
    impact: input.impact,
    contact: { name: 'Grace Hopper', email: 'grace.hopper@example.com', phone: '+49 30 1234 567' },
    attachments,
    diagnostics: input.diagnostics,
    createdAt: new Date().toISOString(),
    locale: input.locale ?? 'en-GB',
  };
  const form = new FormData();
  form.append('ticket', JSON.stringify(submission));
  if (input.screenshot) form.append('screenshot-1', new Blob([new Uint8Array(input.screenshot)], { type: 'image/png' }), 'screenshot.png');
  const res = await fetch(`${baseUrl}${AGENT_API_BASE}/tickets`, { method: 'POST', headers: device.auth, body: form });
  const ack = TicketAckSchema.parse(await ok(res, 'ticket'));
  return { id, number: ack.number };
}

const clone = <T>(v: T): T => structuredClone(v);

export interface Variant {
  readonly n: number;
  readonly platform: Platform;
  readonly osName: string;
  readonly osVersion: string;
  readonly user: string;
  readonly av: 'on' | 'off' | 'outdated';
  readonly backup: 'ok' | 'stale' | 'failing' | 'not-configured';
  readonly systemFreePercent: number;
}

/**
 * A generated device shaped like this machine's real inventory, with its own identity and the
 * protection and disk state the dashboard and filters need to show.
 */
export function variantOf(real: InventoryDocument, v: Variant): InventoryDocument {
  const doc = clone(real);
  const hostname = `${v.platform === 'win32' ? 'WS' : v.platform === 'darwin' ? 'MAC' : 'LNX'}-${String(v.n).padStart(3, '0')}`;
  doc.device = { hostname, hardwareUuid: randomUUID().toUpperCase(), serial: `GEN${v.n}X${v.n * 7}`, macs: [`02:00:00:00:00:${v.n.toString(16).padStart(2, '0')}`] };
  const sections: Sections = doc.sections;
  const sys = sections.system?.data;
  if (sys) {
    sys.hostname = hostname;
    sys.fqdn = `${hostname.toLowerCase()}.corp.example`;
    sys.os = { ...sys.os, platform: v.platform, name: v.osName, version: v.osVersion };
    sys.loggedInUser = v.user;
    sys.serial = doc.device.serial;
    sys.hardwareUuid = doc.device.hardwareUuid;
    sys.manufacturer = v.platform === 'darwin' ? 'Apple Inc.' : 'Lenovo';
    sys.model = v.platform === 'darwin' ? 'MacBook Pro (14-inch, 2023)' : 'ThinkPad T14 Gen 4';
  }
  const size = 512_000_000_000;
  const free = Math.round((size * v.systemFreePercent) / 100);
  sections.storage = {
    status: 'ok',
    durationMs: 20,
    data: {
      disks: [{ device: 'disk0', model: 'Samsung PM9A1 512GB', serial: null, sizeBytes: size, type: 'nvme', interface: 'NVMe', smartStatus: 'ok', removable: false }],
      volumes: [
        {
          mount: v.platform === 'win32' ? 'C:\\' : '/',
          device: null,
          label: null,
          filesystem: v.platform === 'win32' ? 'NTFS' : v.platform === 'darwin' ? 'apfs' : 'ext4',
          sizeBytes: size,
          usedBytes: size - free,
          freeBytes: free,
          freePercent: v.systemFreePercent,
          system: true,
          removable: false,
        },
      ],
    },
  };
  const avName = v.platform === 'win32' ? 'Microsoft Defender Antivirus' : v.platform === 'darwin' ? 'XProtect' : 'ClamAV';
  sections.antivirus = {
    status: 'ok',
    durationMs: 30,
    data: {
      products: [
        {
          name: avName,
          vendor: null,
          version: null,
          enabled: v.av !== 'off',
          realtimeProtection: v.av !== 'off',
          mode: v.av === 'off' ? 'disabled' : 'active',
          signaturesUpToDate: v.av !== 'outdated',
          signatureVersion: null,
          signaturesUpdatedAt: null,
          lastScanAt: null,
          source: 'generated for the console test',
        },
      ],
    },
  };
  sections.backup = {
    status: 'ok',
    durationMs: 10,
    data: {
      staleAfterDays: 7,
      overall: v.backup,
      mechanisms:
        v.backup === 'not-configured'
          ? []
          : [
              {
                product: v.platform === 'darwin' ? 'Time Machine' : v.platform === 'win32' ? 'File History' : 'Déjà Dup',
                kind: 'os',
                configured: true,
                enabled: true,
                lastSuccessAt: new Date(Date.now() - (v.backup === 'ok' ? 1 : 12) * 86_400_000).toISOString(),
                lastAttemptAt: new Date(Date.now() - 86_400_000).toISOString(),
                destination: { name: 'NAS', kind: 'network', encrypted: true },
                state: v.backup,
                reason: v.backup === 'ok' ? 'last backup yesterday' : v.backup === 'stale' ? 'last success 12 days ago' : 'last attempt failed: destination unreachable',
                source: 'generated for the console test',
                missingPermission: null,
              },
            ],
    },
  };
  return doc;
}

/** A device enrolled over the device API with just its identity: this walk needs no inventory. */
export async function enrollBare(baseUrl: string, secret: string, hostname: string): Promise<SeededDevice> {
  const res = await fetch(`${baseUrl}${AGENT_API_BASE}/enroll`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ enrollSecret: secret, device: { hostname, hardwareUuid: null, serial: `SN-${hostname}`, macs: [] }, platform: 'win32', osName: 'Windows 11 Pro', agentVersion: '0.1.0' }),
  });
  if (!res.ok) throw new Error(`enroll failed: ${res.status}`);
  const enrolled = EnrollResponseSchema.parse(await res.json());
  return { id: enrolled.deviceId, hostname, auth: { authorization: `Bearer ${enrolled.credential}` }, doc: null as unknown as InventoryDocument };
}
