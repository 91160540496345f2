// The technicians' console in Chromium over a large installation: 100,000 devices and 100,000 tickets
// generated straight into SQLite, the production console build served by the real server, and the
// time from navigation to a usable first page (the table's first row on screen) of the queue and the
// device list. Run with `npm run bench:console`; the numbers go into docs/benchmarks.md.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '../..');
const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const DEVICES = Number(process.env.BENCH_DEVICES ?? 100_000);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 100_000);
const RUNS = 5;
const PASSWORD = 'correct horse battery staple';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (n) => Math.round(n);

/** Rows straight into the tables (the repositories would take minutes at this size); columns the schema defaults are left out. */
function seed(raw, now) {
  const deviceIds = [];
  const insertDevice = raw.prepare(`insert into devices (id, hostname, hardware_uuid, serial, macs, platform, os_name, os_version, ip, logged_in_user,
      manufacturer, model, agent_version, av_state, backup_state, min_free_disk_pct, last_seen_at, enrolled_at, inventory_at,
      full_inventory_requested, outbox_items, search_text) values (?, ?, ?, ?, '[]', ?, 'Windows 11 Enterprise', '23H2', ?, ?, 'Dell Inc.', 'Latitude 7440', '0.1.0', ?, ?, ?, ?, ?, ?, 0, 0, ?)`);
  const insertTicket = raw.prepare(`insert into tickets (id, number, device_id, subject, description, category, urgency, impact, computed_priority,
      priority_override, priority_rank, status, assignee_id, contact, requester, requester_account, locale, diagnostics, submitted_at, created_at,
      updated_at, device_updated_at, status_changed_at, resolved_at, message_count, attachment_count)
      values (?, ?, ?, ?, ?, ?, 'medium', 'me', 'medium', null, 1, ?, null, ?, ?, null, 'en', null, ?, ?, ?, ?, ?, ?, 0, 0)`);
  const platforms = ['win32', 'win32', 'win32', 'darwin', 'linux'];
  const av = ['ok', 'ok', 'ok', 'ok', 'outdated', 'off', 'unknown'];
  const backup = ['ok', 'ok', 'stale', 'failing', 'none', 'unknown'];
  const statuses = ['new', 'open', 'waiting-on-user', 'resolved', 'closed', 'closed', 'closed'];
  const categories = ['hardware', 'software', 'network', 'printing', 'account', 'other'];
  raw.transaction(() => {
    for (let i = 0; i < DEVICES; i++) {
      const id = randomUUID();
      deviceIds.push(id);
      const host = `PC-${String(i).padStart(6, '0')}`;
      const user = `user${i}`;
      const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
      insertDevice.run(id, host, randomUUID(), `SN${i}`, platforms[i % 5], ip, user, av[i % 7], backup[i % 6], (i * 37) % 100, now - (i % 20) * 86_400_000, now - 90 * 86_400_000, now, `${host} ${user} ${ip} sn${i}`.toLowerCase());
    }
    for (let i = 0; i < TICKETS; i++) {
      const created = now - (TICKETS - i) * 60_000;
      const status = statuses[i % statuses.length];
      const contact = JSON.stringify({ name: `User ${i}`, email: `user${i}@example.org`, phone: null });
      insertTicket.run(randomUUID(), i + 1, deviceIds[i % deviceIds.length], `Ticket ${i + 1}: printer on floor ${i % 9} does not print`, 'Nothing comes out.', categories[i % 6], status, contact, `User ${i}`, created, created, created, created, created, status === 'resolved' || status === 'closed' ? created : null);
    }
  })();
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`note: ${CHROMIUM} is missing (apt-get install -y chromium); nothing measured`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'deskside-console-bench-'));
  const consoleDir = join(dir, 'console');
  execFileSync(join(ROOT, 'node_modules/.bin/vite'), ['build', '--config', join(ROOT, 'server/console/vite.config.ts'), '--outDir', consoleDir, '--emptyOutDir', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  const { openDatabase, migrate } = await import(join(ROOT, 'server/dist/storage/database.js'));
  const { openRuntime } = await import(join(ROOT, 'server/dist/runtime.js'));
  const { buildApp } = await import(join(ROOT, 'server/dist/app.js'));
  const { chromium } = await import('playwright-core');
  const databaseUrl = `sqlite:${join(dir, 'deskside.db')}`;

  const seedStart = performance.now();
  const handle = openDatabase(databaseUrl);
  await migrate(handle);
  seed(handle.raw, Date.now());
  handle.raw.pragma('optimize');
  await handle.db.destroy();
  console.log(`seeded ${DEVICES} devices and ${TICKETS} tickets in ${round((performance.now() - seedStart) / 1000)} s`);

  const runtime = await openRuntime({ databaseUrl, dataDir: dir });
  const app = await buildApp({ store: runtime.store, blobs: runtime.blobs, consoleDir, rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
  const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  await runtime.store.technicians.create({ username: 'ada', displayName: 'Ada Lovelace', password: PASSWORD, role: 'admin' });
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    page.setDefaultTimeout(60_000);
    await page.goto(`${baseUrl}/queue`);
    await page.getByLabel('User name').fill('ada');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: 'Tickets' }).locator('tbody tr').first().waitFor();

    const pages = [
      ['Queue (open tickets, newest first)', '/queue', 'Tickets'],
      ['Queue, all statuses', '/queue?status=all', 'Tickets'],
      ['Devices, sorted by host name', '/devices', 'Devices'],
      ['Devices, antivirus off', '/devices?av=off', 'Devices'],
    ];
    const rows = [];
    for (const [name, path, table] of pages) {
      const usable = [];
      const api = [];
      for (let run = 0; run < RUNS; run++) {
        // A fresh load each time, as a technician opening the console would: HTML, scripts, session, data.
        const t0 = performance.now();
        const response = page.waitForResponse((r) => r.url().includes(table === 'Tickets' ? '/api/v1/console/tickets?' : '/api/v1/console/devices?'));
        await page.goto(`${baseUrl}${path}`, { waitUntil: 'commit' });
        const res = await response;
        await page.getByRole('table', { name: table }).locator('tbody tr').first().waitFor();
        usable.push(performance.now() - t0);
        const timing = res.request().timing();
        api.push(timing.responseEnd);
      }
      rows.push({ name, median: round(median(usable)), max: round(Math.max(...usable)), api: round(median(api)) });
    }
    console.log(`\n| First page in Chromium (${DEVICES.toLocaleString('en')} devices, ${TICKETS.toLocaleString('en')} tickets) | median ms | slowest of ${RUNS} ms | list request ms (median) |`);
    console.log('| --- | ---: | ---: | ---: |');
    for (const r of rows) console.log(`| ${r.name} | ${r.median} | ${r.max} | ${r.api} |`);
  } finally {
    await browser.close();
    await app.close();
    await runtime.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
