import {
  CPU_HOG_PERCENT,
  DIAGNOSTIC_CATALOGS,
  diagnosticFindings,
  diagnosticSummary,
  likelyCauses,
  wordFinding,
  wordSummary,
  wordingLanguage,
  type DiagnosticItem,
  type Diagnostics,
} from '@deskside/shared';
import { describe, expect, it } from 'vitest';

const item = (id: DiagnosticItem['id'], data: unknown): DiagnosticItem => ({ id, status: 'ok', durationMs: 1, summary: null, data: data as DiagnosticItem['data'], truncated: null });
const diagnostics = (items: DiagnosticItem[]): Diagnostics => ({ collectedAt: '2026-11-28T08:00:00.000Z', agentVersion: '0.1.0', redactions: 0, omitted: [], items });

/** "My PC is slow": what a real report of a struggling laptop carries. */
export const slowPc = (): Diagnostics =>
  diagnostics([
    item('memory', { totalBytes: 8 * 1024 ** 3, availableBytes: 0.3 * 1024 ** 3, usedBytes: 7.5 * 1024 ** 3, swapTotalBytes: 2 * 1024 ** 3, swapUsedBytes: 1.9 * 1024 ** 3, pressure: 'high' }),
    item('processes', { count: 312, byCpu: [{ name: 'MsMpEng.exe', pid: 12345, cpuPercent: 87.2, memoryBytes: 3e8, user: null }, { name: 'chrome.exe', pid: 4, cpuPercent: 12, memoryBytes: 9e8, user: 'ann' }], byMemory: [] }),
    item('uptime', { uptimeSeconds: 38 * 86_400 + 3600, bootTime: '2026-10-21T07:00:00.000Z' }),
    item('recent-errors', { windowHours: 24, total: 46, capped: false, topSources: [{ source: 'Disk', count: 30 }], events: [] }),
  ]);

describe('diagnostic findings and likely causes', () => {
  it('names memory pressure, a busy process, a long uptime and many errors as why the PC is slow', () => {
    const findings = diagnosticFindings(slowPc());
    expect(findings.map((f) => [f.code, f.params])).toEqual([
      ['memory-pressure-high', { availablePercent: 4 }],
      ['process-cpu-high', { name: 'MsMpEng.exe', cpu: 87 }],
      ['uptime-long', { days: 38 }],
      ['recent-errors-many', { count: 46, hours: 24, source: 'Disk' }],
    ]);
    const groups = likelyCauses(findings);
    expect(groups.map((g) => [g.cause, g.severity, g.findings.length])).toEqual([['slow', 'problem', 4]]);
  });

  it('stays quiet below its thresholds', () => {
    const calm = diagnostics([
      item('memory', { totalBytes: 100, availableBytes: 60, pressure: 'normal' }),
      item('processes', { count: 2, byCpu: [{ name: 'a', pid: 1, cpuPercent: CPU_HOG_PERCENT - 1, memoryBytes: 1, user: null }], byMemory: [] }),
      item('uptime', { uptimeSeconds: 13 * 86_400 }),
      item('recent-errors', { windowHours: 24, total: 19, topSources: [] }),
    ]);
    expect(diagnosticFindings(calm)).toEqual([]);
  });

  it('groups offline, full and unprotected findings under their complaint', () => {
    const d = diagnostics([
      item('network', { interfaces: [{ name: 'eth0', addresses: ['10.0.0.2/24'] }], gateway: null, server: null, proxy: null }),
      item('disks', { volumes: [{ mount: 'C:\\', sizeBytes: 100, freeBytes: 4, freePercent: 4 }] }),
      item('protection-summary', [{ section: 'antivirus', severity: 'problem', code: 'av-realtime-off', params: { product: 'Defender' }, text: 'Antivirus: Defender on but real-time protection is off' }]),
    ]);
    expect(likelyCauses(diagnosticFindings(d)).map((g) => g.cause)).toEqual(['offline', 'full', 'unprotected']);
  });
});

