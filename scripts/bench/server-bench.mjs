#!/usr/bin/env node
// Deskside server benchmark. This process is the device simulator; the server runs in its own child
// process (the built CLI) on 127.0.0.1. Every phase is bounded in requests and time.
//
//   npm run bench:server                      SQLite, plus PostgreSQL when DESKSIDE_BENCH_PG_URL
//                                             (or DESKSIDE_TEST_PG_URL) names a server
//   DESKSIDE_BENCH_DEVICES=2000 DESKSIDE_BENCH_CONCURRENCY=64 npm run bench:server
//   DESKSIDE_BENCH_SQLITE_WORKERS=1 DESKSIDE_BENCH_LIST_DEVICES=0 DESKSIDE_BENCH_WRITE=0   SQLite, one process, no doc
//   DESKSIDE_BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"                  profile the server
//   DESKSIDE_BENCH_MEMORY_ONLY=1 npm run bench:server       only the memory row (hostile gzip uploads)
//   DESKSIDE_BENCH_MEMORY=0 DESKSIDE_BENCH_PG_INSTANCES=1 ...  skip the memory row and the two-instance run
import { spawn, execFileSync } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import pg from 'pg';
import { Agent, request } from 'undici';

import { freePort, rssOf } from './process-probe.mjs';
import { inventoryDocument, packageList, prng, sections } from './server-inventory.mjs';
import { listScale } from './server-list-scale.mjs';
import { inflationMemory, memoryMarkdown } from './server-memory.mjs';
import { breakdownMarkdown, postgresBreakdown, sqliteBreakdown } from './server-storage-breakdown.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'server', 'dist', 'cli.js');
const DEVICES = Number(process.env.DESKSIDE_BENCH_DEVICES ?? 1000);
const CONCURRENCY = Number(process.env.DESKSIDE_BENCH_CONCURRENCY ?? 32);
const CHECKIN_ROUNDS = Number(process.env.DESKSIDE_BENCH_CHECKIN_ROUNDS ?? 10);
const TICKETS = Math.min(DEVICES, Number(process.env.DESKSIDE_BENCH_TICKETS ?? 200));
const HALF_LOAD_SECONDS = Number(process.env.DESKSIDE_BENCH_HALF_LOAD_SECONDS ?? 10);
const PG_URL = process.env.DESKSIDE_BENCH_PG_URL ?? process.env.DESKSIDE_TEST_PG_URL;
const AGENT = '/api/v1/agent';
// Extra Node.js flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to see where its time goes.
const SERVER_NODE_ARGS = (process.env.DESKSIDE_BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

if (!existsSync(CLI)) {
  console.error('server/dist/cli.js is missing: run `npm run bench:server` (it builds first).');
  process.exit(1);
}

const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** Server CPU seconds so far (user + system): independent of what else competes for the cores. */
function cpuSecondsOf(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/**
 * The server processes under `pid`: itself and, with --workers, its worker processes. Scanning /proc
 * costs the simulator time, so the answer is reused for a second.
 */
const treeCache = new Map();
function processTree(pid) {
  const cached = treeCache.get(pid);
  if (cached !== undefined && performance.now() - cached.at < 1000) return cached.tree;
  const tree = [pid];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) tree.push(Number(d));
    } catch {
      /* gone */
    }
  }
  treeCache.set(pid, { at: performance.now(), tree });
  return tree;
}

const cpuOfAll = (pids) => pids.flatMap(processTree).reduce((sum, pid) => sum + cpuSecondsOf(pid), 0);

