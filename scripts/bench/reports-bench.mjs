#!/usr/bin/env node
/**
 * Report latency at 100,000 tickets: `npm run bench:reports`. Seeds a fresh database (SQLite in a
 * temporary folder; PostgreSQL too when DESKSIDE_BENCH_PG_URL is set, in a throw-away schema) with
 * tickets spread over a year across 4 teams, 20 technicians and 1,000 devices, about one in eight
 * with a breach, then times each report and the queue's CSV export through the same code the routes
 * run. Prints a Markdown table for docs/benchmarks.md.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

import { sql } from 'kysely';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (p) => import(join(ROOT, 'server', 'dist', p));
const { migrate, openDatabase } = await dist('storage/database.js');
const { Store } = await dist('storage/store.js');
const { serviceReport, volumeReport, backlogReport } = await dist('routes/console/reports.js');
const { exportQueue } = await dist('routes/console/queue-export.js');

const TICKETS = Number(process.env.DESKSIDE_BENCH_TICKETS ?? 100_000);
const DEVICES = 1000;
const NOW = Date.parse('2026-12-01T00:00:00.000Z');
const DAY = 86_400_000;
const RUNS = 5;

let seed = 42;
const rand = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = (list) => list[Math.floor(rand() * list.length)];

async function seedDatabase(store) {
  const db = store.db;
  const teams = [];
  for (const name of ['Service desk', 'Network', 'Hardware', 'Applications']) teams.push((await store.teams.create({ name })).id);
  const techs = [];
  for (let i = 0; i < 20; i++) techs.push((await store.technicians.create({ username: `tech${i}`, displayName: `Tech ${i}`, password: 'bench password 123', role: 'technician' })).id);
  const devices = [];
  for (let i = 0; i < DEVICES; i += 500) {
    const rows = [];
    for (let j = i; j < Math.min(i + 500, DEVICES); j++) {
      const id = randomUUID();
      devices.push(id);
      rows.push({
        id, hostname: `pc-${j}`, hardware_uuid: null, serial: `SN${j}`, macs: '[]', platform: 'win32', os_name: pick(['Windows 11 Pro', 'Windows 10 Pro', 'macOS', 'Ubuntu']),
        os_version: null, ip: null, logged_in_user: null, manufacturer: 'Dell', model: pick(['Latitude 7440', 'OptiPlex 7010', 'MacBook Air', 'ThinkPad T14', null]),
        agent_version: '0.1.0', av_state: 'ok', backup_state: 'ok', min_free_disk_pct: 50, last_seen_at: NOW, enrolled_at: NOW, inventory_at: null,
        full_inventory_requested: 0, outbox_items: 0, search_text: `pc-${j}`,
      });
    }
    await db.insertInto('devices').values(rows).execute();
  }
  const categories = ['hardware', 'software', 'network', 'printing', 'account', 'other'];
  for (let i = 0; i < TICKETS; i += 500) {
    const tickets = [];
    const breaches = [];
    for (let n = i; n < Math.min(i + 500, TICKETS); n++) {
      const id = randomUUID();
      const created = NOW - Math.floor(rand() * 365 * DAY);
      const team = rand() < 0.95 ? pick(teams) : null;
      const responded = rand() < 0.9 ? created + Math.floor(rand() * 8 * 3_600_000) : null;
      const resolved = responded !== null && rand() < 0.8 ? responded + Math.floor(rand() * 5 * DAY) : null;
      const status = resolved !== null ? pick(['resolved', 'closed']) : pick(['new', 'open', 'waiting-on-user']);
      tickets.push({
        id, number: n + 1, device_id: pick(devices), subject: `Ticket ${n}`, description: 'bench', category: pick(categories), urgency: 'medium', impact: 'single',
        computed_priority: 'medium', priority_override: null, priority_rank: 1, status, assignee_id: rand() < 0.9 ? pick(techs) : null, contact: '{}', requester: null,
        requester_account: null, locale: null, diagnostics: null, submitted_at: created, created_at: created, updated_at: resolved ?? responded ?? created,
        device_updated_at: created, status_changed_at: created, resolved_at: resolved, message_count: 1, attachment_count: 0, team_id: team,
        first_response_at: responded, sla_policy_id: null, sla_pauses: '[]', sla_first_response_due_at: created + 4 * 3_600_000, sla_resolution_due_at: created + 3 * DAY, sla_next_due_at: null,
      });
      if (rand() < 0.125) breaches.push({ id: randomUUID(), ticket_id: id, target: pick(['first-response', 'resolution']), due_at: created, recorded_at: created, policy_id: null, team_id: team, assignee_id: null, priority: 'medium' });
    }
    await db.insertInto('tickets').values(tickets).execute();
    if (breaches.length > 0) await db.insertInto('sla_breaches').values(breaches).onConflict((oc) => oc.doNothing()).execute();
  }
  return teams;
}

async function time(fn) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(RUNS / 2)], max: samples[RUNS - 1] };
}

async function bench(kind, url, options) {
  const handle = openDatabase(url, options);
  await migrate(handle, options);
  const store = new Store(handle, () => NOW);
  const seedStart = performance.now();
  const teams = await seedDatabase(store);
  if (kind === 'PostgreSQL') await sql`analyze`.execute(store.db);
  const seeded = ((performance.now() - seedStart) / 1000).toFixed(0);
  const iso = (ms) => new Date(ms).toISOString();
  const month = { from: iso(NOW - 30 * DAY), to: iso(NOW) };
  const year = { from: iso(NOW - 366 * DAY), to: iso(NOW) };
  const cases = [
    ['service levels, 30 days (≈8,200 tickets)', () => serviceReport(store, month)],
    ['service levels, a year (100,000 tickets)', () => serviceReport(store, year)],
    ['service levels, a year, one team', () => serviceReport(store, { ...year, teamId: teams[1] })],
    ['volume (category, model, OS), a year', () => volumeReport(store, year)],
    ['backlog by age', () => backlogReport(store, undefined)],
    ['queue CSV, one team\u2019s open tickets', () => exportQueue(store, { teamIds: [teams[1]], status: ['new', 'open', 'waiting-on-user'], sort: 'updated', order: 'desc' })],
  ];
  const rows = [];
  for (const [name, fn] of cases) {
    const r = await time(fn);
    rows.push(`| ${kind} | ${name} | ${r.median.toFixed(0)} ms | ${r.max.toFixed(0)} ms |`);
    console.error(rows.at(-1));
  }
  await handle.close();
  return { rows, seeded };
}

const out = [];
const dir = mkdtempSync(join(tmpdir(), 'deskside-reports-bench-'));
try {
  const s = await bench('SQLite', `sqlite:${join(dir, 'deskside.db')}`, {});
  out.push(...s.rows);
  console.error(`SQLite seeded in ${s.seeded} s`);
  if (process.env.DESKSIDE_BENCH_PG_URL) {
    const schema = `bench_${randomBytes(4).toString('hex')}`;
    const p = await bench('PostgreSQL', process.env.DESKSIDE_BENCH_PG_URL, { schema });
    out.push(...p.rows);
    const cleanup = openDatabase(process.env.DESKSIDE_BENCH_PG_URL);
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(cleanup.db);
    await cleanup.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`Measured by \`npm run bench:reports\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.version}), ${TICKETS.toLocaleString('en')} tickets, median and slowest of ${RUNS} runs.\n`);
console.log('| Database | Report | Median | Slowest |\n| --- | --- | --- | --- |');
console.log(out.join('\n'));
