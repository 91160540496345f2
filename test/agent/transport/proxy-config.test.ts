import { describe, expect, it } from 'vitest';

import { bypassesProxy } from '../../../agent/transport/proxy/bypass-list.js';
import { parseAptProxy, parseShellProxyFile } from '../../../agent/transport/proxy/parse-linux-proxy-files.js';
import { ProxyResolver } from '../../../agent/transport/proxy/proxy-resolver.js';
import { describeRoute, parsePacResult, parseProxyServerList, proxyUrlOf } from '../../../agent/transport/proxy/proxy-route.js';
import { NO_SYSTEM_PROXY, readSystemProxy, type SystemProxyConfig } from '../../../agent/transport/proxy/system-proxy.js';
import { discoverWpad, machineDomains, wpadUrls } from '../../../agent/transport/proxy/wpad.js';
import { createFakeSystem, readFixture } from '../../collectors/fake-system.js';

const u = (s: string) => new URL(s);

describe('bypass lists in every platform notation', () => {
  it('NO_PROXY (curl): exact hosts, domains with or without the dot, ports, *', () => {
    expect(bypassesProxy(u('https://a.corp.example/x'), 'localhost,.corp.example')).toBe(true);
    expect(bypassesProxy(u('https://corp.example/x'), 'corp.example')).toBe(true);
    expect(bypassesProxy(u('https://notcorp.example/x'), 'corp.example')).toBe(false);
    expect(bypassesProxy(u('https://h.example:8443/'), 'h.example:443')).toBe(false);
    expect(bypassesProxy(u('https://h.example/'), 'h.example:443')).toBe(true);
    expect(bypassesProxy(u('https://anything/'), '*')).toBe(true);
  });
  it('WinINet/WinHTTP: *.domain, wildcards, <local>; macOS: CIDR', () => {
    expect(bypassesProxy(u('https://intranet/'), ['<local>'])).toBe(true);
    expect(bypassesProxy(u('https://intranet.corp/'), ['<local>'])).toBe(false);
    expect(bypassesProxy(u('https://10.1.2.3/'), ['10.*'])).toBe(true);
    expect(bypassesProxy(u('https://srv.corp.example.com/'), ['*.local', '169.254/16', '*.corp.example.com'])).toBe(true);
    expect(bypassesProxy(u('https://169.254.7.1/'), ['169.254/16'])).toBe(true);
    expect(bypassesProxy(u('https://169.255.7.1/'), ['169.254/16'])).toBe(false);
    expect(bypassesProxy(u('https://deskside.example/'), ['*.corp.example.com;<local>'])).toBe(false);
  });
});

describe('proxy addresses and PAC answers', () => {
  it('reads "host:port" and the per-scheme lists of WinHTTP and macOS', () => {
    expect(parseProxyServerList('proxy:8080')).toEqual({ http: 'http://proxy:8080', https: 'http://proxy:8080' });
    expect(parseProxyServerList('http=proxy.firma.example.de:3128;https=proxy.firma.example.de:3129')).toEqual({
      http: 'http://proxy.firma.example.de:3128',
      https: 'http://proxy.firma.example.de:3129',
    });
    expect(parseProxyServerList('http=p:80')).toEqual({ http: 'http://p:80', https: 'http://p:80' });
    expect(proxyUrlOf('socks5://s:1080')).toBeNull();
  });
  it('turns a PAC answer into hops, skipping SOCKS', () => {
    expect(parsePacResult('PROXY a:3128; HTTPS b:443;SOCKS5 s:1080; DIRECT')).toEqual([
      { kind: 'proxy', url: 'http://a:3128' },
      { kind: 'proxy', url: 'https://b:443' },
      { kind: 'direct' },
    ]);
    expect(parsePacResult('SOCKS s:1080')).toEqual([]);
  });
});

describe('Linux proxy files (fixtures)', () => {
  it('APT: line and block forms, DIRECT and false meaning none', () => {
    expect(parseAptProxy(readFixture('linux/proxy/apt-proxy.conf'))).toEqual({ http: 'http://proxy.corp.example:3128/', https: null, noProxy: null });
    expect(parseAptProxy(readFixture('linux/proxy/apt-proxy-block.conf'))).toEqual({ http: null, https: 'http://secure-proxy.corp.example:8443', noProxy: null });
  });
  it('/etc/profile.d exports and /etc/environment', () => {
    expect(parseShellProxyFile(readFixture('linux/proxy/profile-d-proxy.sh'))).toEqual({
      http: 'http://proxy.corp.example:3128',
      https: 'http://proxy.corp.example:3128',
      noProxy: 'localhost,127.0.0.1,.corp.example',
    });
  });
});