async function startServer(db, dataDir, withSecret = true, workers = 1) {
  const port = await freePort();
  const env = {
    ...process.env,
    DESKSIDE_ENROLL_RATE_LIMIT: '100000000',
    DESKSIDE_LOG_LEVEL: 'warn',
    DESKSIDE_CONSOLE_DIR: '',
  };
  delete env.DESKSIDE_ADMIN_PASSWORD;
  const secret = withSecret
    ? execFileSync(process.execPath, [CLI, 'enroll-secret', 'create', '--label', 'bench', '--db', db, '--data-dir', dataDir], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()
    : null;
  const child = spawn(process.execPath, [...SERVER_NODE_ARGS, CLI, 'start', '--host', '127.0.0.1', '--port', String(port), '--workers', String(workers), '--db', db, '--data-dir', dataDir], { env, stdio: ['ignore', 2, 2] });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/readyz`);
      if (r.ok) return { child, base, secret };
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

async function stopServer(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

/** Runs `total` requests with `concurrency` in flight; returns throughput and latency. */
async function closedLoop(name, total, concurrency, makeRequest, rss) {
  const latencies = [];
  let next = 0;
  let failures = 0;
  const errors = {};
  const cpu0 = cpuOfAll(rss.pids);
  const started = performance.now();
  async function worker() {
    while (next < total) {
      const i = next++;
      const t0 = performance.now();
      const status = await makeRequest(i);
      latencies.push(performance.now() - t0);
      if (status >= 400) {
        failures++;
        errors[status] = (errors[status] ?? 0) + 1;
      }
      rss.sample();
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const cpuMs = ((cpuOfAll(rss.pids) - cpu0) * 1000) / total;
  return { name, requests: total, failures, seconds: round(seconds, 2), perSecond: round(total / seconds), p50: round(percentile(latencies, 50), 2), p99: round(percentile(latencies, 99), 2), cpuMs: round(cpuMs, 2), errors };
}

/**
 * Open loop at a fixed rate: requests start on schedule whether or not earlier ones finished, and
 * latency counts from the scheduled start, so a stall shows up in p99 instead of hiding.
 */
async function openLoop(name, ratePerSecond, seconds, makeRequest, rss) {
  const total = Math.max(1, Math.floor(ratePerSecond * seconds));
  const interval = 1000 / ratePerSecond;
  const latencies = [];
  let failures = 0;
  const errors = {};
  const cpu0 = cpuOfAll(rss.pids);
  // The simulator's own stalls delay requests past their schedule and count in their latency.
  const loop = monitorEventLoopDelay({ resolution: 5 });
  loop.enable();
  const started = performance.now();
  const inFlight = [];
  for (let i = 0; i < total; i++) {
    const scheduled = started + i * interval;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(
      makeRequest(i).then((status) => {
        latencies.push(performance.now() - scheduled);
        if (status >= 400) {
          failures++;
          errors[status] = (errors[status] ?? 0) + 1;
        }
        rss.sample();
      }),
    );
  }
  await Promise.all(inFlight);
  loop.disable();
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const cpuMs = ((cpuOfAll(rss.pids) - cpu0) * 1000) / total;
  const simulatorStallMs = round(loop.max / 1e6, 1);
  console.error(`[${name}] p99 ${round(percentile(latencies, 99), 2)} ms; simulator's longest event-loop stall ${simulatorStallMs} ms`);
  return { name, requests: total, failures, seconds: round(elapsed, 2), perSecond: round(total / elapsed), p50: round(percentile(latencies, 50), 2), p99: round(percentile(latencies, 99), 2), cpuMs: round(cpuMs, 2), errors, simulatorStallMs };
}

async function dbBytes(kind, db, dataDir) {
  if (kind === 'sqlite') {
    const file = db.slice('sqlite:'.length);
    return [file, `${file}-wal`, `${file}-shm`].filter(existsSync).reduce((sum, f) => sum + statSync(f).size, 0);
  }
  const client = new pg.Client({ connectionString: db });
  await client.connect();
  const r = await client.query('select pg_database_size(current_database()) as n');
  await client.end();
  void dataDir;
  return Number(r.rows[0].n);
}

async function freshPgDatabase(url) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // A name of its own: other runs may share the PostgreSQL server.
  const name = `deskside_bench_${randomUUID().slice(0, 8)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropPgDatabase(url) {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`drop database if exists ${name}`);
  await admin.end();
}

async function benchmark(kind, instances = 1, workers = 1) {
  const loadBefore = loadavg()[0];
  const dataDir = mkdtempSync(join(tmpdir(), `deskside-bench-${kind}-`));
  const db = kind === 'sqlite' ? `sqlite:${join(dataDir, 'deskside.db')}` : await freshPgDatabase(PG_URL);
  console.error(`\n[${kind} × ${instances}, ${workers} worker(s)] ${DEVICES} devices, concurrency ${CONCURRENCY}`);
  const first = await startServer(db, dataDir, true, workers);
  const servers = [first];
  // Further instances share the database and the attachment folder, as behind a load balancer.
  for (let i = 1; i < instances; i++) servers.push(await startServer(db, dataDir, false));
  const { secret } = first;
  const child = first.child;
  const dispatcher = new Agent({ connections: CONCURRENCY * 2, pipelining: 1, keepAliveTimeout: 30_000 });
  const totalRss = () => servers.flatMap((s) => processTree(s.child.pid)).reduce((sum, pid) => sum + rssOf(pid), 0);
  let maxRss = totalRss();
  // Sampled at most every 20 ms: reading /proc after every response costs the simulator for nothing.
  let sampledAt = 0;
  const sample = () => {
    const now = performance.now();
    if (now - sampledAt < 20) return;
    sampledAt = now;
    maxRss = Math.max(maxRss, totalRss());
  };
  const rss = { pids: servers.map((s) => s.child.pid), sample };
  let turn = 0;
  // Round-robin, as a load balancer without affinity would.
  const nextBase = () => servers[turn++ % servers.length].base;
  const call = async (method, path, { headers = {}, body } = {}) => {
    const res = await request(`${nextBase()}${path}`, { method, headers, body, dispatcher });
    await res.body.dump();
    return res.statusCode;
  };
  const callJson = async (method, path, headers, body) => {
    const res = await request(`${nextBase()}${path}`, { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), dispatcher });
    const text = await res.body.text();
    return { status: res.statusCode, body: text ? JSON.parse(text) : null };
  };

  const results = [];
  const devices = new Array(DEVICES);
  try {
    // Enrollment.
    results.push(
      await closedLoop('enroll', DEVICES, CONCURRENCY, async (i) => {
        const r = await callJson('POST', `${AGENT}/enroll`, {}, {
          enrollSecret: secret,
          device: { hostname: `PC-${String(i).padStart(6, '0')}`, hardwareUuid: randomUUID(), serial: `SN${String(i).padStart(8, '0')}`, macs: ['aa:bb:cc:00:00:01'] },
          platform: 'win32',
          osName: 'Windows 11 Enterprise',
          agentVersion: '0.1.0',
        });
        if (r.status === 200) devices[i] = { auth: { authorization: `Bearer ${r.body.credential}` }, cursor: null };
        return r.status;
      }, rss),
    );

    // Every inventory body of the run, gzip-encoded as the agent sends them, prepared before anything
    // is timed: first uploads, partial uploads (a few packages updated and one installed, protection
    // state changed) and the daily re-uploads of the paced phase. Only the compressed bodies are kept,
    // so the simulator's heap stays small and its garbage collector out of the timings.
    console.error(`[${kind}] preparing ${DEVICES} × 3 inventories`);
    const bodies = [];
    const partials = [];
    const reuploads = [];
    let rawBytes = 0;
    for (let i = 0; i < DEVICES; i++) {
      const r = prng(i + 1);
      const pkgs = packageList(r, 300 + Math.floor(r() * 701));
      const json = JSON.stringify(inventoryDocument(i, 'full', sections(i, r, pkgs)));
      rawBytes += json.length;
      bodies.push(gzipSync(json));
      const changed = pkgs.map((p, k) => (k % 50 === 0 ? { ...p, version: `${p.version}.1` } : p));
      changed.push({ ...pkgs[0], name: `New Tool ${i}`, version: '1.0.0' });
      const all = sections(i, prng(i + 1), changed, { avOk: i % 10 !== 0 });
      partials.push(gzipSync(JSON.stringify(inventoryDocument(i, 'partial', { software: all.software, antivirus: all.antivirus }))));
      reuploads.push(gzipSync(JSON.stringify(inventoryDocument(i, 'full', sections(i, prng(i + 7), pkgs)))));
    }
    const gzBytes = bodies.reduce((s, b) => s + b.length, 0);
    results.push(
      await closedLoop('full inventory', DEVICES, CONCURRENCY, (i) =>
        call('PUT', `${AGENT}/inventory`, { headers: { ...devices[i].auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: bodies[i] }), rss),
    );

    // Check-ins (each device several times, as over several hours).
    results.push(
      await closedLoop('check-in', DEVICES * CHECKIN_ROUNDS, CONCURRENCY, async (n) => {
        const d = devices[n % DEVICES];
        const r = await callJson('POST', `${AGENT}/checkin`, d.auth, { agentVersion: '0.1.0', hostname: 'pc', ticketCursor: d.cursor, outboxItems: 0 });
        if (r.status === 200) d.cursor = r.body.ticketCursor;
        return r.status;
      }, rss),
    );

    // Partial uploads.
    results.push(
      await closedLoop('partial inventory', DEVICES, CONCURRENCY, (i) =>
        call('PUT', `${AGENT}/inventory`, { headers: { ...devices[i].auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: partials[i] }), rss),
    );

    // Tickets with a 200 KB screenshot.
    // The PNG signature first: the server checks an attachment's bytes against its declared type.
    const screenshot = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(200 * 1024 - 8)]);
    for (let i = 8; i < screenshot.length; i++) screenshot[i] = (i * 2654435761) >>> 24;
    const sha = createHash('sha256').update(screenshot).digest('hex');
    results.push(
      await closedLoop('ticket + 200 KB screenshot', TICKETS, Math.min(CONCURRENCY, 16), async (i) => {
        const boundary = `----bench${i}`;
        const ticket = {
          id: randomUUID(),
          subject: `Outlook keeps asking for my password (${i})`,
          description: 'Since this morning Outlook asks for my password every few minutes.',
          category: 'email',
          urgency: 'medium',
          impact: 'me',
          contact: { name: `User ${i}`, email: `user${i}@corp.example`, phone: null },
          attachments: [{ field: 'screenshot', name: 'screenshot.png', type: 'image/png', size: screenshot.length, sha256: sha, role: 'screenshot' }],
          diagnostics: null,
          createdAt: new Date().toISOString(),
          locale: 'fr-FR',
        };
        const body = Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="ticket"\r\n\r\n${JSON.stringify(ticket)}\r\n`),
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="screenshot"; filename="screenshot.png"\r\nContent-Type: image/png\r\n\r\n`),
          screenshot,
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]);
        return call('POST', `${AGENT}/tickets`, { headers: { ...devices[i].auth, 'content-type': `multipart/form-data; boundary=${boundary}` }, body });
      }, rss),
    );

    // Half the measured peak, at a steady rate: the latency a fleet actually sees.
    const peakCheckins = results.find((r) => r.name === 'check-in').perSecond;
    results.push(
      await openLoop(`check-in at ${Math.round(peakCheckins / 2)}/s (half of peak)`, peakCheckins / 2, HALF_LOAD_SECONDS, async (n) => {
        const d = devices[n % DEVICES];
        const r = await callJson('POST', `${AGENT}/checkin`, d.auth, { agentVersion: '0.1.0', hostname: 'pc', ticketCursor: d.cursor, outboxItems: 0 });
        if (r.status === 200) d.cursor = r.body.ticketCursor;
        return r.status;
      }, rss),
    );
    const peakInventories = results.find((r) => r.name === 'full inventory').perSecond;
    const halfInv = Math.max(1, Math.floor(Math.min(DEVICES / HALF_LOAD_SECONDS, peakInventories / 2)));
    // Daily re-uploads, one per device at most (prepared above).
    const halfSeconds = Math.min(HALF_LOAD_SECONDS, DEVICES / halfInv);
    results.push(
      await openLoop(`full inventory at ${halfInv}/s`, halfInv, halfSeconds, (i) =>
        call('PUT', `${AGENT}/inventory`, { headers: { ...devices[i % DEVICES].auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: reuploads[i % DEVICES] }), rss),
    );

    // SQLite: measured after the server closed its connection, when the WAL is folded back in.
    if (kind === 'sqlite') await stopServer(child);
    const bytes = await dbBytes(kind, db, dataDir);
    const storage = kind === 'sqlite' ? await sqliteBreakdown(db.slice('sqlite:'.length)) : await postgresBreakdown(db);
    return {
      kind,
      instances,
      workers,
      results,
      // 1-minute load average before the run (mostly other work on the machine) and at its end (with it).
      load: [round(loadBefore), round(loadavg()[0])],
      serverRssMiB: round(maxRss / 1024 ** 2),
      dbBytesPerDevice: Math.round(bytes / DEVICES),
      dbBytes: bytes,
      storage,
      inventoryRawKiB: round(rawBytes / DEVICES / 1024),
      inventoryGzipKiB: round(gzBytes / DEVICES / 1024),
    };
  } finally {
    await dispatcher.close();
    for (const s of servers) await stopServer(s.child);
    if (kind === 'postgres') await dropPgDatabase(db);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const WHERE_THE_TIME_GOES = `Where an upload's time goes (server CPU per thread from /proc, \`node --cpu-prof\` on the server, and \`node scripts/bench/server-upload-stages.mjs\` in-process; a device's first upload, about 6 ms in all): the request thread about 4.4 ms, libuv's thread pool about 0.6 ms (gunzip of the body, deflate of the stored inventory, inflate of the previous one on a re-upload), V8's garbage-collector threads about 0.9 ms and the SQLite checkpoint thread about 0.15 ms. On the request thread: JSON parse about 0.45 ms; validation about 0.25 ms (zod for the document, the package list by a loop whose rules are read from the same shared schema, zod again for any refusal); package index, diff and rows about 0.5 ms; serialising the merged inventory about 0.25 ms; SQLite about 1.6 ms, 1.2 of it the several hundred package rows (prepared multi-row inserts in key order, about 1.5 µs a row, close to what SQLite takes for rows of this size) and 0.4 ms the commit; the rest HTTP, Fastify and garbage collection. A daily re-upload writes little but reads back and parses the previous inventory (about 0.5 ms). The merge, diff and compression happen before the write transaction, which holds the database's write lock only for the writes; a process that finds the lock taken by another waits for it asynchronously and keeps serving meanwhile. One Node.js process uses one core; \`--workers N\` runs N processes on the same port and SQLite file. On this 2-core machine the simulator needs a good part of a core itself, so a second worker gains only what the simulator leaves of the second core; the per-core figures (last column) are what a server gets from each core it has to itself. SQLite runs its statements on the request thread and PostgreSQL in its own process, so SQLite's paced-inventory p99 suffers most when the cores are shared: \`scripts/bench/server-paced-inventory.mjs\` runs the same paced re-uploads in-process, without HTTP or the simulator, to tell the server's own stalls from that.`;