describe('diagnostic summaries as codes, worded in the reader language', () => {
  const network = item('network', {
    interfaces: [{ name: 'eth0', addresses: ['10.0.0.2/24'] }],
    gateway: { gateway: '203.0.113.1', iface: 'eth0', reach: { ok: false, ms: null, error: 'not probed: public address' } },
    dnsServers: ['10.0.0.53'],
    server: { host: 'deskside.example', port: 8443, dns: { ok: true, ms: 2, addresses: [], error: null }, tcp: { ok: true, ms: 3, error: null }, tls: { ok: true, ms: 12345, error: null } },
    proxy: null,
  });

  it('says an unprobed gateway was not probed, never that it is unreachable, and lists DNS servers', () => {
    expect(diagnosticSummary(network).map((p) => p.code)).toEqual(['net-interfaces-up', 'net-gateway-not-probed', 'net-dns-servers', 'net-server-reachable']);
    expect(wordSummary(diagnosticSummary(network), 'en')).toBe('1 interface(s) up, gateway 203.0.113.1 not probed, DNS servers 10.0.0.53, server deskside.example reachable 12345 ms');
  });

  it('words summaries and findings in Chinese without English words or thousands separators', () => {
    const zh = wordSummary(diagnosticSummary(network), 'zh-cn');
    expect(zh).toBe('1 个网络接口已连接，网关 203.0.113.1 未探测，DNS 服务器 10.0.0.53，服务器 deskside.example 可达，12345 毫秒');
    for (const f of diagnosticFindings(slowPc())) expect(wordFinding(f, 'zh-cn')).not.toMatch(/\b(is|using|errors|restarted|memory)\b/i);
    expect(wordFinding({ code: 'item-not-collected', params: { status: 'timeout', error: 'x' } }, 'zh-cn')).toBe('未能收集（超时）：x');
    expect(wordFinding({ code: 'from-a-newer-agent', params: {} }, 'zh-cn', 'English fallback')).toBe('English fallback');
  });

  it('has the same codes in every language, none left empty', () => {
    const shape = (c: object) => Object.entries(c).map(([k, v]) => [k, typeof v === 'string' ? 'string' : Object.keys(v as object).sort()]);
    expect(shape(DIAGNOSTIC_CATALOGS['zh-cn'])).toEqual(shape(DIAGNOSTIC_CATALOGS.en));
    for (const catalog of Object.values(DIAGNOSTIC_CATALOGS)) for (const group of [catalog.summary, catalog.findings, catalog.causes]) for (const v of Object.values(group)) expect(v).not.toBe('');
  });

  it('reads the system language from LANG-style tags and Intl locales', () => {
    expect(wordingLanguage('zh_CN.UTF-8')).toBe('zh-cn');
    expect(wordingLanguage('zh-Hans-CN')).toBe('zh-cn');
    expect(wordingLanguage('zh')).toBe('zh-cn');
    expect(wordingLanguage('en_US.UTF-8')).toBe('en');
    expect(wordingLanguage(undefined)).toBe('en');
  });
});

describe('VPN and the network path in ticket diagnostics', () => {
  const network = (server: Record<string, unknown>, vpn: unknown[]) =>
    item('network', {
      interfaces: [{ name: 'wlan0', addresses: ['192.168.1.20/24'] }],
      gateway: { iface: 'wlan0', gateway: '192.168.1.1', reach: { ok: true, ms: 2 } },
      dnsServers: ['192.168.1.1'],
      server: { host: 'deskside.corp.example', port: 443, via: null, route: 'direct (no proxy configured)', ...server },
      proxy: null,
      vpn,
    });
  const ciscoDown = { product: 'cisco-secure-client', name: 'Cisco Secure Client', version: '5.0.01242', connected: false, profile: null };

  it('puts "VPN disconnected" first when the server cannot be reached and no VPN is connected', () => {
    const d = diagnostics([
      item('disks', [{ mount: 'C:', freePercent: 4 }]),
      network({ dns: { ok: false, host: 'deskside.corp.example', error: 'ENOTFOUND' }, tcp: null, tls: null }, [ciscoDown]),
    ]);
    const findings = diagnosticFindings(d);
    expect(findings.map((f) => f.code)).toEqual(['vpn-disconnected', 'disk-nearly-full', 'dns-failing']);
    expect(wordFinding(findings[0]!, 'en')).toBe('VPN disconnected (Cisco Secure Client): the server could not be reached; connect the VPN first');
    expect(wordFinding(findings[0]!, 'zh-cn')).toContain('VPN 未连接');
    expect(likelyCauses(findings).map((g) => g.cause)).toContain('offline');
  });

  it('says nothing about the VPN when it is connected or the server answers, and words the route', () => {
    const reachable = { dns: { ok: true }, tcp: { ok: true, ms: 12 }, tls: { ok: true, ms: 30, certificateTrusted: true }, route: 'through http://proxy.corp.example:3128 (PAC http://wpad.corp.example/wpad.dat)' };
    const up = diagnostics([network(reachable, [ciscoDown])]);
    expect(diagnosticFindings(up).map((f) => f.code)).toEqual([]);
    const summary = wordSummary(diagnosticSummary(up.items[0]!)!, 'en');
    expect(summary).toContain('checked through http://proxy.corp.example:3128 (PAC http://wpad.corp.example/wpad.dat)');
    expect(summary).toContain('VPN not connected (Cisco Secure Client)');
    const connected = diagnostics([network({ dns: { ok: false, error: 'ENOTFOUND' } }, [{ ...ciscoDown, connected: true, profile: 'Corp' }])]);
    expect(diagnosticFindings(connected).map((f) => f.code)).toEqual(['dns-failing']);
  });
});