describe('the machine proxy, per OS', () => {
  it('Linux: /etc/environment, then /etc/profile.d, then APT', async () => {
    const system = createFakeSystem({
      files: { '/etc/environment': { stdout: 'PATH="/usr/bin"\n' }, '/etc/profile.d/proxy.sh': 'linux/proxy/profile-d-proxy.sh', '/etc/apt/apt.conf.d/95proxy': 'linux/proxy/apt-proxy.conf' },
      directories: { '/etc/profile.d': ['bash_completion.sh', 'proxy.sh'], '/etc/apt/apt.conf.d': ['95proxy'] },
    });
    expect(await readSystemProxy('linux', system)).toMatchObject({ servers: { https: 'http://proxy.corp.example:3128' }, source: '/etc/profile.d/proxy.sh', bypass: ['localhost,127.0.0.1,.corp.example'] });
    const aptOnly = createFakeSystem({ files: { '/etc/apt/apt.conf.d/95proxy': 'linux/proxy/apt-proxy.conf' }, directories: { '/etc/apt/apt.conf.d': ['95proxy'] } });
    expect(await readSystemProxy('linux', aptOnly)).toMatchObject({ servers: { http: 'http://proxy.corp.example:3128', https: 'http://proxy.corp.example:3128' }, source: '/etc/apt/apt.conf.d/95proxy (APT\'s proxy)' });
    expect(await readSystemProxy('linux', createFakeSystem({}))).toEqual(NO_SYSTEM_PROXY);
  });
  it('Windows: WinHTTP first, then the service account Internet Settings (PAC, auto-detect)', async () => {
    const winhttp = createFakeSystem({ powershell: [['netsh winhttp', 'windows/network/netsh-winhttp-proxy-de.txt']] });
    expect(await readSystemProxy('win32', winhttp)).toMatchObject({ servers: { https: 'http://proxy.firma.example.de:3129' }, source: 'WinHTTP (netsh winhttp show proxy)' });
    const pac = createFakeSystem({
      powershell: [
        ['netsh winhttp', 'windows/network/netsh-winhttp-direct-en.txt'],
        ['Internet Settings', { stdout: '{"ProxyEnable":0,"ProxyServer":null,"ProxyOverride":"<local>","AutoConfigURL":"http://pac.corp.example/proxy.pac","AutoDetect":0}' }],
      ],
    });
    expect(await readSystemProxy('win32', pac)).toMatchObject({ pacUrl: 'http://pac.corp.example/proxy.pac', bypass: ['<local>'] });
    const wpad = createFakeSystem({ powershell: [['netsh winhttp', 'windows/network/netsh-winhttp-direct-en.txt'], ['Internet Settings', { stdout: '{"ProxyEnable":0,"AutoDetect":1}' }]] });
    expect(await readSystemProxy('win32', wpad)).toMatchObject({ autoDetect: true, pacUrl: null, servers: null });
  });
  it('macOS: scutil --proxy, manual and PAC', async () => {
    const manual = createFakeSystem({ commands: { '/usr/sbin/scutil --proxy': 'macos/network/scutil-proxy-manual.txt' } });
    expect(await readSystemProxy('darwin', manual)).toMatchObject({ servers: { https: 'http://proxy.corp.example.com:3128' }, bypass: ['*.local', '169.254/16', '*.corp.example.com'] });
    const pac = createFakeSystem({ commands: { '/usr/sbin/scutil --proxy': 'macos/network/scutil-proxy-pac.txt' } });
    expect(await readSystemProxy('darwin', pac)).toMatchObject({ pacUrl: 'http://wpad.corp.example.com/wpad.dat' });
  });
});

describe('WPAD candidates', () => {
  it('walks up the machine domain, never to a bare top-level name', () => {
    expect(wpadUrls(machineDomains('pc42.paris.corp.example', ['corp.example', 'lan']))).toEqual([
      'http://wpad.paris.corp.example/wpad.dat',
      'http://wpad.corp.example/wpad.dat',
    ]);
  });
  it('takes the first answer that is a PAC file', async () => {
    const answers: Record<string, string | null> = { 'http://wpad.a.example/wpad.dat': '<html>captive portal</html>', 'http://wpad.b.example/wpad.dat': 'function FindProxyForURL(u,h){return "DIRECT";}' };
    expect(await discoverWpad(Object.keys(answers), async (url) => answers[url] ?? null)).toMatchObject({ url: 'http://wpad.b.example/wpad.dat' });
  });
});