function markdown(runs, scale) {
  const lines = [];
  lines.push('## Server (device API)');
  lines.push('');
  lines.push(`Measured by \`npm run bench:server\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 1024 ** 3)} GiB RAM, Node ${process.version}. The simulator runs in its own process on the same machine (it competes with the server for the ${cpus().length} cores), over HTTP on 127.0.0.1 with keep-alive; ${DEVICES} simulated devices, ${CONCURRENCY} requests in flight. Inventories carry every section and 300–1,000 packages and are sent gzip-encoded as the agent sends them.`);
  lines.push('');
  const runName = (run) => `${run.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}${run.workers > 1 ? ` --workers ${run.workers}` : ''}${run.instances > 1 ? ` × ${run.instances}` : ''}`;
  lines.push(`Load on the machine (1-minute load average on ${cpus().length} cores, before → at the end of each run; the run itself adds about 2): ${runs.map((r) => `${runName(r)} ${r.load[0]} → ${r.load[1]}`).join(', ')}. Throughput and latency depend on that; the server's CPU time per request does much less, and gives the capacity of one core at 100 %.`);
  lines.push('');
  const sqliteRuns = runs.filter((r) => r.kind === 'sqlite' && r.instances === 1);
  if (sqliteRuns.length > 0) {
    const row = (run, prefix) => run.results.find((r) => r.name.startsWith(prefix));
    const label = (run) => (run.workers > 1 ? `\`--workers ${run.workers}\`` : '1 process');
    const met = (ok) => (ok ? ' ✓' : ' ✗');
    lines.push("Against the goals for one box with SQLite (measured here, simulator on the same cores; ✓ = goal met in that run). The last column is the capacity of one dedicated core from the server's own CPU time per request (1 process):");
    lines.push('');
    lines.push(`| goal | ${sqliteRuns.map(label).join(' | ')} | one core (from CPU time) |`);
    lines.push(`|---|${sqliteRuns.map(() => '---:').join('|')}|---:|`);
    const single = sqliteRuns[0];
    const goal = (text, cell, cpuPrefix) =>
      lines.push(`| ${text} | ${sqliteRuns.map(cell).join(' | ')} | ${cpuPrefix ? `${Math.round(1000 / row(single, cpuPrefix).cpuMs)}/s` : ''} |`);
    goal('≥ 2,000 check-ins/s', (run) => `${row(run, 'check-in').perSecond}/s${met(row(run, 'check-in').perSecond >= 2000)}`, 'check-in');
    goal('≥ 200 full inventories/s (first upload of each device)', (run) => `${row(run, 'full inventory').perSecond}/s${met(row(run, 'full inventory').perSecond >= 200)}`, 'full inventory');
    goal('p99 < 100 ms at half load: check-ins', (run) => `p99 ${row(run, 'check-in at').p99} ms at ${row(run, 'check-in at').perSecond}/s${met(row(run, 'check-in at').p99 < 100)}`);
    goal('p99 < 100 ms at half load: full inventories (daily re-upload)', (run) => `p99 ${row(run, 'full inventory at').p99} ms at ${row(run, 'full inventory at').perSecond}/s${met(row(run, 'full inventory at').p99 < 100)}`, 'full inventory at');
    const best = (prefix, better) => sqliteRuns.map((run) => row(run, prefix)).reduce((a, b) => (better(b, a) ? b : a));
    const verdicts = [
      ['≥ 2,000 check-ins/s', best('check-in', (b, a) => b.perSecond > a.perSecond).perSecond >= 2000],
      ['≥ 200 full inventories/s', best('full inventory', (b, a) => b.perSecond > a.perSecond).perSecond >= 200],
      ['check-in p99 < 100 ms at half load', best('check-in at', (b, a) => b.p99 < a.p99).p99 < 100],
      ['inventory p99 < 100 ms at half load', best('full inventory at', (b, a) => b.p99 < a.p99).p99 < 100],
    ];
    lines.push('');
    lines.push(`Goals met in this run: ${verdicts.filter(([, ok]) => ok).map(([g]) => g).join('; ') || 'none'}. Not met: ${verdicts.filter(([, ok]) => !ok).map(([g]) => g).join('; ') || 'none'}.`);
    lines.push('');
  }
  lines.push(WHERE_THE_TIME_GOES);
  lines.push('');
  for (const run of runs) {
    lines.push(`### ${run.kind === 'sqlite' ? 'SQLite (embedded, WAL)' : 'PostgreSQL 15 (local)'}${run.instances > 1 ? `, ${run.instances} server instances, requests spread round-robin` : ''}${run.workers > 1 ? `, one server with \`--workers ${run.workers}\`` : ''}`);
    lines.push('');
    lines.push('| operation | requests | failures | throughput (/s) | p50 (ms) | p99 (ms) | server CPU per request (ms) | one core\'s capacity (/s) |');
    lines.push('|---|---:|---:|---:|---:|---:|---:|---:|');
    for (const r of run.results) lines.push(`| ${r.name} | ${r.requests} | ${r.failures}${r.failures > 0 ? ` (${Object.entries(r.errors).map(([k, v]) => `${v}× ${k}`).join(', ')})` : ''} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.cpuMs} | ${r.cpuMs > 0 ? Math.round(1000 / r.cpuMs) : '–'} |`);
    lines.push('');
    lines.push(`Server peak RSS ${run.serverRssMiB} MiB${run.instances > 1 || run.workers > 1 ? ' (all processes together)' : ''} · database ${Math.round(run.dbBytesPerDevice / 1024)} KiB per device (latest inventory, software index, history, tickets) · average inventory ${run.inventoryRawKiB} KiB JSON, ${run.inventoryGzipKiB} KiB gzip on the wire.`);
    lines.push('');
    if (run.storage !== undefined && run.instances === 1 && run.workers === 1) {
      lines.push(`Where the database's bytes go (${run.kind === 'sqlite' ? 'SQLite `dbstat`, pages per b-tree' : 'PostgreSQL `pg_table_size` / `pg_relation_size`: heap, TOAST and each index'}):`);
      lines.push('');
      lines.push(breakdownMarkdown(run.storage, DEVICES, run.dbBytes));
      lines.push('');
    }
  }
  if (scale.length > 0) {
    lines.push(`### Console queries at ${LIST_SCALE_DEVICES.toLocaleString('en')} devices (SQLite)`);
    lines.push('');
    lines.push('Device rows generated straight into the database (five packages each, one of them unique to its device, so the catalog of distinct package names is as large as the fleet), then each query timed once warm, in-process (repository and database, no HTTP). Every list answer includes its total count. The software filter matches by substring in the catalog of distinct names, then seeks the packages of each device by (device, name), the key of the table: its cost grows with devices × matching names, not with devices × packages.');
    lines.push('');
    lines.push('| query | ms | matching devices |');
    lines.push('|---|---:|---:|');
    for (const r of scale) lines.push(`| ${r.name} | ${r.ms} | ${r.total} |`);
    lines.push('');
  }
  return lines.join('\n');
}

