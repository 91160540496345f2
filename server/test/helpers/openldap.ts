import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Client } from 'ldapts';

export const SLAPD = '/usr/sbin/slapd';
export const SLAPADD = '/usr/sbin/slapadd';
/** CI installs slapd (scripts/ci/install-debian-packages.sh); elsewhere the LDAP suite may be skipped. */
export const HAVE_SLAPD = existsSync(SLAPD) && existsSync(SLAPADD);
if (!HAVE_SLAPD && process.env.CI) throw new Error('slapd is missing: scripts/ci/install-debian-packages.sh installs slapd and ldap-utils');

export const BASE = 'dc=example,dc=com';
export const SERVICE_DN = `cn=deskside,ou=services,${BASE}`;
export const SERVICE_PASSWORD = 'service-account-password';
const ROOT_DN = `cn=admin,${BASE}`;
const ROOT_PASSWORD = 'root-password-for-the-test-directory';

export interface TestPerson {
  readonly uid: string;
  readonly cn: string;
  readonly password: string;
}

export interface TestDirectory {
  readonly url: string;
  close(): Promise<void>;
}

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const accepts = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

/**
 * A real OpenLDAP (slapd, mdb backend, memberof overlay) in a temporary folder on a loopback port,
 * not daemonised, so it ends with the tests. People are loaded with slapadd before it starts; groups
 * are added over LDAP afterwards so the memberof overlay writes each member's memberOf.
 */
export async function startOpenLdap(people: readonly TestPerson[], groups: Readonly<Record<string, readonly string[]>>): Promise<TestDirectory> {
  const dir = await mkdtemp(join(tmpdir(), 'deskside-slapd-'));
  await mkdir(join(dir, 'db'));
  const conf = join(dir, 'slapd.conf');
  await writeFile(
    conf,
    [
      'include /etc/ldap/schema/core.schema',
      'include /etc/ldap/schema/cosine.schema',
      'include /etc/ldap/schema/inetorgperson.schema',
      'include /etc/ldap/schema/nis.schema',
      'modulepath /usr/lib/ldap',
      'moduleload back_mdb',
      'moduleload memberof',
      `pidfile ${join(dir, 'slapd.pid')}`,
      'database mdb',
      'maxsize 10485760',
      `suffix "${BASE}"`,
      `rootdn "${ROOT_DN}"`,
      `rootpw ${ROOT_PASSWORD}`,
      `directory ${join(dir, 'db')}`,
      'overlay memberof',
      // Passwords: only for binding. Everything else: the service account and each person themselves may read.
      'access to attrs=userPassword by anonymous auth by self auth by * none',
      `access to * by dn.exact="${SERVICE_DN}" read by self read by * none`,
      '',
    ].join('\n'),
  );
  const entry = (lines: string[]) => lines.join('\n');
  const ldif = [
    entry([`dn: ${BASE}`, 'objectClass: dcObject', 'objectClass: organization', 'o: Example', 'dc: example']),
    entry([`dn: ou=people,${BASE}`, 'objectClass: organizationalUnit', 'ou: people']),
    entry([`dn: ou=groups,${BASE}`, 'objectClass: organizationalUnit', 'ou: groups']),
    entry([`dn: ou=services,${BASE}`, 'objectClass: organizationalUnit', 'ou: services']),
    entry([`dn: ${SERVICE_DN}`, 'objectClass: person', 'cn: deskside', 'sn: service', `userPassword: ${SERVICE_PASSWORD}`]),
    ...people.map((p) => entry([`dn: uid=${p.uid},ou=people,${BASE}`, 'objectClass: inetOrgPerson', `uid: ${p.uid}`, `cn: ${p.cn}`, `sn: ${p.cn.split(' ').pop()}`, `mail: ${p.uid}@example.com`, `userPassword: ${p.password}`])),
  ].join('\n\n');
  await writeFile(join(dir, 'seed.ldif'), `${ldif}\n`);
  const added = spawnSync(SLAPADD, ['-f', conf, '-l', join(dir, 'seed.ldif')], { encoding: 'utf8' });
  if (added.status !== 0) throw new Error(`slapadd failed: ${added.stderr}`);

  const port = await freePort();
  const url = `ldap://127.0.0.1:${port}`;
  // -d keeps slapd in the foreground (no fork), so killing this child ends it.
  const child: ChildProcess = spawn(SLAPD, ['-f', conf, '-h', `${url}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (let i = 0; !(await accepts(port)); i += 1) {
    if (child.exitCode !== null || i > 200) throw new Error(`slapd did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 25));
  }

  const admin = new Client({ url });
  await admin.bind(ROOT_DN, ROOT_PASSWORD);
  for (const [cn, members] of Object.entries(groups)) {
    await admin.add(`cn=${cn},ou=groups,${BASE}`, { objectClass: 'groupOfNames', cn, member: members.map((uid) => `uid=${uid},ou=people,${BASE}`) });
  }
  await admin.unbind();

  return {
    url,
    close: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
