// Paced daily re-uploads against the server in this process, without HTTP or a simulator competing
// for the cores: isolates the server's own latency and event-loop stalls on SQLite.
// Run after `npm run bench:server` (which builds): node scripts/bench/server-paced-inventory.mjs
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { buildApp } = await import(`${ROOT}/server/dist/app.js`);
const { FsBlobStore } = await import(`${ROOT}/server/dist/attachments/fs-blob-store.js`);
const { migrate, openDatabase } = await import(`${ROOT}/server/dist/storage/database.js`);
const { Store } = await import(`${ROOT}/server/dist/storage/store.js`);
const { inventoryDocument, packageList, prng, sections } = await import(`${ROOT}/scripts/bench/server-inventory.mjs`);
const N = Number(process.env.DESKSIDE_BENCH_DEVICES ?? 600);
const RATE = Number(process.env.DESKSIDE_BENCH_RATE ?? 70);
const dir = mkdtempSync(join(tmpdir(), 'deskside-paced-'));
const handle = openDatabase(`sqlite:${join(dir, 'd.db')}`, { backgroundCheckpoints: process.env.DESKSIDE_BENCH_CHECKPOINTS !== '0' });
await migrate(handle);
const store = new Store(handle, Date.now);
const secret = (await store.secrets.create({ label: 'b', createdBy: 'b' })).value;
const app = await buildApp({ store, blobs: new FsBlobStore(join(dir, 'att')), logger: false, rateLimits: { enrollPerMinute: 1e9, loginPerMinute: 1e9 } });
await app.ready();
const devices = []; const first = []; const again = [];
for (let i = 0; i < N; i++) {
  const r = prng(i + 1); const pkgs = packageList(r, 300 + Math.floor(r() * 701)); const secs = sections(i, r, pkgs);
  const res = await app.inject({ method: 'POST', url: '/api/v1/agent/enroll', payload: { enrollSecret: secret, device: { hostname: `PC-${i}`, hardwareUuid: secs.system.data.hardwareUuid, serial: secs.system.data.serial, macs: [] }, platform: 'win32', osName: 'W', agentVersion: '0.1.0' } });
  devices.push(`Bearer ${JSON.parse(res.body).credential}`);
  first.push(gzipSync(JSON.stringify(inventoryDocument(i, 'full', secs))));
  again.push(gzipSync(JSON.stringify(inventoryDocument(i, 'full', sections(i, prng(i + 7), pkgs)))));
}
const put = (i, body) => app.inject({ method: 'PUT', url: '/api/v1/agent/inventory', headers: { authorization: devices[i], 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: body });
await Promise.all(Array.from({ length: 8 }, async (_, w) => { for (let i = w; i < N; i += 8) await put(i, first[i]); }));
const h = monitorEventLoopDelay({ resolution: 5 }); h.enable();
const lat = []; const rate = RATE; const t0 = performance.now(); const inflight = [];
for (let i = 0; i < N; i++) {
  const sched = t0 + i * 1000 / rate; const w = sched - performance.now(); if (w > 1) await new Promise((r) => setTimeout(r, w));
  inflight.push(put(i, again[i]).then(() => lat.push(performance.now() - sched)));
}
await Promise.all(inflight); h.disable(); lat.sort((a, b) => a - b);
console.log(`${N} devices, ${RATE} daily re-uploads/s, background checkpoints ${process.env.DESKSIDE_BENCH_CHECKPOINTS !== '0' ? 'on' : 'off'}: p50 ${lat[Math.floor(lat.length * 0.5)].toFixed(1)} p99 ${lat[Math.floor(lat.length * 0.99)].toFixed(1)} max ${lat.at(-1).toFixed(1)} loop-delay max ${(h.max / 1e6).toFixed(1)} ms p99 ${(h.percentile(99) / 1e6).toFixed(1)}`);
await app.close(); await handle.close();
rmSync(dir, { recursive: true, force: true });
