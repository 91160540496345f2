import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SQUID_BINARY = process.env.DESKSIDE_TEST_SQUID ?? '/usr/sbin/squid';
const BASIC_HELPER = '/usr/lib/squid/basic_ncsa_auth';

export interface SquidUser {
  readonly name: string;
  readonly password: string;
  /** Authenticated, then forbidden (the proxy answers 403). */
  readonly forbidden?: boolean;
}

export interface Squid {
  /** Requires Basic authentication: http://127.0.0.1:port */
  readonly authUrl: string;
  /** Lets loopback clients through without authentication (what a PAC or system proxy points to). */
  readonly openUrl: string;
  /** Lines of Squid's access log so far ("CONNECT 127.0.0.1:1234 alice", …). */
  accessLog(): string[];
  /** Squid logs a tunnel when it closes: waits (bounded, 5 s) for a line that matches. */
  waitForLog(match: (line: string) => boolean, after?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Whether the real Squid can run here; CI must have it (scripts/ci/install-debian-packages.sh). */
export const squidAvailable = (): boolean => existsSync(SQUID_BINARY) && existsSync(BASIC_HELPER);

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function accepting(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * A real Squid on loopback, in a folder of its own under the system temp folder (started as root it
 * drops to the "proxy" account, which must reach every file), in the foreground (-N) with its own configuration: no cache, no
 * DNS, two ports (one requiring Basic authentication against an htpasswd file written here with
 * `openssl passwd -apr1`, one open), and an access log the tests read to prove the traffic went through.
 */
export async function startSquid(users: readonly SquidUser[]): Promise<Squid> {
  const [authPort, openPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(join(tmpdir(), 'deskside-squid-'));
  chmodSync(dir, 0o777);
  const passwd = users.map((u) => `${u.name}:${execFileSync('openssl', ['passwd', '-apr1', u.password], { encoding: 'utf8' }).trim()}`).join('\n');
  writeFileSync(join(dir, 'passwd'), `${passwd}\n`, { mode: 0o644 });
  const forbidden = users.filter((u) => u.forbidden).map((u) => u.name);
  const conf = [
    `http_port 127.0.0.1:${authPort} name=auth`,
    `http_port 127.0.0.1:${openPort} name=open`,
    `pid_filename ${join(dir, 'squid.pid')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    `access_log stdio:${join(dir, 'access.log')} squid`,
    'logfile_rotate 0',
    'cache deny all',
    'cache_mem 8 MB',
    'visible_hostname deskside-test-proxy',
    'pinger_enable off',
    'shutdown_lifetime 0 seconds',
    'dns_v4_first on',
    `coredump_dir ${dir}`,
    `auth_param basic program ${BASIC_HELPER} ${join(dir, 'passwd')}`,
    'auth_param basic children 2 startup=1 idle=1',
    'auth_param basic realm Deskside test proxy',
    'acl open_port myportname open',
    'acl authenticated proxy_auth REQUIRED',
    ...(forbidden.length > 0 ? [`acl forbidden_users proxy_auth ${forbidden.join(' ')}`] : []),
    'acl loopback dst 127.0.0.0/8',
    'http_access deny !loopback',
    'http_access allow open_port',
    ...(forbidden.length > 0 ? ['http_access deny forbidden_users all'] : []),
    'http_access allow authenticated',
    'http_access deny all',
  ].join('\n');
  writeFileSync(join(dir, 'squid.conf'), `${conf}\n`, { mode: 0o644 });
  const child: ChildProcess = spawn(SQUID_BINARY, ['-N', '-f', join(dir, 'squid.conf')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Ready when both ports accept; bounded: 200 tries of 50 ms.
  for (let i = 0; i < 200; i += 1) {
    if (child.exitCode !== null) throw new Error(`squid exited (${child.exitCode}): ${stderr}${existsSync(join(dir, 'cache.log')) ? readFileSync(join(dir, 'cache.log'), 'utf8') : ''}`);
    if ((await accepting(authPort)) && (await accepting(openPort))) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const accessLog = () => (existsSync(join(dir, 'access.log')) ? readFileSync(join(dir, 'access.log'), 'utf8').split('\n').filter((l) => l !== '') : []);
  return {
    accessLog,
    waitForLog: async (match, after = 0) => {
      for (let i = 0; i < 100; i += 1) {
        const line = accessLog().slice(after).find(match);
        if (line !== undefined) return line;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`no matching line in Squid's access log:\n${accessLog().join('\n')}`);
    },
    authUrl: `http://127.0.0.1:${authPort}`,
    openUrl: `http://127.0.0.1:${openPort}`,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