function writeSection(md) {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = '<!-- server-bench:start -->';
  const end = '<!-- server-bench:end -->';
  const block = `${start}\n${md}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

/** Peak RSS of one server process under 60 concurrent maximum-size inflations. */
async function memoryRun() {
  const dataDir = mkdtempSync(join(tmpdir(), 'deskside-bench-memory-'));
  console.error('\n[memory] 60 concurrent maximum-size gzip inflations, one process');
  const server = await startServer(`sqlite:${join(dataDir, 'deskside.db')}`, dataDir);
  try {
    return await inflationMemory(server, 60);
  } finally {
    await stopServer(server.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function writeMarked(name, md) {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${md}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

if (process.env.DESKSIDE_BENCH_MEMORY !== '0') {
  const memory = await memoryRun();
  const memoryMd = `## Server memory under hostile uploads\n\nMeasured by \`npm run bench:server\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.version}).\n\n${memoryMarkdown(memory)}\n`;
  console.log(memoryMd);
  if (process.env.DESKSIDE_BENCH_WRITE !== '0') writeMarked('server-memory', memoryMd);
}
if (process.env.DESKSIDE_BENCH_MEMORY_ONLY === '1') process.exit(0);

const PG_INSTANCES = Number(process.env.DESKSIDE_BENCH_PG_INSTANCES ?? 2);
if (!PG_URL) console.error('note: no DESKSIDE_BENCH_PG_URL / DESKSIDE_TEST_PG_URL: PostgreSQL runs skipped');
const SQLITE_WORKERS = Number(process.env.DESKSIDE_BENCH_SQLITE_WORKERS ?? 2);
const runs = [await benchmark('sqlite')];
if (SQLITE_WORKERS > 1) runs.push(await benchmark('sqlite', 1, SQLITE_WORKERS));
if (PG_URL) {
  runs.push(await benchmark('postgres'));
  if (PG_INSTANCES > 1) runs.push(await benchmark('postgres', PG_INSTANCES));
}
const LIST_SCALE_DEVICES = Number(process.env.DESKSIDE_BENCH_LIST_DEVICES ?? 100_000);
console.error(`\n[list] ${LIST_SCALE_DEVICES} devices`);
const scale = LIST_SCALE_DEVICES > 0 ? await listScale(ROOT, LIST_SCALE_DEVICES) : [];
const md = markdown(runs, scale);
console.log(md);
console.log(JSON.stringify(runs, null, 2));
if (process.env.DESKSIDE_BENCH_WRITE !== '0') {
  writeSection(md);
  console.error('\nresults written to docs/benchmarks.md');
}
