import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { createAgent, type AgentInstance } from '../../../agent/agent.js';
import { mergeCertificates, parseBase64DerLines, parsePemBundle } from '../../../agent/transport/trust/parse-certificates.js';
import { loadSystemCertificates, MACOS_KEYCHAINS, WINDOWS_ROOT_SCRIPT } from '../../../agent/transport/trust/system-certificates.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { createFakeSystem, readFixture } from '../../collectors/fake-system.js';
import { FakeDeviceServer } from '../helpers/fake-device-server.js';
import { makeInternalCa, type InternalCa } from '../helpers/internal-ca.js';
import { fakeInventorySource } from '../helpers/sample-inventory.js';
import { withTempDir } from '../helpers/temp-dir.js';

describe('reading certificate stores (fixtures)', () => {
  it('reads a Linux bundle: comments skipped, each certificate once', () => {
    const certs = parsePemBundle(readFixture('linux/trust/ca-certificates.crt'));
    expect(certs).toHaveLength(2);
    expect(certs.every((c) => c.startsWith('-----BEGIN CERTIFICATE-----'))).toBe(true);
  });

  it('reads `security find-certificate -a -p` and the Windows Base64 export to the same certificates', () => {
    const mac = parsePemBundle(readFixture('macos/trust/security-find-certificate-a-p.txt'));
    const win = parseBase64DerLines(readFixture('windows/trust/localmachine-root-base64.txt'));
    expect(mac).toHaveLength(2);
    expect(win.map((c) => c.replace(/\s/g, ''))).toEqual(mac.map((c) => c.replace(/\s/g, '')));
    expect(mergeCertificates(mac, win)).toHaveLength(2);
  });

  it('drops what is not a certificate', () => {
    const broken = '-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n';
    expect(parsePemBundle(broken)).toEqual([]);
    expect(parseBase64DerLines('Get-ChildItem : Access denied\r\n')).toEqual([]);
  });
});