describe('choosing the route', () => {
  const system = (s: Partial<SystemProxyConfig>) => async (): Promise<SystemProxyConfig> => ({ ...NO_SYSTEM_PROXY, source: 'test', ...s });
  const resolver = (o: Partial<ConstructorParameters<typeof ProxyResolver>[0]>) =>
    new ProxyResolver({ settingsProxy: '', env: {}, system: system({}), wpadUrls: async () => [], fetchText: async () => null, ...o });

  it('setting, then environment (with NO_PROXY), then the machine', async () => {
    const machine = system({ servers: { http: 'http://sys:1', https: 'http://sys:1' }, bypass: ['*.corp'] });
    expect((await resolver({ settingsProxy: 'http://set:1', env: { HTTPS_PROXY: 'http://env:1' }, system: machine }).resolve(u('https://s.example'))).hops).toEqual([{ kind: 'proxy', url: 'http://set:1' }]);
    expect((await resolver({ env: { HTTPS_PROXY: 'http://env:1' }, system: machine }).resolve(u('https://s.example'))).source).toBe('environment');
    expect((await resolver({ env: { HTTPS_PROXY: 'http://env:1', NO_PROXY: 's.example' }, system: machine }).resolve(u('https://s.example'))).hops).toEqual([{ kind: 'direct' }]);
    const r = await resolver({ system: machine }).resolve(u('https://s.example'));
    expect(describeRoute(r)).toBe('through http://sys:1 (test)');
    expect((await resolver({ system: machine }).resolve(u('https://x.corp'))).hops).toEqual([{ kind: 'direct' }]);
  });

  it('a PAC by URL decides per URL; one that cannot be fetched goes direct and says so', async () => {
    const pac = 'function FindProxyForURL(url, host) { if (dnsDomainIs(host, ".inside.example")) return "DIRECT"; return "PROXY 127.0.0.1:3128; DIRECT"; }';
    const r = resolver({ system: system({ pacUrl: 'http://pac.example/p.pac' }), fetchText: async () => pac });
    expect(await r.resolve(u('https://deskside.example/api'))).toMatchObject({ source: 'pac', hops: [{ kind: 'proxy', url: 'http://127.0.0.1:3128' }, { kind: 'direct' }] });
    expect((await r.resolve(u('https://srv.inside.example/'))).hops).toEqual([{ kind: 'direct' }]);
    const missing = await resolver({ system: system({ pacUrl: 'http://pac.example/p.pac' }) }).resolve(u('https://deskside.example'));
    expect(missing).toMatchObject({ source: 'none', detail: expect.stringContaining('could not be fetched') as unknown });
    const broken = await resolver({ system: system({ pacUrl: 'http://pac.example/p.pac' }), fetchText: async () => 'function FindProxyForURL( {' }).resolve(u('https://deskside.example'));
    expect(broken.detail).toContain('not a valid script');
  });

  it('a PAC cannot reach Node: the script runs in a sandbox', async () => {
    const evil = 'function FindProxyForURL(url, host) { return typeof process === "undefined" && typeof require === "undefined" ? "PROXY sandboxed:1" : "PROXY escaped:1"; }';
    const r = resolver({ system: system({ pacUrl: 'http://pac.example/p.pac' }), fetchText: async () => evil });
    expect((await r.resolve(u('https://deskside.example'))).hops).toEqual([{ kind: 'proxy', url: 'http://sandboxed:1' }]);
  });

  it('auto-detect discovers the PAC by WPAD; the configuration is read again after a while', async () => {
    let now = 0;
    let reads = 0;
    const r = resolver({
      system: async () => {
        reads += 1;
        return { ...NO_SYSTEM_PROXY, autoDetect: true, source: 'test' };
      },
      wpadUrls: async () => ['http://wpad.corp.example/wpad.dat'],
      fetchText: async () => 'function FindProxyForURL(u, h) { return "PROXY 127.0.0.1:8080"; }',
      now: () => now,
      refreshMs: 1000,
    });
    expect(await r.resolve(u('https://deskside.example'))).toMatchObject({ source: 'wpad', detail: 'PAC http://wpad.corp.example/wpad.dat' });
    await r.resolve(u('https://deskside.example'));
    expect(reads).toBe(1);
    now = 1001;
    await r.resolve(u('https://deskside.example'));
    expect(reads).toBe(2);
  });
});
