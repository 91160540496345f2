#!/usr/bin/env node
// Webhook delivery benchmark: latency (enqueue → received) and throughput to a loopback receiver,
// through the real outbound queue, worker and webhook handler of the built server, on SQLite and,
// when DESKSIDE_BENCH_PG_URL (or DESKSIDE_TEST_PG_URL) names a server, on PostgreSQL. Prints a
// Markdown section and writes it into docs/benchmarks.md ("## Webhook delivery").
//
//   npm run bench:webhooks
//   DESKSIDE_BENCH_WEBHOOKS=500 npm run bench:webhooks     quicker, no doc
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DIST = join(ROOT, 'server', 'dist');
const LATENCY_SAMPLES = Number(process.env.DESKSIDE_BENCH_WEBHOOK_LATENCY ?? 200);
const THROUGHPUT = Number(process.env.DESKSIDE_BENCH_WEBHOOKS ?? 2000);
const PG_URL = process.env.DESKSIDE_BENCH_PG_URL ?? process.env.DESKSIDE_TEST_PG_URL;
const WRITE_DOC = THROUGHPUT >= 2000 && LATENCY_SAMPLES >= 200;

if (!existsSync(join(DIST, 'storage', 'store.js'))) {
  console.error('server/dist is missing: run `npm run bench:webhooks` (it builds first).');
  process.exit(1);
}
const { openDatabase, migrate } = await import(pathToFileURL(join(DIST, 'storage', 'database.js')).href);
const { Store } = await import(pathToFileURL(join(DIST, 'storage', 'store.js')).href);
const { OutboundWorker } = await import(pathToFileURL(join(DIST, 'outbound', 'worker.js')).href);
const { buildOutboundHandlers } = await import(pathToFileURL(join(DIST, 'outbound', 'handlers.js')).href);
const { webhookBody } = await import(pathToFileURL(join(DIST, 'webhooks', 'payloads.js')).href);

const percentile = (sorted, p) => (sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]);
const round = (n, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

/** A receiver that answers 200 at once and tells who waits for which delivery id. */
async function receiver() {
  const waiting = new Map();
  const seen = new Set();
  let received = 0;
  let onCount = null;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200).end('ok');
      const id = req.headers['x-deskside-delivery'];
      received += 1;
      seen.add(id);
      waiting.get(id)?.(performance.now());
      waiting.delete(id);
      if (onCount !== null && received >= onCount.count) onCount.resolve(performance.now());
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    arrival: (id) => (seen.has(id) ? Promise.resolve(performance.now()) : new Promise((resolve) => waiting.set(id, resolve))),
    reach: (count) => new Promise((resolve) => (onCount = { count: count + received, resolve })),
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}

