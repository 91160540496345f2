#!/usr/bin/env node
// Deskside soak: nothing lost, nothing doubled, nothing damaged while processes die.
//
// AGENTS agents (separate data folders, each its own device) file TICKETS tickets through the built
// `deskside-agent ticket` command, a third of them in Chinese, some with attachments, some followed by
// `deskside-agent reply`. Beside them, each agent's "daemon rounds" run: `deskside-agent sync
// --no-inventory` on the same data folder (the round's delivery part; inventory collection is left
// out to keep the run short). Agent processes are SIGKILLed at random moments, and the server is
// SIGKILLed and restarted every few seconds. At the end every agent syncs until its queue is empty,
// and the server's database is compared with what the agents acknowledged (exit 0 or 75):
//   lost       acknowledged ticket or reply missing on the server
//   duplicated the same ticket or reply stored more than once
//   corrupted  stored subject, description, reply text or attachment differing from what was sent
// A killed `ticket` command may or may not have saved its ticket; if it is on the server it must be
// whole and single too.
//
//   npm run bench:soak                                       20 agents, 1,000 tickets
//   DESKSIDE_SOAK_AGENTS=5 DESKSIDE_SOAK_TICKETS=100 npm run bench:soak
//   DESKSIDE_SOAK_WRITE=0 …                                  do not write docs/benchmarks.md
import { execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { freePort } from './process-probe.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const SERVER_CLI = join(ROOT, 'server', 'dist', 'cli.js');
const AGENT_CLI = join(ROOT, 'dist', 'agent', 'cli.js');
const AGENTS = Number(process.env.DESKSIDE_SOAK_AGENTS ?? 20);
const TICKETS = Number(process.env.DESKSIDE_SOAK_TICKETS ?? 1000);
/** Agent processes running at once: the machine has few cores and the server needs its share. */
const PARALLEL = Number(process.env.DESKSIDE_SOAK_PARALLEL ?? 8);
const KILL_AGENT_SHARE = Number(process.env.DESKSIDE_SOAK_KILL_SHARE ?? 0.15);
const SERVER_KILL_EVERY_MS = Number(process.env.DESKSIDE_SOAK_SERVER_KILL_MS ?? 8000);

for (const file of [SERVER_CLI, AGENT_CLI]) {
  if (!existsSync(file)) {
    console.error(`${file} is missing: run \`npm run bench:soak\` (it builds first).`);
    process.exit(1);
  }
}

// A fixed seed: the same run shape every time (which commands get killed, when).
let seed = 0x5eed;
const random = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const sha256 = (b) => createHash('sha256').update(b).digest('hex');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const root = mkdtempSync(join(tmpdir(), 'deskside-soak-'));
const serverDir = join(root, 'server');
mkdirSync(serverDir);
const db = `sqlite:${join(serverDir, 'deskside.db')}`;
const env = { ...process.env, DESKSIDE_LOG_LEVEL: 'fatal', DESKSIDE_CONSOLE_DIR: '', DESKSIDE_ENROLL_RATE_LIMIT: '100000' };
delete env.DESKSIDE_ADMIN_PASSWORD;
delete env.DESKSIDE_SERVICE;
const secret = execFileSync(process.execPath, [SERVER_CLI, 'enroll-secret', 'create', '--label', 'soak', '--db', db, '--data-dir', serverDir], {
  env,
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
}).trim();
const secretFile = join(root, 'enroll-secret');
writeFileSync(secretFile, secret, { mode: 0o600 });
const port = await freePort();
const base = `http://127.0.0.1:${port}`;

let server = null;
let serverKills = 0;
async function startServer() {
  const child = spawn(process.execPath, [SERVER_CLI, 'start', '--host', '127.0.0.1', '--port', String(port), '--db', db, '--data-dir', serverDir], { env, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${base}/readyz`)).ok) {
        server = child;
        return;
      }
    } catch {
      /* not listening yet */
    }
    if (child.exitCode !== null) break;
    await sleep(50);
  }
  child.kill('SIGKILL');
  throw new Error('the server did not start');
}
const killServer = async () => {
  const child = server;
  server = null;
  if (child === null || child.exitCode !== null) return;
  const gone = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await gone;
  serverKills += 1;
};

// At most PARALLEL agent processes at once.
let running = 0;
const waiting = [];
async function slot(fn) {
  while (running >= PARALLEL) await new Promise((r) => waiting.push(r));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

let agentKills = 0;
/** Runs the agent CLI; `killAfterMs` SIGKILLs it then (if still running). Resolves { code, stdout, killed }. */
function agentCli(dataDir, args, killAfterMs = null) {
  return slot(
    () =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, [AGENT_CLI, '--data-dir', dataDir, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
        let stdout = '';
        let stderr = '';
        let killed = false;
        child.stdout.on('data', (d) => (stdout += d));
        child.stderr.on('data', (d) => (stderr += d));
        const timer =
          killAfterMs === null
            ? null
            : setTimeout(() => {
                if (child.exitCode === null) {
                  killed = true;
                  agentKills += 1;
                  child.kill('SIGKILL');
                }
              }, killAfterMs);
        child.on('exit', (code) => {
          if (timer) clearTimeout(timer);
          resolve({ code, stdout, stderr, killed });
        });
      }),
  );
}

const CHINESE = ['打印机无法打印', '电脑开机很慢，风扇一直响', '无法连接公司无线网络', 'Outlook 总是要求输入密码', '屏幕闪烁，显示器没有信号'];
const ENGLISH = ['Printer does not print', 'Laptop is very slow to start', 'Cannot join the office Wi-Fi', 'Outlook keeps asking for my password', 'Screen flickers, no signal'];

/** Expected content per ticket marker; `acknowledged` set when the command exited 0 or 75. */
const tickets = new Map();
const replies = new Map();
const outcomes = { delivered: 0, queued: 0, killed: 0, failed: 0, repliesDelivered: 0, repliesQueued: 0, repliesKilled: 0, syncRounds: 0 };

const started = Date.now();
await startServer();
const agents = Array.from({ length: AGENTS }, (_, i) => ({ index: i, dir: join(root, `agent-${i}`), done: false }));
for (const a of agents) {
  mkdirSync(a.dir);
  const r = await agentCli(a.dir, ['enroll', '--server', base, '--enroll-secret-file', secretFile]);
  if (r.code !== 0) throw new Error(`agent ${a.index} did not enroll: ${r.stderr}`);
}

async function fileTickets(agent, count, offset) {
  for (let n = 0; n < count; n++) {
    const marker = `${agent.index}-${offset + n}`;
    const chinese = (offset + n) % 3 === 0;
    const topic = (chinese ? CHINESE : ENGLISH)[(offset + n) % 5];
    const subject = `${topic} #${marker}`;
    const description = chinese ? `从今天早上开始：${topic}。编号 ${marker}，已经重启过两次。` : `Since this morning: ${topic}. Case ${marker}, restarted twice already.`;
    const args = ['ticket', '--subject', subject, '--description', description, '--no-diagnostics', '--json'];
    let attachment = null;
    if ((offset + n) % 4 === 1) {
      const bytes = Buffer.from(`log of ${marker}\n${randomBytes(2048).toString('base64')}\n`);
      const name = chinese ? `错误日志-${marker}.txt` : `error-${marker}.log`;
      const path = join(agent.dir, '..', `${agent.index}-${name}`);
      writeFileSync(path, bytes);
      attachment = { name: `${agent.index}-${name}`, sha256: sha256(bytes), size: bytes.length };
      args.push('--attach', path);
    }
    const kill = random() < KILL_AGENT_SHARE ? Math.floor(random() * 900) : null;
    const r = await agentCli(agent.dir, args, kill);
    const entry = { marker, subject, description, attachment, acknowledged: false, id: null };
    tickets.set(marker, entry);
    if (r.killed) outcomes.killed += 1;
    else if (r.code === 0 || r.code === 75) {
      entry.acknowledged = true;
      entry.id = JSON.parse(r.stdout).id;
      outcomes[r.code === 0 ? 'delivered' : 'queued'] += 1;
    } else outcomes.failed += 1;
    // Some users answer right away (the reply waits in the queue behind its ticket if need be).
    if (entry.acknowledged && (offset + n) % 7 === 2) {
      const message = chinese ? `补充：问题依旧 (${marker})` : `Still happening (${marker})`;
      const rr = await agentCli(agent.dir, ['reply', entry.id, '--message', message], random() < KILL_AGENT_SHARE ? Math.floor(random() * 900) : null);
      const reply = { marker, ticketId: entry.id, message, acknowledged: false };
      replies.set(marker, reply);
      if (rr.killed) outcomes.repliesKilled += 1;
      else if (rr.code === 0 || rr.code === 75) {
        reply.acknowledged = true;
        outcomes[rr.code === 0 ? 'repliesDelivered' : 'repliesQueued'] += 1;
      }
    }
  }
  agent.done = true;
}

/** The daemon's rounds beside the user's commands: deliver the queue now and then, sometimes killed. */
async function rounds(agent) {
  while (!agent.done) {
    await sleep(500 + Math.floor(random() * 1500));
    await agentCli(agent.dir, ['sync', '--no-inventory'], random() < KILL_AGENT_SHARE ? Math.floor(random() * 900) : null);
    outcomes.syncRounds += 1;
  }
}

let chaos = true;
async function serverChaos() {
  while (chaos) {
    await sleep(SERVER_KILL_EVERY_MS / 2 + Math.floor(random() * SERVER_KILL_EVERY_MS));
    if (!chaos) break;
    await killServer();
    await sleep(300 + Math.floor(random() * 1200));
    await startServer();
  }
}

const perAgent = Math.floor(TICKETS / AGENTS);
const extra = TICKETS - perAgent * AGENTS;
console.error(`[soak] ${AGENTS} agents, ${TICKETS} tickets, ${PARALLEL} agent processes at once, server killed every ~${SERVER_KILL_EVERY_MS / 1000} s`);
const chaosDone = serverChaos();
const progress = setInterval(() => console.error(`[soak] ${tickets.size}/${TICKETS} tickets filed, ${agentKills} agent and ${serverKills} server kills`), 15_000);
await Promise.all(agents.flatMap((a) => [fileTickets(a, perAgent + (a.index < extra ? 1 : 0), 0), rounds(a)]));
chaos = false;
await chaosDone;
clearInterval(progress);
if (server === null) await startServer();

// Drain: every agent syncs until its queue is empty (or a few tries).
const leftovers = [];
for (const a of agents) {
  let left = null;
  for (let i = 0; i < 5; i++) {
    const r = await agentCli(a.dir, ['sync', '--no-inventory', '--json']);
    left = r.code === 0 ? [] : (JSON.parse(r.stdout || '{"remaining":[]}').remaining ?? null);
    if (r.code === 0) break;
    await sleep(1000);
  }
  if (left && left.length > 0) leftovers.push({ agent: a.index, items: left.map((i) => ({ label: i.label, error: i.failed?.message ?? i.lastError })) });
}
const elapsedS = Math.round((Date.now() - started) / 1000);
await killServer();

// Compare with the database.
const requireServer = createRequire(join(ROOT, 'server', 'package.json'));
const Database = requireServer('better-sqlite3');
const sqlite = new Database(join(serverDir, 'deskside.db'), { readonly: true });
const stored = sqlite.prepare('select id, subject, description from tickets').all();
const attachments = sqlite.prepare('select ticket_id, name, size, sha256 from attachments').all();
const messages = sqlite.prepare("select ticket_id, body from ticket_messages where author = 'user'").all();
sqlite.close();

const bySubjectMarker = new Map();
for (const t of stored) {
  const marker = /#(\d+-\d+)$/.exec(t.subject)?.[1] ?? '?';
  bySubjectMarker.set(marker, [...(bySubjectMarker.get(marker) ?? []), t]);
}
const result = { lost: [], duplicated: [], corrupted: [], killedThenDelivered: 0 };
for (const [marker, expected] of tickets) {
  const found = bySubjectMarker.get(marker) ?? [];
  if (found.length === 0) {
    if (expected.acknowledged) result.lost.push(`ticket ${marker}`);
    continue;
  }
  if (!expected.acknowledged) result.killedThenDelivered += 1;
  if (found.length > 1) result.duplicated.push(`ticket ${marker} ×${found.length}`);
  const t = found[0];
  if (t.subject !== expected.subject || t.description !== expected.description) result.corrupted.push(`ticket ${marker} text`);
  if (expected.id !== null && t.id !== expected.id) result.corrupted.push(`ticket ${marker} id`);
  const att = attachments.filter((a) => a.ticket_id === t.id);
  if (expected.attachment === null ? att.length !== 0 : att.length !== 1 || att[0].sha256 !== expected.attachment.sha256 || att[0].size !== expected.attachment.size || att[0].name !== expected.attachment.name) {
    result.corrupted.push(`ticket ${marker} attachment`);
  }
}
for (const marker of bySubjectMarker.keys()) if (!tickets.has(marker)) result.corrupted.push(`unknown ticket ${marker}`);
for (const [marker, expected] of replies) {
  const found = messages.filter((m) => m.body === expected.message);
  if (found.length === 0 && expected.acknowledged) result.lost.push(`reply ${marker}`);
  if (found.length > 1) result.duplicated.push(`reply ${marker} ×${found.length}`);
  if (found.length > 0 && found.some((m) => m.ticket_id !== expected.ticketId)) result.corrupted.push(`reply ${marker} on another ticket`);
}

const summary = {
  agents: AGENTS,
  tickets: TICKETS,
  elapsedS,
  agentKills,
  serverKills,
  outcomes,
  stored: { tickets: stored.length, attachments: attachments.length, replies: messages.length },
  lost: result.lost.length,
  duplicated: result.duplicated.length,
  corrupted: result.corrupted.length,
  killedThenDelivered: result.killedThenDelivered,
  leftovers,
  details: { lost: result.lost.slice(0, 20), duplicated: result.duplicated.slice(0, 20), corrupted: result.corrupted.slice(0, 20) },
};
console.log(JSON.stringify(summary, null, 2));
rmSync(root, { recursive: true, force: true });

const md = [
  '## Soak: tickets while agents and the server are killed',
  '',
  `Measured by \`npm run bench:soak\` on ${new Date().toISOString().slice(0, 10)} (${cpus().length} cores, Node ${process.version}; ${elapsedS} s). ${AGENTS} agents with separate data folders (each its own device) filed ${TICKETS} tickets with the built \`deskside-agent ticket\` command, a third in Chinese, a quarter with an attachment, one in seven followed by \`deskside-agent reply\`; beside them each agent's daemon rounds (\`sync --no-inventory\` on the same data folder) ran every 0.5–2 s. ${Math.round(KILL_AGENT_SHARE * 100)} % of agent commands were SIGKILLed at a random moment in their first 0.9 s (${agentKills} kills), and the server was SIGKILLed and restarted ${serverKills} times. Then every agent synced until its queue was empty, and the database was compared with what the agents had acknowledged (exit 0 or 75).`,
  '',
  '| lost | duplicated | corrupted | goal |',
  '|---:|---:|---:|:---:|',
  `| ${summary.lost} | ${summary.duplicated} | ${summary.corrupted} | ${summary.lost + summary.duplicated + summary.corrupted === 0 ? '0/0/0 ✓' : '✗'} |`,
  '',
  `Ticket commands: ${outcomes.delivered} delivered at once (exit 0), ${outcomes.queued} saved and queued (75), ${outcomes.killed} killed (${result.killedThenDelivered} of those had saved their ticket, which was then delivered once), ${outcomes.failed} other exits. Replies: ${outcomes.repliesDelivered} delivered, ${outcomes.repliesQueued} queued, ${outcomes.repliesKilled} killed. Stored: ${stored.length} tickets, ${attachments.length} attachments, ${messages.length} replies. Queues left non-empty after the final syncs: ${leftovers.length}.`,
  '',
].join('\n');
console.log(md);
if (process.env.DESKSIDE_SOAK_WRITE !== '0') {
  const file = join(ROOT, 'docs', 'benchmarks.md');
  const start = '<!-- soak:start -->';
  const end = '<!-- soak:end -->';
  const block = `${start}\n${md}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  if (text.includes(start) && text.includes(end)) text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  else text = `${text.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, text);
  console.error('results written to docs/benchmarks.md');
}
process.exit(summary.lost + summary.duplicated + summary.corrupted === 0 ? 0 : 1);
