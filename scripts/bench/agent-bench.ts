/**
 * npm run bench:agent — the agent core's numbers, written to docs/benchmarks.md (agent section):
 *  1. idle RSS and CPU of `deskside-agent run` over 60 s (built dist/, enrolled, nothing due), with the
 *     fusioninventory-agent daemon measured side by side when it is installed;
 *  2. bytes on the wire for an unchanged inventory re-upload (real collectors);
 *  3. ticket submit latency with diagnostics to a local server, p50/p95 over 50 tickets;
 *  4. the tray as a client of the service: memory of the client path next to the embedded agent it
 *     replaces (and what the service holds meanwhile).
 * Everything talks to a server on 127.0.0.1 only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import type { createAgent as CreateAgent } from '../../agent/agent.js';
import { FakeDeviceServer } from '../../test/agent/helpers/fake-device-server.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = join(REPO, 'dist/agent/cli.js');
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 60);
const TICKETS = Number(process.env.BENCH_TICKETS ?? 50);
const log = (m: string) => process.stderr.write(`[bench:agent] ${m}\n`);

function build(): void {
  log('building shared and agent (tsc)…');
  execFileSync('npm', ['run', 'build', '-w', '@deskside/shared'], { cwd: REPO, stdio: 'ignore' });
  try {
    execFileSync('npx', ['tsc', '-p', 'tsconfig.node.json'], { cwd: REPO, stdio: 'ignore' });
  } catch {
    // type errors elsewhere in the tree do not stop tsc from emitting; the CLI must exist though
  }
  if (!existsSync(CLI)) throw new Error(`${CLI} was not built`);
}

/** Async on purpose: the loopback server lives in this process and must keep answering. */
function runCli(dataDir: string, args: string[]): Promise<{ code: number; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, '--data-dir', dataDir, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout }));
  });
}

