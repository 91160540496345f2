// `npm run demo`: the whole product on this machine, on the embedded default (SQLite).
// Starts the server on 127.0.0.1:8080 with a demo data folder, creates an admin and an enrollment secret,
// enrolls this machine with the headless agent, uploads a full inventory, runs the agent service with its
// local endpoint, files a sample ticket through it (as the signed-in user, with real diagnostics), prints
// the console URL, and starts the tray app as the service's client when an Electron binary is available.
// Ctrl-C stops everything.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataDir = join(root, '.demo-data');
const serverDir = join(dataDir, 'server');
const agentDir = join(dataDir, 'agent');
// The demo service's endpoint: the service and its clients (this script's CLI, the tray) agree on it.
const socket = join(dataDir, 'run', 'agent.sock');
const host = process.env.DESKSIDE_DEMO_HOST ?? '127.0.0.1';
const port = Number(process.env.DESKSIDE_DEMO_PORT ?? 8080);
const baseUrl = `http://${host}:${port}`;
const serverCli = join(root, 'server', 'dist', 'cli.js');
const agentCli = join(root, 'dist', 'agent', 'cli.js');
const children = new Set();

const say = (line) => process.stdout.write(`[demo] ${line}\n`);

function fail(message) {
  process.stderr.write(`[demo] ${message}\n`);
  stopAll(1);
}

/** Runs a CLI to completion; returns stdout. Exits the demo with its stderr when it fails. */
function run(cli, args, { input, okCodes = [0], env = {} } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], { input, encoding: 'utf8', cwd: root, env: { ...process.env, ...env } });
  if (!okCodes.includes(result.status ?? -1)) {
    fail(`${[cli.replace(root + '/', ''), ...args].join(' ')} exited ${result.status}:\n${result.stderr || result.stdout}`);
  }
  return result.stdout.trim();
}

function startChild(command, args, env = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

function stopAll(code = 0) {
  for (const child of children) child.kill('SIGTERM');
  const deadline = setTimeout(() => process.exit(code), 5000);
  deadline.unref();
  const check = setInterval(() => {
    if (children.size === 0) {
      clearInterval(check);
      process.exit(code);
    }
  }, 100);
}

async function waitForReady(server) {
  for (let attempt = 0; attempt < 100; attempt++) {
    if (server.exitCode !== null) fail('the server stopped during start-up (is port 8080 taken? set DESKSIDE_DEMO_PORT)');
    try {
      const response = await fetch(`${baseUrl}/readyz`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail(`the server did not become ready at ${baseUrl}`);
}

/** Waits until the agent service answers on its local endpoint. */
async function waitForService() {
  const ping = () =>
    new Promise((resolve) => {
      const req = request({ socketPath: socket, path: `/v1/ping?challenge=${randomBytes(24).toString('hex')}` }, (res) => {
        res.resume();
        resolve(res.statusCode === 200);
      });
      req.on('error', () => resolve(false));
      req.end();
    });
  for (let attempt = 0; attempt < 150; attempt++) {
    if (await ping()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  fail(`the agent service did not answer at ${socket}`);
}

/** The Electron binary, downloading it once (quietly) where this machine can; null where it cannot. */
function electronBinary() {
  const require = createRequire(import.meta.url);
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return null;
  }
  const located = () => {
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  };
  if (located() === null) {
    say('looking for the Electron binary (downloaded once where this machine can reach its host)');
    spawnSync(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  }
  return located();
}

async function main() {
  for (const cli of [serverCli, agentCli]) {
    if (!existsSync(cli)) fail(`${cli} is missing: run \`npm run build\` first (npm run demo does)`);
  }
  mkdirSync(serverDir, { recursive: true });
  mkdirSync(agentDir, { recursive: true });
  const db = ['--data-dir', serverDir];

  run(serverCli, ['migrate', ...db]);
  const passwordFile = join(dataDir, 'admin-password.txt');
  if (!existsSync(passwordFile)) {
    const password = randomBytes(12).toString('base64url');
    run(serverCli, ['admin', 'create', '--username', 'admin', '--display-name', 'Demo Admin', '--password-stdin', ...db], { input: `${password}\n` });
    writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 });
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  say(`starting the server at ${baseUrl} (data in ${serverDir})`);
  // Request logs would bury the demo's own lines; DESKSIDE_LOG_LEVEL=info shows them.
  const server = startChild(process.execPath, [serverCli, 'start', '--host', host, '--port', String(port), ...db], {
    DESKSIDE_LOG_LEVEL: process.env.DESKSIDE_LOG_LEVEL ?? 'warn',
  });
  server.on('exit', (code) => {
    if (!shuttingDown) fail(`the server exited (${code})`);
  });
  await waitForReady(server);

  const agent = ['--data-dir', agentDir];
  const status = JSON.parse(run(agentCli, [...agent, 'status', '--json'], { okCodes: [0, 75, 77] }) || '{}');
  if (status?.enrollment?.state !== 'enrolled' || status?.enrollment?.serverUrl !== baseUrl) {
    const secret = run(serverCli, ['enroll-secret', 'create', '--label', 'demo', '--expires-in-days', '30', ...db]);
    say('enrolling this machine with the headless agent');
    run(agentCli, [...agent, 'enroll', '--server', baseUrl], { env: { DESKSIDE_ENROLL_SECRET: secret } });
  }
  say('collecting and uploading a full inventory');
  run(agentCli, [...agent, 'sync', '--full']);
  say(`starting the agent service (the one holder of this device's identity), serving ${socket}`);
  const service = startChild(process.execPath, [agentCli, ...agent, 'run', '--socket', socket]);
  service.on('exit', (code) => {
    if (!shuttingDown) fail(`the agent service exited (${code})`);
  });
  await waitForService();
  say('filing a sample ticket through the service, as you, with diagnostics gathered now');
  const filed = run(agentCli, [
    'ticket',
    '--json',
    '--subject',
    'Printer on the 3rd floor shows offline / 三楼打印机显示脱机',
    '--description',
    'Since this morning nothing prints. I restarted the PC, same thing.\n从今天早上开始无法打印，重启电脑后仍然一样。',
    '--category',
    'printing',
    '--urgency',
    'high',
  ], { env: { DESKSIDE_AGENT_SOCKET: socket }, okCodes: [0, 75] });
  const ticket = JSON.parse(filed);
  say(`ticket ${ticket.id} ${ticket.delivered ? 'delivered' : `saved; the service sends it (${ticket.error ?? 'will retry'})`}`);

  say('');
  say(`Technician console: ${baseUrl}/`);
  say(`Sign in as admin / ${password}`);
  say('');

  const electron = electronBinary();
  if (electron && existsSync(join(root, 'out', 'main'))) {
    // The tray app is a client of the demo service: no enrollment or queue of its own, one device.
    const trayDir = join(dataDir, 'tray');
    mkdirSync(trayDir, { recursive: true });
    say('starting the tray app as a client of the agent service');
    startChild(electron, ['.'], { DESKSIDE_USER_DATA_DIR: trayDir, DESKSIDE_AGENT_SOCKET: socket });
  } else {
    say('no Electron binary here: the tray app is not started (see README: npm start on a machine that can download it)');
  }
  say('Ctrl-C stops everything.');
}

let shuttingDown = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (shuttingDown) return;
    shuttingDown = true;
    say('stopping');
    stopAll(0);
  });
}

await main();