async function run(kind) {
  const dir = mkdtempSync(join(tmpdir(), 'deskside-webhooks-bench-'));
  const schema = `bench_${randomUUID().slice(0, 8)}`;
  const handle = kind === 'sqlite' ? openDatabase(`sqlite:${join(dir, 'bench.db')}`) : openDatabase(PG_URL, { schema, poolSize: 8 });
  await migrate(handle, kind === 'postgres' ? { schema } : {});
  const store = new Store(handle, Date.now);
  const sink = await receiver();
  const results = {};
  try {
    const { subscription } = await store.webhooks.create({ name: 'bench', url: sink.url, events: ['ticket.created'], enabled: true }, 'bench');
    for (const concurrency of [4, 16]) {
      const worker = new OutboundWorker(store.outbound, buildOutboundHandlers({ store }), { concurrency });
      const unsubscribe = store.webhooks.onCommitted(() => void worker.tick());
      worker.start();
      // Latency: one event at a time, enqueued in its own transaction and announced as a request's end does.
      const latencies = [];
      for (let i = 0; i < LATENCY_SAMPLES; i++) {
        const started = performance.now();
        const delivery = await store.webhooks.enqueueTest(subscription.id, webhookBody('ping', { subscriptionId: subscription.id, message: `latency ${i}` }, Date.now()));
        store.webhooks.announce();
        latencies.push((await sink.arrival(delivery.id)) - started);
      }
      latencies.sort((a, b) => a - b);
      // Throughput: a burst enqueued in transactions of 100 events, then drained.
      const body = () => webhookBody('ticket.created', {
        ticket: { id: randomUUID(), number: 1, subject: 'Printer does not print', status: 'new', priority: 'high', category: 'printing', channel: 'tray', requester: 'Alice', teamId: null, assigneeId: null, device: { id: randomUUID(), hostname: 'PC-1' }, createdAt: new Date().toISOString(), updatedAt: new Date().toISOString(), resolvedAt: null },
      }, Date.now());
      const done = sink.reach(THROUGHPUT);
      const started = performance.now();
      for (let i = 0; i < THROUGHPUT; i += 100) {
        await handle.db.transaction().execute(async (trx) => {
          for (let j = i; j < Math.min(THROUGHPUT, i + 100); j++) await store.webhooks.enqueue(trx, [subscription.id], body());
        });
        store.webhooks.announce();
      }
      const enqueuedMs = performance.now() - started;
      const finished = await done;
      results[concurrency] = {
        p50: round(percentile(latencies, 50)),
        p95: round(percentile(latencies, 95)),
        max: round(latencies.at(-1)),
        perSecond: Math.round(THROUGHPUT / ((finished - started) / 1000)),
        enqueuePerSecond: Math.round(THROUGHPUT / (enqueuedMs / 1000)),
      };
      unsubscribe();
      await worker.stop();
      console.log(kind, `concurrency ${concurrency}`, results[concurrency]);
    }
  } finally {
    await sink.close();
    if (kind === 'postgres') await handle.db.schema.dropSchema(schema).ifExists().cascade().execute();
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

const runs = { sqlite: await run('sqlite') };
if (PG_URL) runs.postgres = await run('postgres');
else console.log('note: no DESKSIDE_BENCH_PG_URL / DESKSIDE_TEST_PG_URL; PostgreSQL skipped');

const rows = Object.entries(runs).flatMap(([kind, byConcurrency]) =>
  Object.entries(byConcurrency).map(([c, r]) => `| ${kind === 'sqlite' ? 'SQLite' : 'PostgreSQL 15'} | ${c} | ${r.p50} | ${r.p95} | ${r.max} | ${r.perSecond} | ${r.enqueuePerSecond} |`),
);
const load = loadavg()[0];
const loadNote =
  load > cpus().length * 2
    ? `The load was ${load.toFixed(0)} on ${cpus().length} cores when this ran (other builds shared the machine): read these as a floor, and run it again on a quiet machine before sizing anything on them. `
    : '';
const section = `## Webhook delivery

\`npm run bench:webhooks\` (scripts/bench/webhooks-bench.mjs): the built server's outbound queue, worker and webhook
handler (HMAC signing included) sending to a loopback receiver that answers 200 at once; ${cpus().length} cores, load
${loadavg()[0].toFixed(1)} at the start (the machine is shared). **Latency**: ${LATENCY_SAMPLES} events one at a time, each from
the start of its enqueue transaction until the receiver has the request (the enqueuing request wakes its
instance's worker when it answers; nothing waits for a poll). **Throughput**: ${THROUGHPUT} events enqueued in
transactions of 100, from the first enqueue until the receiver has them all. *Concurrency* is the
worker's attempts in flight per instance (\`concurrency\`, default 4).

| Database | Concurrency | Latency p50 (ms) | p95 (ms) | max (ms) | Delivered / s | Enqueued / s |
|---|---|---|---|---|---|---|
${rows.join('\n')}

${loadNote}A receiver slower than this loopback one bounds throughput at concurrency ÷ its response time per instance;
more instances (or a higher \`concurrency\`) add senders, since each claims its own jobs.
`;
console.log(`\n${section}`);
if (WRITE_DOC) {
  const path = join(ROOT, 'docs', 'benchmarks.md');
  const doc = readFileSync(path, 'utf8');
  const start = doc.indexOf('## Webhook delivery');
  const next = start === -1 ? -1 : doc.indexOf('\n## ', start + 1);
  const updated = start === -1 ? `${doc.trimEnd()}\n\n${section}` : `${doc.slice(0, start)}${section}${next === -1 ? '' : doc.slice(next + 1)}`;
  writeFileSync(path, updated);
  console.log('docs/benchmarks.md updated');
}