const CLK_TCK = 100;
function children(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

/** RSS and CPU of a process and its descendants (a round in progress counts against the daemon). */
function procSample(pid: number): { rssKiB: number; cpuTicks: number } | null {
  const own = procSampleOne(pid);
  if (!own) return null;
  let { rssKiB, cpuTicks } = own;
  for (const child of children(pid)) {
    const c = procSample(child);
    if (c) {
      rssKiB += c.rssKiB;
      cpuTicks += c.cpuTicks;
    }
  }
  return { rssKiB, cpuTicks };
}

function procSampleOne(pid: number): { rssKiB: number; cpuTicks: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { rssKiB, cpuTicks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return null;
  }
}

interface IdleResult {
  readonly label: string;
  readonly rssAvgMiB: number;
  readonly rssMaxMiB: number;
  readonly cpuPercent: number;
  readonly cpuMs: number;
}

/** Sample a running process once a second for `seconds` after a settle period. */
async function measureIdle(label: string, pid: number, seconds: number): Promise<IdleResult> {
  const rss: number[] = [];
  const start = procSample(pid);
  if (!start) throw new Error(`${label} is not running`);
  for (let i = 0; i < seconds; i += 1) {
    await new Promise((r) => setTimeout(r, 1000));
    const s = procSample(pid);
    if (!s) throw new Error(`${label} exited during the measurement`);
    rss.push(s.rssKiB / 1024);
  }
  const end = procSample(pid)!;
  const cpuMs = ((end.cpuTicks - start.cpuTicks) * 1000) / CLK_TCK;
  return {
    label,
    rssAvgMiB: rss.reduce((a, b) => a + b, 0) / rss.length,
    rssMaxMiB: Math.max(...rss),
    cpuMs,
    cpuPercent: (cpuMs / (seconds * 1000)) * 100,
  };
}

async function idleBench(
  server: FakeDeviceServer,
  work: string,
): Promise<{ ours: IdleResult; fusion: IdleResult | null; checkins: number; roundPeakMiB: number; roundMs: number }> {
  const dataDir = join(work, 'idle');
  if ((await runCli(dataDir, ['enroll', '--server', server.url, '--enroll-secret', server.enrollSecret])).code !== 0) throw new Error('enroll failed');
  // One sync so the next inventory is a day away: what follows is the daemon at rest.
  await runCli(dataDir, ['sync']);
  const agent = spawn(process.execPath, [CLI, '--data-dir', dataDir, 'run', '--socket', join(work, 'idle-run', 'agent.sock')], { cwd: REPO, stdio: 'ignore' });

  let fusion: ReturnType<typeof spawn> | null = null;
  if (existsSync('/usr/bin/fusioninventory-agent')) {
    const conf = join(work, 'fusion.cfg');
    await writeFile(conf, '');
    fusion = spawn(
      '/usr/bin/fusioninventory-agent',
      ['--config', 'file', '--conf-file', conf, '--server', `${server.url}/fusion/`, '--daemon', '--no-fork', '--no-httpd', '--delaytime', '3600', '--lazy', '--logger', 'stderr'],
      { stdio: 'ignore' },
    );
  }
  log('letting the daemons settle for 5 s…');
  await new Promise((r) => setTimeout(r, 5000));
  const checkinsBefore = server.requests.filter((r) => r.path.endsWith('/checkin')).length;
  log(`sampling idle RSS/CPU for ${IDLE_SECONDS} s…`);
  const [ours, theirs] = await Promise.all([
    measureIdle('deskside-agent run', agent.pid!, IDLE_SECONDS),
    fusion?.pid ? measureIdle('fusioninventory-agent --daemon', fusion.pid, IDLE_SECONDS).catch(() => null) : Promise.resolve(null),
  ]);
  const checkins = server.requests.filter((r) => r.path.endsWith('/checkin')).length - checkinsBefore;
  // One check-in round on demand (SIGHUP), to show what a round costs while it runs.
  const roundStart = server.requests.filter((r) => r.path.endsWith('/checkin')).length;
  agent.kill('SIGHUP');
  let roundPeakMiB = 0;
  const began = performance.now();
  let roundSeen = false;
  while (performance.now() - began < 30_000) {
    const sample = procSample(agent.pid!);
    if (sample) roundPeakMiB = Math.max(roundPeakMiB, sample.rssKiB / 1024);
    if (server.requests.filter((r) => r.path.endsWith('/checkin')).length > roundStart) roundSeen = true;
    if (roundSeen && children(agent.pid!).length === 0) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const roundMs = performance.now() - began;
  agent.kill('SIGTERM');
  fusion?.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 500));
  return { ours, fusion: theirs, checkins, roundPeakMiB, roundMs };
}

async function reuploadBench(server: FakeDeviceServer, work: string): Promise<{ firstBytes: number; unchangedBytes: number; sections: string }> {
  const dataDir = join(work, 'reupload');
  await runCli(dataDir, ['enroll', '--server', server.url, '--enroll-secret', server.enrollSecret]);
  log('collecting a full inventory, then an unchanged one (real collectors)…');
  const puts = () => server.requests.filter((r) => r.method === 'PUT');
  await runCli(dataDir, ['sync']);
  const first = puts().at(-1)?.rawBytes ?? 0;
  const second = await runCli(dataDir, ['sync', '--json']);
  const sections = (JSON.parse(second.stdout || '{}') as { inventory?: { sections: string[] } }).inventory?.sections ?? [];
  return { firstBytes: first, unchangedBytes: puts().at(-1)?.rawBytes ?? 0, sections: sections.join(', ') || 'none' };
}

async function ticketBench(server: FakeDeviceServer, work: string): Promise<{ p50: number; p95: number; max: number; diagnosticsP50: number }> {
  const { createAgent } = (await import(pathToFileURL(join(REPO, 'dist/agent/agent.js')).href)) as { createAgent: typeof CreateAgent };
  const agent = await createAgent({ dataDir: join(work, 'tickets') });
  await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret });
  const times: number[] = [];
  const diag: number[] = [];
  log(`submitting ${TICKETS} tickets with diagnostics…`);
  for (let i = 0; i < TICKETS; i += 1) {
    const started = performance.now();
    const result = await agent.submitTicket({ subject: `Benchmark ticket ${i}`, description: 'Printer offline since this morning.', category: 'printing' });
    times.push(performance.now() - started);
    if (!result.delivered) throw new Error(`ticket ${i} not delivered: ${result.error}`);
    const stored = server.stored.get(result.id)?.body as { diagnostics: { items: { durationMs: number }[] } };
    diag.push(Math.max(...stored.diagnostics.items.map((x) => x.durationMs)));
  }
  await agent.stop();
  const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)] ?? 0;
  return { p50: pct(times, 50), p95: pct(times, 95), max: Math.max(...times), diagnosticsP50: pct(diag, 50) };
}

