// Where one inventory upload's server CPU goes, stage by stage, in this process (no HTTP, no
// simulator): reading the body, validating it, reading the previous inventory, planning the write,
// the write itself, and the whole request through app.inject for comparison.
// Run after `npm run bench:server` (which builds): node scripts/bench/server-upload-stages.mjs
//   DESKSIDE_BENCH_DEVICES=300 (uploads per phase), DESKSIDE_BENCH_PG_URL=postgres://… (PostgreSQL too)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const { buildApp } = await import(`${ROOT}/server/dist/app.js`);
const { FsBlobStore } = await import(`${ROOT}/server/dist/attachments/fs-blob-store.js`);
const { migrate, openDatabase } = await import(`${ROOT}/server/dist/storage/database.js`);
const { Store } = await import(`${ROOT}/server/dist/storage/store.js`);
const { InventoryUploadSchema } = await import('@deskside/shared');
const { inventoryDocument, packageList, prng, sections } = await import(`${ROOT}/scripts/bench/server-inventory.mjs`);

const N = Number(process.env.DESKSIDE_BENCH_DEVICES ?? 300);
const PG_URL = process.env.DESKSIDE_BENCH_PG_URL;
const AGENT = '/api/v1/agent';

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Mean CPU ms of `fn` over `items`, run one after another. */
async function stage(items, fn) {
  const c0 = cpuMs();
  for (const item of items) await fn(item);
  return (cpuMs() - c0) / items.length;
}

async function run(url) {
  const dir = mkdtempSync(join(tmpdir(), 'deskside-stages-'));
  const handle = openDatabase(url ?? `sqlite:${join(dir, 'd.db')}`, { backgroundCheckpoints: true });
  await migrate(handle);
  const store = new Store(handle, Date.now);
  const secret = (await store.secrets.create({ label: 'b', createdBy: 'b' })).value;
  const app = await buildApp({ store, blobs: new FsBlobStore(join(dir, 'att')), logger: false, rateLimits: { enrollPerMinute: 1e9, loginPerMinute: 1e9 } });
  await app.ready();
  const devices = [];
  const docs = [];
  for (let i = 0; i < 4 * N; i++) {
    const r = prng(i + 1);
    const pkgs = packageList(r, 300 + Math.floor(r() * 701));
    const secs = sections(i, r, pkgs);
    const res = await app.inject({ method: 'POST', url: `${AGENT}/enroll`, payload: { enrollSecret: secret, device: { hostname: `PC-${i}`, hardwareUuid: secs.system.data.hardwareUuid, serial: secs.system.data.serial, macs: [] }, platform: 'win32', osName: 'W', agentVersion: '0.1.0' } });
    const { deviceId, credential } = JSON.parse(res.body);
    devices.push({ id: deviceId, auth: `Bearer ${credential}` });
    docs.push({ first: gzipSync(JSON.stringify(inventoryDocument(i, 'full', secs))), again: gzipSync(JSON.stringify(inventoryDocument(i, 'full', sections(i, prng(i + 7), pkgs)))) });
  }
  const put = (i, body) => app.inject({ method: 'PUT', url: `${AGENT}/inventory`, headers: { authorization: devices[i].auth, 'content-type': 'application/json', 'content-encoding': 'gzip' }, payload: body });
  const range = (from) => Array.from({ length: N }, (_, k) => from + k);
  const out = {};
  // Warm-up (devices 3N..4N-1), so the timings below are of compiled code.
  for (const i of range(3 * N)) await put(i, docs[i].first);
  for (const i of range(3 * N)) await put(i, docs[i].again);
  // Whole requests: devices 0..N-1 first uploads, then their re-uploads.
  out['inject: first upload'] = await stage(range(0), (i) => put(i, docs[i].first));
  out['inject: daily re-upload'] = await stage(range(0), (i) => put(i, docs[i].again));
  // Stages on devices N..2N-1 (first upload) and then again (re-upload).
  const texts = docs.map((d) => gunzipSync(d.first).toString('utf8'));
  out['gunzip'] = await stage(range(N), (i) => gunzipSync(docs[i].first));
  out['JSON.parse'] = await stage(range(N), (i) => JSON.parse(texts[i]));
  const parsed = texts.map((t) => JSON.parse(t));
  out['zod: upload schema'] = await stage(range(N), (i) => InventoryUploadSchema.parse(parsed[i]));
  const valid = parsed.map((p, i) => (i >= N && i < 2 * N ? InventoryUploadSchema.parse(p) : null));
  out['repo.ingest: first'] = await stage(range(N), (i) => store.inventory.ingest(devices[i].id, valid[i].uploadId, valid[i].document, '127.0.0.1'));
  const again = docs.map((d, i) => (i >= N && i < 2 * N ? InventoryUploadSchema.parse(JSON.parse(gunzipSync(d.again).toString('utf8'))) : null));
  out['repo.latest'] = await stage(range(N), (i) => store.inventory.latest(devices[i].id));
  out['repo.ingest: re-upload'] = await stage(range(N), (i) => store.inventory.ingest(devices[i].id, again[i].uploadId, again[i].document, '127.0.0.1'));
  await app.close();
  await handle.close();
  rmSync(dir, { recursive: true, force: true });
  return out;
}

for (const [name, url] of [['sqlite', undefined], ...(PG_URL ? [['postgres', PG_URL]] : [])]) {
  const out = await run(url);
  console.log(`${name}: CPU ms per upload (${N} uploads each)`);
  for (const [k, v] of Object.entries(out)) console.log(`  ${k.padEnd(26)} ${v.toFixed(2)}`);
}