describe('loading the operating system store', () => {
  const bundle = { fixture: 'linux/trust/ca-certificates.crt' };

  it('Linux: the first distribution bundle that exists under the root', async () => {
    const system = createFakeSystem({ files: { '/srv/root/etc/pki/tls/certs/ca-bundle.crt': bundle } });
    const store = await loadSystemCertificates({ platform: 'linux', system, env: {}, root: '/srv/root', nodeSystemStore: null });
    expect(store).toMatchObject({ source: '/srv/root/etc/pki/tls/certs/ca-bundle.crt', error: null });
    expect(store.certificates).toHaveLength(2);
  });

  it('Linux: SSL_CERT_FILE wins, as it does for OpenSSL; a missing bundle is an error, not an empty trust', async () => {
    const system = createFakeSystem({ files: { '/opt/corp/ca.pem': bundle } });
    expect((await loadSystemCertificates({ platform: 'linux', system, env: { SSL_CERT_FILE: '/opt/corp/ca.pem' }, nodeSystemStore: null })).certificates).toHaveLength(2);
    const none = await loadSystemCertificates({ platform: 'linux', system: createFakeSystem({}), env: {}, nodeSystemStore: null });
    expect(none.certificates).toEqual([]);
    expect(none.error).toMatch(/no system CA bundle could be read \(\/etc\/ssl\/certs\/ca-certificates.crt: ENOENT/);
  });

  it('macOS: the System and root keychains through security(1) where Node cannot read them', async () => {
    const system = createFakeSystem({ commands: { [`/usr/bin/security find-certificate -a -p ${MACOS_KEYCHAINS.join(' ')}`]: 'macos/trust/security-find-certificate-a-p.txt' } });
    const store = await loadSystemCertificates({ platform: 'darwin', system, nodeSystemStore: null });
    expect(store.certificates).toHaveLength(2);
    expect(store.source).toContain('security find-certificate');
  });

  it("Windows: LocalMachine\\Root through PowerShell; Node's reader first where this Node has one", async () => {
    const system = createFakeSystem({ powershell: [['Cert:\\LocalMachine\\Root', 'windows/trust/localmachine-root-base64.txt']] });
    const viaPowershell = await loadSystemCertificates({ platform: 'win32', system, nodeSystemStore: null });
    expect(viaPowershell).toMatchObject({ source: 'Cert:\\LocalMachine\\Root', error: null });
    expect(system.calls.map((c) => c.target)).toEqual([WINDOWS_ROOT_SCRIPT]);
    const mac = parsePemBundle(readFixture('macos/trust/security-find-certificate-a-p.txt'));
    const untouched = createFakeSystem({});
    const viaNode = await loadSystemCertificates({ platform: 'win32', system: untouched, nodeSystemStore: () => mac });
    expect(viaNode.certificates).toHaveLength(2);
    expect(untouched.calls).toEqual([]);
  });

  it('a failing tool is reported and costs only the system store', async () => {
    const system = createFakeSystem({ powershell: [['Cert:', { exitCode: 1, stderr: 'Access is denied.' }]] });
    const store = await loadSystemCertificates({ platform: 'win32', system, nodeSystemStore: null });
    expect(store).toMatchObject({ certificates: [], error: expect.stringContaining('Access is denied.') as unknown });
  });
});

/**
 * An internal CA the way an organisation has one: the server's certificate is issued by a root no
 * public bundle has, and the root is installed into the system bundle (of a temporary root folder,
 * found through SSL_CERT_FILE as OpenSSL finds it). The agent must enroll, upload and file a ticket
 * with no setting of its own.
 */
describe('the agent behind an internal CA installed in the system store', { timeout: 30_000 }, () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let ca: InternalCa;
  let server: FakeDeviceServer;
  let bundlePath: string;
  const savedCertFile = process.env.SSL_CERT_FILE;
  const agents: AgentInstance[] = [];

  const open = async (name: string, policy: Record<string, unknown> = {}) => {
    const agent = await createAgent({
      dataDir: join(tmp.dir, name),
      inventory: fakeInventorySource(),
      policy: { description: 'test policy', read: async () => policy },
      policyRefreshMs: 0,
      random: () => 0.5,
      sleep: async () => undefined,
      system: createSystemAccess(),
      platform: 'linux',
    });
    agents.push(agent);
    return agent;
  };

  beforeAll(async () => {
    tmp = await withTempDir();
    ca = makeInternalCa(tmp.dir);
    server = await new FakeDeviceServer({ tls: { cert: ca.serverCert, key: ca.serverKey } }).start();
    const etc = join(tmp.dir, 'root', 'etc', 'ssl', 'certs');
    await mkdir(etc, { recursive: true });
    bundlePath = join(etc, 'ca-certificates.crt');
    // What update-ca-certificates leaves: the distribution's roots with the organisation's appended.
    await writeFile(bundlePath, `${readFileSync('/etc/ssl/certs/ca-certificates.crt', 'utf8')}\n${ca.caCert}`);
  }, 30_000);
  afterAll(async () => {
    if (savedCertFile === undefined) delete process.env.SSL_CERT_FILE;
    else process.env.SSL_CERT_FILE = savedCertFile;
    for (const agent of agents) await agent.stop();
    await server?.close();
    await tmp?.cleanup();
  }, 30_000);

  it('without the CA in the store the server is not trusted', async () => {
    process.env.SSL_CERT_FILE = join(tmp.dir, 'root', 'etc', 'ssl', 'no-such-bundle.crt');
    const agent = await open('untrusted');
    const error = await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/TLS|certificate/i);
    expect(server.enrollments).toBe(0);
  });

  it('with the CA in the system bundle: enrolls, uploads an inventory and files a ticket', async () => {
    process.env.SSL_CERT_FILE = bundlePath;
    const agent = await open('trusted');
    expect(await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret })).toMatchObject({ state: 'enrolled' });
    const sync = await agent.syncNow();
    expect(sync).toMatchObject({ checkedIn: true, inventory: { kind: 'full' }, errors: [] });
    const ticket = await agent.submitTicket({ subject: 'Intranet certificate', description: 'works now?', diagnostics: false });
    expect(ticket).toMatchObject({ delivered: true, error: null });
    expect(server.stored.get(ticket.id)?.kind).toBe('ticket');
    expect([...server.stored.values()].some((v) => v.kind === 'inventory')).toBe(true);
  });

  it('pins still apply on top of the system store: the right pin passes, a wrong one refuses', async () => {
    process.env.SSL_CERT_FILE = bundlePath;
    const pinned = await open('pinned', { serverKeyPins: [ca.serverPin] });
    expect(await pinned.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret })).toMatchObject({ state: 'enrolled' });
    const wrong = await open('wrong-pin', { serverKeyPins: ['47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='] });
    const error = await wrong.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret }).catch((e: unknown) => e);
    expect(String(error)).toMatch(/pin/i);
  });

  it('extraCaFile still works where the store lacks the CA', async () => {
    process.env.SSL_CERT_FILE = join(tmp.dir, 'root', 'etc', 'ssl', 'no-such-bundle.crt');
    const caFile = join(tmp.dir, 'corp-ca.pem');
    await writeFile(caFile, ca.caCert);
    const agent = await open('extra-ca', { extraCaFile: caFile });
    expect(await agent.enroll({ serverUrl: server.url, enrollSecret: server.enrollSecret })).toMatchObject({ state: 'enrolled' });
  });
});