const CLIENT_SECONDS = Number(process.env.BENCH_CLIENT_SECONDS ?? 10);

/** A process doing what the tray's agent side does, kept alive after `ready` so its memory can be read. */
function trayLikeProcess(script: string, env: NodeJS.ProcessEnv): Promise<{ pid: number; stop: () => void }> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: REPO, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve({ pid: child.pid!, stop: () => child.kill('SIGTERM') });
    });
    child.on('exit', (code) => reject(new Error(`tray-like process exited with ${code}`)));
  });
}

const EMBEDDED_SCRIPT = `
import { createAgent } from '${pathToFileURL(join(REPO, 'dist/agent/agent.js')).href}';
const agent = await createAgent({ dataDir: process.env.BENCH_DATA_DIR });
await agent.enroll({ serverUrl: process.env.BENCH_SERVER, enrollSecret: process.env.BENCH_SECRET });
await agent.start();
await agent.syncNow();
await agent.submitTicket({ subject: 'Benchmark', description: 'embedded', diagnostics: false });
await agent.listTickets({ refresh: true });
console.log('ready');
setInterval(() => undefined, 60_000);
`;

const CLIENT_SCRIPT = `
import { EndpointClient } from '${pathToFileURL(join(REPO, 'dist/agent/endpoint/endpoint-client.js')).href}';
import { ServiceAgent } from '${pathToFileURL(join(REPO, 'dist/agent/endpoint/service-agent.js')).href}';
const agent = new ServiceAgent({ client: new EndpointClient(process.env.BENCH_SOCKET, 'linux') });
agent.onEvent(() => undefined);
await agent.status();
await agent.submitTicket({ subject: 'Benchmark', description: 'through the service', diagnostics: false });
await agent.listTickets({ refresh: true });
console.log('ready');
setInterval(() => undefined, 60_000);
`;

async function clientBench(server: FakeDeviceServer, work: string): Promise<{ embedded: IdleResult; client: IdleResult; service: IdleResult }> {
  const serviceDir = join(work, 'service');
  const socket = join(work, 'service-run', 'agent.sock');
  if ((await runCli(serviceDir, ['enroll', '--server', server.url, '--enroll-secret', server.enrollSecret])).code !== 0) throw new Error('enroll failed');
  const service = spawn(process.execPath, [CLI, '--data-dir', serviceDir, 'run', '--socket', socket], { cwd: REPO, stdio: 'ignore' });
  try {
    for (let i = 0; i < 100 && !existsSync(socket); i += 1) await new Promise((r) => setTimeout(r, 100));
    log(`the tray's agent side: embedded agent vs client of the service, ${CLIENT_SECONDS} s each…`);
    const embeddedProcess = await trayLikeProcess(EMBEDDED_SCRIPT, { BENCH_DATA_DIR: join(work, 'embedded'), BENCH_SERVER: server.url, BENCH_SECRET: server.enrollSecret });
    const embedded = await measureIdle('tray with the embedded agent (enrolled, schedule running, after a sync)', embeddedProcess.pid, CLIENT_SECONDS);
    embeddedProcess.stop();
    const clientProcess = await trayLikeProcess(CLIENT_SCRIPT, { BENCH_SOCKET: socket });
    const [client, serviceSide] = await Promise.all([
      measureIdle('tray as a client of the service (after a ticket, events subscribed)', clientProcess.pid, CLIENT_SECONDS),
      measureIdle('the service meanwhile (daemon + its worker)', service.pid!, CLIENT_SECONDS),
    ]);
    clientProcess.stop();
    return { embedded, client, service: serviceSide };
  } finally {
    service.kill('SIGTERM');
  }
}

