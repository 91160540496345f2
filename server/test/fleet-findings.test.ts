import { randomUUID } from 'node:crypto';

import { AGENT_API_BASE, CONSOLE_API_BASE, FLEET_FINDINGS, type DevicePage, type FleetFinding, type FleetFindings, type NeedsAttentionPage, type Sections } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fleetFindingsSnapshotJob } from '../src/housekeeping/jobs.js';
import { ipv4Network } from '../src/inventory/derive.js';
import { DEFAULT_HISTORY_RETENTION } from '../src/storage/history-retention.js';
import type { DevicesTable } from '../src/storage/tables.js';
import { DATABASES, createHarness, enroll, json, technician, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';
import { fullInventory, fullSections, upload } from './helpers/inventory.js';

const DAY = 86_400_000;

/** A full inventory whose network card, firewall, disk encryption, updates and battery the test chooses. */
function inventory(o: { hostname: string; mac: string; ip: string; firewall?: boolean; encrypted?: boolean; restart?: boolean; securityUpdates?: number; battery?: number | null }) {
  const base = fullSections({ hostname: o.hostname, ipv4: [o.ip] });
  const network = base.network!.data!;
  const sections: Sections = {
    ...base,
    network: { ...base.network!, data: { ...network, interfaces: network.interfaces.map((i) => (i.kind === 'wired' ? { ...i, mac: o.mac } : i)) } },
    firewall: { status: 'ok', durationMs: 1, data: { enabled: o.firewall ?? true, profiles: [], products: [], stealthMode: null } },
    encryption: { status: 'ok', durationMs: 1, data: { volumes: [], systemVolumeProtected: o.encrypted ?? true } },
    updates: {
      status: 'ok',
      durationMs: 1,
      data: { lastInstalled: null, automaticUpdates: true, pendingReboot: o.restart ?? false, pendingRebootReasons: [], pendingUpdates: o.securityUpdates ?? 0, pendingSecurityUpdates: o.securityUpdates ?? 0, sources: [] },
    },
  };
  if (o.battery !== undefined && sections.hardware?.data) {
    sections.hardware = {
      ...sections.hardware,
      data: { ...sections.hardware.data, batteries: o.battery === null ? [] : [{ model: null, manufacturer: null, designCapacityMwh: 50_000, fullChargeCapacityMwh: o.battery * 500, cycleCount: 300, healthPercent: o.battery, chargePercent: 80, charging: false }] },
    };
  }
  return upload({ ...fullInventory({ hostname: o.hostname }), sections });
}

describe('IPv4 networks', () => {
  it('names the network of an address and skips those nobody assigns', () => {
    expect(ipv4Network('10.1.2.3', 24)).toBe('10.1.2.0/24');
    expect(ipv4Network('172.16.200.9', 12)).toBe('172.16.0.0/12');
    expect(ipv4Network('192.168.1.77', null)).toBe('192.168.1.0/24');
    for (const skipped of ['127.0.0.1', '169.254.10.1', '224.0.0.1', '0.0.0.0', '300.1.1.1', 'fe80::1']) expect(ipv4Network(skipped, 24)).toBeNull();
  });
});

describe.each(DATABASES)('fleet findings on %s', (kind) => {
  let h: Harness;
  let tech: Session;
  const devices: Record<string, EnrolledDevice> = {};

  beforeAll(async () => {
    h = await createHarness(kind);
    tech = await technician(h, 'tina');
    for (const name of ['ALPHA', 'BRAVO', 'CHARLIE', 'charlie', 'DELTA']) devices[name] = await enroll(h, { hostname: name });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  const api = async <T>(path: string): Promise<T> => {
    const res = await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}${path}`, headers: tech.headers });
    expect(res.statusCode, res.body).toBe(200);
    return json(res) as T;
  };
  const send = async (name: string, payload: ReturnType<typeof inventory>) => {
    const res = await h.app.inject({ method: 'PUT', url: `${AGENT_API_BASE}/inventory`, headers: devices[name]!.auth, payload });
    expect(res.statusCode, res.body).toBe(200);
  };
  const withFinding = async (f: FleetFinding) => (await api<DevicePage>(`/devices?finding=${f}&pageSize=200`)).items.map((d) => d.hostname).sort();

  it('finds conflicts, duplicates and unprotected machines from what the agents report', async () => {
    await send('ALPHA', inventory({ hostname: 'ALPHA', mac: 'aa:00:00:00:00:01', ip: '10.0.0.50', firewall: false, encrypted: false, restart: true, securityUpdates: 3, battery: 40 }));
    await send('BRAVO', inventory({ hostname: 'BRAVO', mac: 'aa:00:00:00:00:02', ip: '10.0.0.50' }));
    // The same address in another network is no conflict; neither is one machine reporting its own address twice.
    await send('CHARLIE', inventory({ hostname: 'CHARLIE', mac: 'aa:00:00:00:00:03', ip: '10.9.0.50' }));
    await send('charlie', inventory({ hostname: 'charlie', mac: 'aa:00:00:00:00:04', ip: '10.9.0.51', battery: 90 }));
    await send('DELTA', inventory({ hostname: 'DELTA', mac: 'aa:00:00:00:00:05', ip: '10.0.0.60' }));
    await send('DELTA', inventory({ hostname: 'DELTA', mac: 'aa:00:00:00:00:05', ip: '10.0.0.60' }));

    expect(await withFinding('ip-conflict')).toEqual(['ALPHA', 'BRAVO']);
    expect(await withFinding('duplicate-hostname')).toEqual(['CHARLIE', 'charlie']);
    expect(await withFinding('firewall-off')).toEqual(['ALPHA']);
    expect(await withFinding('disk-unencrypted')).toEqual(['ALPHA']);
    expect(await withFinding('battery-weak')).toEqual(['ALPHA']);
    // Pending, but not yet for the rules' days.
    expect(await withFinding('restart-pending')).toEqual([]);
    expect(await withFinding('security-updates-pending')).toEqual([]);

    // A week and a day later ALPHA still reports a pending restart: it has been pending since the first report.
    h.advance(8 * DAY);
    // The session has ended meanwhile.
    tech = await technician(h, 'tina2');
    await send('ALPHA', inventory({ hostname: 'ALPHA', mac: 'aa:00:00:00:00:01', ip: '10.0.0.50', firewall: false, encrypted: false, restart: true, securityUpdates: 3, battery: 40 }));
    expect(await withFinding('restart-pending')).toEqual(['ALPHA']);
    expect(await withFinding('security-updates-pending')).toEqual([]);
    // Those addresses were seen a week ago: no conflict today.
    expect(await withFinding('ip-conflict')).toEqual([]);
    // Restarted: the pending time starts again from zero.
    await send('ALPHA', inventory({ hostname: 'ALPHA', mac: 'aa:00:00:00:00:01', ip: '10.0.0.50', firewall: false, encrypted: false, restart: false, securityUpdates: 3, battery: 40 }));
    expect(await withFinding('restart-pending')).toEqual([]);
  });

  it('counts each finding, lists the devices that need attention with all their findings, and keeps daily trends', async () => {
    const findings = await api<FleetFindings>('/fleet/findings');
    expect(findings.counts).toMatchObject({ 'firewall-off': 1, 'disk-unencrypted': 1, 'battery-weak': 1, 'duplicate-hostname': 2, 'restart-pending': 0, 'ip-conflict': 0 });
    const attention = await api<NeedsAttentionPage>('/fleet/needs-attention');
    expect(attention.items.map((i) => [i.device.hostname, i.findings])).toEqual([
      ['ALPHA', ['firewall-off', 'disk-unencrypted', 'battery-weak']],
      ['CHARLIE', ['duplicate-hostname']],
      ['charlie', ['duplicate-hostname']],
    ]);
    expect(attention.total).toBe(3);

    expect(await fleetFindingsSnapshotJob.run({ store: h.store, retention: DEFAULT_HISTORY_RETENTION })).toMatchObject({ findingsCounted: FLEET_FINDINGS.length });
    const trend = (await api<FleetFindings>('/fleet/findings')).trend;
    expect(trend).toHaveLength(1);
    expect(trend[0]?.counts['firewall-off']).toBe(1);
    expect((await h.app.inject({ method: 'GET', url: `${CONSOLE_API_BASE}/devices?finding=everything`, headers: tech.headers })).statusCode).toBe(400);
  });

  it('agrees with a count made by hand over a generated fleet', async () => {
    // 300 generated devices with every finding's column varied; the expected figures are counted here in plain code.
    const now = h.store.clock();
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const rows: DevicesTable[] = Array.from({ length: 300 }, (_, i) => ({
      id: randomUUID(),
      hostname: `gen-${i}`,
      hardware_uuid: null,
      serial: null,
      macs: '[]',
      platform: 'win32',
      os_name: null,
      os_version: null,
      ip: null,
      logged_in_user: null,
      manufacturer: null,
      model: null,
      agent_version: pick(['0.1.0', '0.9.0', '0.10.0']),
      av_state: 'ok',
      backup_state: 'ok',
      min_free_disk_pct: pick([null, 3, 10, 10.5, 50]),
      last_seen_at: now,
      enrolled_at: now,
      inventory_at: now,
      full_inventory_requested: 0,
      outbox_items: null,
      search_text: `gen-${i}`,
      tag: null,
      public_key: null,
      key_fingerprint: null,
      enroll_state: 'active',
      resembles_device_id: null,
      asset_tag: null,
      owner: null,
      department: null,
      location: null,
      purchase_date: null,
      supplier: null,
      warranty_end: pick([null, new Date(now + 10 * DAY).toISOString().slice(0, 10), new Date(now + 90 * DAY).toISOString().slice(0, 10)]),
      asset_notes: null,
      asset_status: pick(['in-use', 'in-use', 'in-use', 'retired']),
      asset_status_at: null,
      stale_since: pick([null, null, now]),
      retired_contact_at: pick([null, null, now]),
      firewall_state: pick(['on', 'off', 'unknown']),
      encryption_state: pick(['on', 'off', 'unknown']),
      restart_pending_since: pick([null, now - 2 * DAY, now - 30 * DAY]),
      security_updates_since: pick([null, now - 2 * DAY, now - 30 * DAY]),
      battery_health_pct: pick([null, 45, 59.9, 60, 95]),
    }));
    await h.store.db.insertInto('devices').values(rows).execute();
    const all = await h.store.db.selectFrom('devices').selectAll().execute();
    const inUse = all.filter((d) => d.asset_status !== 'retired' && d.asset_status !== 'disposed');
    const today = new Date(now).toISOString().slice(0, 10);
    const soon = new Date(now + 60 * DAY).toISOString().slice(0, 10);
    const hostnames = new Map<string, number>();
    for (const d of inUse) hostnames.set(d.hostname.toLowerCase(), (hostnames.get(d.hostname.toLowerCase()) ?? 0) + 1);
    const expected: Record<Exclude<FleetFinding, 'ip-conflict'>, number> = {
      'duplicate-hostname': inUse.filter((d) => (hostnames.get(d.hostname.toLowerCase()) ?? 0) > 1).length,
      'firewall-off': inUse.filter((d) => d.firewall_state === 'off').length,
      'disk-unencrypted': inUse.filter((d) => d.encryption_state === 'off').length,
      'restart-pending': inUse.filter((d) => d.restart_pending_since !== null && Number(d.restart_pending_since) < now - 7 * DAY).length,
      'security-updates-pending': inUse.filter((d) => d.security_updates_since !== null && Number(d.security_updates_since) < now - 14 * DAY).length,
      'battery-weak': inUse.filter((d) => d.battery_health_pct !== null && d.battery_health_pct < 60).length,
      'low-disk': inUse.filter((d) => d.min_free_disk_pct !== null && d.min_free_disk_pct <= 10).length,
      // 0.10.0 is the newest: 0.9.0 and 0.1.0 are behind (a text sort would say otherwise).
      'agent-behind': inUse.filter((d) => d.agent_version !== '0.10.0').length,
      'warranty-ending': inUse.filter((d) => d.warranty_end !== null && d.warranty_end >= today && d.warranty_end <= soon).length,
      'not-seen': inUse.filter((d) => d.stale_since !== null).length,
      'retired-checking-in': all.filter((d) => d.retired_contact_at !== null && (d.asset_status === 'retired' || d.asset_status === 'disposed')).length,
    };
    const findings = await api<FleetFindings>('/fleet/findings');
    expect(findings.latestAgentVersion).toBe('0.10.0');
    expect(findings.counts).toEqual({ ...expected, 'ip-conflict': 0 });
    for (const [f, n] of Object.entries(expected)) {
      expect(n, f).toBeGreaterThan(0);
      expect((await api<DevicePage>(`/devices?finding=${f}&pageSize=1`)).total, f).toBe(n);
    }
    const attention = await api<NeedsAttentionPage>('/fleet/needs-attention?pageSize=200');
    for (const item of attention.items) for (const f of item.findings) expect(expected[f as keyof typeof expected], f).toBeGreaterThan(0);
  });
});
