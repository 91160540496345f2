// Console queries over a large fleet: 100,000 device rows (5 packages each, one of them unique to the
// device so the name catalog is as large as the fleet) in SQLite, then the
// device list, its filters and the dashboard as the console asks for them. Timed in-process, so the
// numbers are the database's and the repository's, without HTTP.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const round = (n) => Math.round(n * 10) / 10;

export async function listScale(root, devices = 100_000) {
  const { openDatabase, migrate } = await import(join(root, 'server/dist/storage/database.js'));
  const { Store } = await import(join(root, 'server/dist/storage/store.js'));
  const { buildDashboard } = await import(join(root, 'server/dist/routes/console/dashboard.js'));
  const dir = mkdtempSync(join(tmpdir(), 'deskside-list-scale-'));
  const handle = openDatabase(`sqlite:${join(dir, 'db.sqlite')}`);
  try {
    await migrate(handle);
    const now = Date.now();
    const raw = handle.raw;
    const insert = raw.prepare(`insert into devices (id, hostname, hardware_uuid, serial, macs, platform, os_name, os_version, ip, logged_in_user,
      manufacturer, model, agent_version, av_state, backup_state, min_free_disk_pct, last_seen_at, enrolled_at, inventory_at,
      full_inventory_requested, outbox_items, search_text) values (?, ?, ?, ?, '[]', ?, ?, ?, ?, ?, 'Dell Inc.', 'Latitude 7440', '0.1.0', ?, ?, ?, ?, ?, ?, 0, 0, ?)`);
    const pkg = raw.prepare('insert or ignore into device_software (device_id, name_id) select ?, id from software_names where name_lower = ?');
    const catalog = raw.prepare('insert or ignore into software_names (name_lower) values (?)');
    const platforms = ['win32', 'win32', 'win32', 'darwin', 'linux'];
    const av = ['ok', 'ok', 'ok', 'ok', 'outdated', 'off', 'unknown'];
    const backup = ['ok', 'ok', 'stale', 'failing', 'none', 'unknown'];
    raw.transaction(() => {
      for (let i = 0; i < devices; i++) {
        const id = randomUUID();
        const host = `PC-${String(i).padStart(6, '0')}`;
        const user = `user${i}`;
        const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
        insert.run(id, host, randomUUID(), `SN${i}`, platforms[i % 5], 'Windows 11 Enterprise', '23H2', ip, user, av[i % 7], backup[i % 6], (i * 37) % 100, now - (i % 20) * 86_400_000, now - 90 * 86_400_000, now, `${host} ${user} ${ip} sn${i}`.toLowerCase());
        // A few common products and one package per device nobody else has: a catalog of 100,000+ names.
        for (const name of ['microsoft edge', 'zoom workplace', i % 50 === 0 ? 'wireshark' : 'microsoft teams', '7-zip', `line-of-business tool ${i}`]) {
          catalog.run(name);
          pkg.run(id, name);
        }
      }
    })();
    const store = new Store(handle, Date.now);
    const base = { sort: 'hostname', order: 'asc', page: 1, pageSize: 50 };
    const cases = [
      ['first page, sorted by host name', base],
      ['page 1,000 of the same list', { ...base, page: 1000 }],
      ['sorted by last seen', { ...base, sort: 'lastSeen', order: 'desc' }],
      ['antivirus off', { ...base, av: 'off' }],
      ['backup failing, Windows', { ...base, backup: 'failing', platform: 'win32' }],
      ['free disk ≤ 10 %', { ...base, maxFreeDiskPercent: 10 }],
      ['not seen for 7 days', { ...base, seenBefore: new Date(now - 7 * 86_400_000).toISOString() }],
      ['search "user4242"', { ...base, q: 'user4242' }],
      ['software contains "wireshark"', { ...base, software: 'wireshark' }],
    ];
    const rows = [];
    for (const [name, q] of cases) {
      await store.devices.list(q);
      const t0 = performance.now();
      const page = await store.devices.list(q);
      rows.push({ name, ms: round(performance.now() - t0), total: page.total });
    }
    await buildDashboard(store, 30);
    const t0 = performance.now();
    await buildDashboard(store, 30);
    rows.push({ name: 'dashboard (every aggregate)', ms: round(performance.now() - t0), total: devices });
    return rows;
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