function writeSection(markdown: string): void {
  const file = join(REPO, 'docs/benchmarks.md');
  const start = '<!-- bench:agent:start -->';
  const end = '<!-- bench:agent:end -->';
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
}

const f1 = (n: number) => n.toFixed(1);
const f0 = (n: number) => Math.round(n).toString();

build();
const server = await new FakeDeviceServer().start();
const work = await mkdtemp(join(tmpdir(), 'deskside-bench-agent-'));
try {
  const idle = await idleBench(server, work);
  const reupload = await reuploadBench(server, work);
  const tickets = await ticketBench(server, work);
  const clients = await clientBench(server, work);
  const fusionVersion = (() => {
    try {
      return execFileSync('dpkg-query', ['-W', '-f', '${Version}', 'fusioninventory-agent'], { encoding: 'utf8' });
    } catch {
      return 'not installed';
    }
  })();
  const rows = [idle.ours, ...(idle.fusion ? [idle.fusion] : [])]
    .map((r) => `| ${r.label} | ${f1(r.rssAvgMiB)} | ${f1(r.rssMaxMiB)} | ${f0(r.cpuMs)} | ${r.cpuPercent.toFixed(2)} |`)
    .join('\n');
  const md = `
## Agent core: idle daemon, unchanged re-upload, ticket latency

Measured by \`npm run bench:agent\` on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} CPU(s) (${cpus()[0]?.model.trim() ?? 'unknown'}), Node ${process.version}, fusioninventory-agent ${fusionVersion}. Server: a loopback stand-in for the device API on 127.0.0.1. The machine is shared with other builds, so CPU figures carry noise.

**Idle daemon** (${IDLE_SECONDS} s after a 5 s settle; enrolled, inventory not due; RSS of the process and its children sampled every second from /proc; CPU = utime+stime over the window). \`run\` is a small supervisor: each round (check-in, deliveries, inventory) runs in a short-lived \`deskside-agent tick\` process, so the idle daemon holds none of that memory. Goal: ≤ 55 MiB RSS.

| process | RSS avg MiB | RSS max MiB | CPU ms | CPU % |
|---|---:|---:|---:|---:|
${rows}

Check-ins during the window: ${idle.checkins} (15-minute interval; the scheduler wakes at most once a minute). A check-in round on demand (SIGHUP) took ${f0(idle.roundMs)} ms with the daemon and its round together peaking at ${f1(idle.roundPeakMiB)} MiB; the round's memory is returned when it exits.

**Unchanged re-upload** (real collectors, gzip JSON body): first full inventory ${reupload.firstBytes} bytes; the next one with nothing changed **${reupload.unchangedBytes} bytes** (changed sections: ${reupload.sections}). Goal: ≤ 1 KB.

**Ticket submit with diagnostics** (${TICKETS} tickets in one process: gather all diagnostic items in parallel, redact, compose, write to the outbox with fsync, deliver, acknowledge): p50 **${f0(tickets.p50)} ms**, p95 **${f0(tickets.p95)} ms**, max ${f0(tickets.max)} ms; slowest diagnostic item p50 ${f0(tickets.diagnosticsP50)} ms. Goal: p95 ≤ 1500 ms.

**The tray's agent side: client of the service vs the embedded agent it replaces** (the Node part of the tray without Electron; RSS over ${CLIENT_SECONDS} s once each has filed a ticket and listed tickets; the embedded one has also enrolled, synced with real collectors and runs its schedule). A client holds no core, outbox or collectors; the service's worker holds them for every user of the machine and stops after two idle minutes.

| process | RSS avg MiB | RSS max MiB |
|---|---:|---:|
${[clients.embedded, clients.client, clients.service].map((r) => `| ${r.label} | ${f1(r.rssAvgMiB)} | ${f1(r.rssMaxMiB)} |`).join('\n')}

Client / embedded: **${(clients.client.rssAvgMiB / clients.embedded.rssAvgMiB).toFixed(2)}×** the memory per signed-in user.
`;
  writeSection(md);
  process.stdout.write(md);
} finally {
  await server.close();
  await rm(work, { recursive: true, force: true });
}
