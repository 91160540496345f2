import { CONSOLE_API_BASE, type AssetImportReport, type AssetView, type AuditPage, type Dashboard, type DevicePage, type FleetRulesView } from '@deskside/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { deviceLifecycleJob } from '../src/housekeeping/jobs.js';
import { DEFAULT_HISTORY_RETENTION } from '../src/storage/history-retention.js';
import { DATABASES, PASSWORD, checkin, createHarness, enroll, fileTicket, json, login, technician, ticketSubmission, type EnrolledDevice, type Harness, type Session } from './helpers/harness.js';

const DAY = 86_400_000;
const W = { 'x-deskside-console': '1' };

describe.each(DATABASES)('asset records on %s', (kind) => {
  let h: Harness;
  let admin: Session;
  let tech: Session;
  let laptop: EnrolledDevice;
  let desktop: EnrolledDevice;
  let spare: EnrolledDevice;

  beforeAll(async () => {
    h = await createHarness(kind);
    admin = await technician(h, 'root', 'admin');
    tech = await technician(h, 'tina');
    laptop = await enroll(h, { hostname: 'LT-0001', serial: 'SN-LAPTOP' });
    desktop = await enroll(h, { hostname: 'DT-0002', serial: 'SN-DESKTOP' });
    spare = await enroll(h, { hostname: 'DT-0003', serial: 'SN-SPARE' });
  }, 60_000);
  afterAll(async () => {
    await h.close();
  });

  const api = (s: Session, method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, payload?: unknown) =>
    h.app.inject({ method, url: `${CONSOLE_API_BASE}${path}`, headers: { ...s.headers, ...(method === 'GET' ? {} : W) }, ...(payload === undefined ? {} : { payload: payload as object }) });
  const list = async (query: string) => json(await api(tech, 'GET', `/devices?${query}`)) as DevicePage;
  const audit = async (query: string) => json(await api(admin, 'GET', `/audit?${query}`)) as AuditPage;
  const importCsv = async (csv: string, dryRun: boolean) => {
    const res = await api(tech, 'POST', '/assets/import', { csv, dryRun });
    expect(res.statusCode, res.body).toBe(200);
    return json(res) as AssetImportReport;
  };

  it('edits a device record, audits what changed and refuses bad values with 400', async () => {
    const res = await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, {
      assetTag: 'IT-00042',
      owner: ' Alice Martin ',
      department: 'Finance',
      location: 'Paris 3rd floor',
      purchaseDate: '2024-03-15',
      supplier: 'Bechtle',
      warrantyEnd: '2027-03-14',
      notes: 'Docking station included',
    });
    expect(res.statusCode, res.body).toBe(200);
    const view = json(res) as AssetView;
    expect(view.fields).toEqual({
      assetTag: 'IT-00042',
      owner: 'Alice Martin',
      department: 'Finance',
      location: 'Paris 3rd floor',
      purchaseDate: '2024-03-15',
      supplier: 'Bechtle',
      warrantyEnd: '2027-03-14',
      notes: 'Docking station included',
    });
    expect(view.status).toBe('in-use');
    const entries = (await audit(`targetKind=device&targetId=${laptop.deviceId}&action=device.asset-update`)).items;
    expect(entries).toHaveLength(1);
    expect(entries[0]?.details).toMatchObject({ owner: { from: null, to: 'Alice Martin' } });

    // The same values again change nothing and add no audit entry; an empty text clears a field.
    await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, { owner: 'Alice Martin' });
    expect((await audit(`targetId=${laptop.deviceId}&action=device.asset-update`)).total).toBe(1);
    const cleared = json(await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, { notes: '' })) as AssetView;
    expect(cleared.fields.notes).toBeNull();

    const badDate = await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, { warrantyEnd: '2027-02-30' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('not a calendar date');
    expect((await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, {})).statusCode).toBe(400);
    expect((await api(tech, 'PATCH', `/devices/${laptop.deviceId}/asset`, { colour: 'red' })).statusCode).toBe(400);
    expect((await api(tech, 'PATCH', '/devices/00000000-0000-4000-8000-000000000000/asset', { owner: 'x' })).statusCode).toBe(404);
    expect((await api(tech, 'GET', '/devices/00000000-0000-4000-8000-000000000000/asset')).statusCode).toBe(404);
  });

  it('lists, filters and finds devices by their asset record', async () => {
    const page = await list('department=finance');
    expect(page.items.map((d) => d.hostname)).toEqual(['LT-0001']);
    expect(page.items[0]).toMatchObject({ assetTag: 'IT-00042', owner: 'Alice Martin', location: 'Paris 3rd floor', warrantyEnd: '2027-03-14', assetStatus: 'in-use', staleSince: null });
    expect((await list('q=it-00042')).items.map((d) => d.hostname)).toEqual(['LT-0001']);
    expect((await list('owner=alice')).total).toBe(1);
    expect((await list('location=PARIS%203RD%20FLOOR')).total).toBe(1);
    expect((await list('warrantyEndsBefore=2027-03-14')).total).toBe(1);
    expect((await list('warrantyEndsBefore=2027-03-13')).total).toBe(0);
    expect((await list('assetStatus=in-use')).total).toBe(3);
    expect((await list('sort=warrantyEnd&order=desc')).items[0]?.hostname).toBe('LT-0001');
    expect((await api(tech, 'GET', '/devices?assetStatus=lost')).statusCode).toBe(400);
  });

  it('imports a CSV: a dry run reports every bad row by line and writes nothing', async () => {
    const csv = [
      'Serial,Hostname,Asset Tag,Owner,Department,Purchase Date,Warranty End,Status',
      'SN-DESKTOP,,IT-00043,Bob Chen,Sales,2023-01-10,2026-12-01,in use',
      ',dt-0003,IT-00044,,Stock room,,,In Stock',
      'SN-NOPE,,IT-9,,,,,',
      'SN-DESKTOP,,IT-00045,,,,,',
      ',,IT-1,,,,,',
      'SN-LAPTOP,,,,,13/01/2024,,lost',
      'SN-LAPTOP,too,few',
    ].join('\r\n');
    const report = await importCsv(csv, true);
    expect(report.applied).toBe(false);
    expect(report.rows).toBe(7);
    expect(report.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [4, 'device-not-found', 'serial'],
      [5, 'duplicate-row', 'serial'],
      [6, 'no-identifier', null],
      [7, 'invalid-value', 'purchase_date'],
      [7, 'invalid-value', 'status'],
      [8, 'bad-row', null],
    ]);
    expect(report.changes.map((c) => [c.line, c.hostname, c.changed])).toEqual([
      [2, 'DT-0002', ['assetTag', 'owner', 'department', 'purchaseDate', 'warrantyEnd']],
      [3, 'DT-0003', ['assetTag', 'department', 'status']],
    ]);
    // Not a dry run either: one bad row and nothing is written.
    expect((await importCsv(csv, false)).applied).toBe(false);
    const untouched = json(await api(tech, 'GET', `/devices/${desktop.deviceId}/asset`)) as AssetView;
    expect(untouched.fields.assetTag).toBeNull();
  });

  it('imports the good rows whole, in one go, and exports them back in the same columns', async () => {
    const csv = 'serial,hostname,asset_tag,owner,department,warranty_end,status,notes\nSN-DESKTOP,,IT-00043,Bob Chen,Sales,2026-12-01,,"Screen ""27"", cracked"\n,DT-0003,IT-00044,,Stock room,,in-stock,=cmd\n';
    const report = await importCsv(csv, false);
    expect(report.errors).toEqual([]);
    expect(report.applied).toBe(true);
    expect(report.changes).toHaveLength(2);
    const desk = json(await api(tech, 'GET', `/devices/${desktop.deviceId}/asset`)) as AssetView;
    expect(desk.fields).toMatchObject({ assetTag: 'IT-00043', owner: 'Bob Chen', notes: 'Screen "27", cracked' });
    const stock = json(await api(tech, 'GET', `/devices/${spare.deviceId}/asset`)) as AssetView;
    expect(stock.status).toBe('in-stock');
    expect(stock.history[0]).toMatchObject({ from: 'in-use', to: 'in-stock', by: 'TINA', reason: 'CSV import' });
    expect((await audit('action=device.asset-import')).items[0]?.details).toMatchObject({ rows: 2, changed: 2 });
    // Importing the same file again changes nothing.
    const again = await importCsv(csv, true);
    expect([again.changes.length, again.unchanged]).toEqual([0, 2]);

    const res = await api(tech, 'GET', '/assets.csv');
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('serial,hostname,asset_tag,owner,department,location,purchase_date,supplier,warranty_end,notes,status');
    // The formula-like note is defused on the way out and comes back intact on re-import.
    expect(lines.find((l) => l.startsWith('SN-SPARE'))).toBe("SN-SPARE,DT-0003,IT-00044,,Stock room,,,,,'=cmd,in-stock");
    const roundTrip = await importCsv(res.body, true);
    expect([roundTrip.errors, roundTrip.changes]).toEqual([[], []]);
    expect((await api(tech, 'GET', '/assets.csv?assetStatus=in-stock')).body.trim().split('\r\n')).toHaveLength(2);
  });

  it('refuses malformed CSV and unknown columns with a report, and oversized or empty bodies with 400', async () => {
    expect((await importCsv('serial,colour\nSN-1,red\n', true)).errors.map((e) => e.code)).toEqual(['unknown-column']);
    expect((await importCsv('owner\nAlice\n', true)).errors.map((e) => e.code)).toEqual(['no-match-column']);
    expect((await importCsv('serial,owner\nSN-LAPTOP,"Alice\n', true)).errors).toEqual([{ line: 2, code: 'bad-row', column: null, message: 'a quoted cell is never closed' }]);
    expect((await api(tech, 'POST', '/assets/import', { csv: '', dryRun: true })).statusCode).toBe(400);
    expect((await api(tech, 'POST', '/assets/import', { csv: 'serial\n' })).statusCode).toBe(400);
  });

  it('retiring revokes the credential, leaves the health counts and notes a machine that still checks in', async () => {
    expect((await checkin(h, desktop)).statusCode).toBe(200);
    const before = json(await api(tech, 'GET', '/dashboard')) as Dashboard;
    const res = await api(tech, 'POST', `/devices/${desktop.deviceId}/asset/status`, { status: 'retired', reason: 'Replaced by a new laptop' });
    expect(res.statusCode, res.body).toBe(200);
    const view = json(res) as AssetView;
    expect(view.status).toBe('retired');
    expect(view.history[0]).toMatchObject({ from: 'in-use', to: 'retired', by: 'TINA', reason: 'Replaced by a new laptop' });
    expect(view.retiredContactAt).toBeNull();

    expect((await checkin(h, desktop)).statusCode).toBe(401);
    const after = json(await api(tech, 'GET', '/dashboard')) as Dashboard;
    expect(after.devices.total).toBe(before.devices.total - 1);
    const noted = json(await api(tech, 'GET', `/devices/${desktop.deviceId}/asset`)) as AssetView;
    expect(noted.retiredContactAt).not.toBeNull();
    expect((await audit(`targetId=${desktop.deviceId}&action=device.asset-status`)).items[0]?.details).toMatchObject({ from: 'in-use', to: 'retired' });
    expect((await api(tech, 'POST', `/devices/${desktop.deviceId}/asset/status`, { status: 'broken' })).statusCode).toBe(400);
  });

  it('keeps the fleet rules in admin settings, checked', async () => {
    const rules = { staleAfterDays: 14, autoRetireAfterDays: 60, deleteRetiredAfterDays: 365, warrantyWarningDays: 30 };
    const bad = await api(admin, 'PUT', '/settings/fleet-rules', { ...rules, autoRetireAfterDays: 10 });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('autoRetireAfterDays');
    expect((await api(tech, 'GET', '/settings/fleet-rules')).statusCode).toBe(403);
    const saved = json(await api(admin, 'PUT', '/settings/fleet-rules', rules)) as FleetRulesView;
    expect(saved).toMatchObject({ ...rules, updatedBy: 'ROOT' });
    expect((await audit('targetKind=settings&targetId=fleet-rules')).total).toBe(1);
  });

  it('housekeeping flags silent devices, retires them later and deletes retired ones after the retention', async () => {
    const silent = await enroll(h, { hostname: 'GONE-01', serial: 'SN-GONE' });
    const withTicket = await enroll(h, { hostname: 'GONE-02', serial: 'SN-GONE-2' });
    await fileTicket(h, withTicket, ticketSubmission());
    const run = () => deviceLifecycleJob.run({ store: h.store, retention: DEFAULT_HISTORY_RETENTION });
    // Everyone else keeps checking in; these two fall silent.
    const keepAlive = async () => {
      for (const d of [laptop, spare]) expect((await checkin(h, d)).statusCode).toBe(200);
      // Sessions end while the clock jumps weeks ahead: sign in again.
      tech = { ...(await login(h, 'tina', PASSWORD)), id: tech.id };
      admin = { ...(await login(h, 'root', PASSWORD)), id: admin.id };
    };

    h.advance(15 * DAY);
    await keepAlive();
    expect(await run()).toMatchObject({ flaggedStale: 2, autoRetired: 0 });
    expect((await list('stale=true')).items.map((d) => d.hostname).sort()).toEqual(['GONE-01', 'GONE-02']);
    expect((await run()).flaggedStale).toBe(0);

    h.advance(50 * DAY);
    await keepAlive();
    expect(await run()).toMatchObject({ autoRetired: 2, deletedDevices: 0 });
    const retired = json(await api(tech, 'GET', `/devices/${silent.deviceId}/asset`)) as AssetView;
    expect(retired.history[0]).toMatchObject({ to: 'retired', by: 'housekeeping', reason: 'not seen for 60 days' });
    expect((await checkin(h, silent)).statusCode).toBe(401);

    h.advance(366 * DAY);
    await keepAlive();
    const last = await run();
    // The device retired earlier by hand (no ticket) and the silent one go; the one with a ticket stays.
    expect(last.deletedDevices).toBe(2);
    expect((await api(tech, 'GET', `/devices/${silent.deviceId}`)).statusCode).toBe(404);
    expect((await api(tech, 'GET', `/devices/${desktop.deviceId}`)).statusCode).toBe(404);
    expect((await api(tech, 'GET', `/devices/${withTicket.deviceId}`)).statusCode).toBe(200);
    expect((await audit(`targetId=${silent.deviceId}&action=device.delete`)).items[0]?.details).toMatchObject({ hostname: 'GONE-01', serial: 'SN-GONE' });
  });
});
