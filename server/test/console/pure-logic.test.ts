import { diagnosticFindings, summarizeProtection } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { safeApiPath } from '../../console/src/api/safe-url.js';
import { formatByKey, humanizeKey } from '../../console/src/components/data-view.js';
import { formatAge, formatDateTime, formatRelative } from '../../console/src/format/dates.js';
import { formatBytes, formatPercent } from '../../console/src/format/numbers.js';
import { deviceFiltersFromParams, deviceParams, toDeviceQuery } from '../../console/src/pages/device-filters.js';
import { filtersFromParams, paramsFromFilters, toApiQuery } from '../../console/src/pages/queue-filters.js';
import { deviceDetail, diagnostics } from './fixtures.js';

describe('diagnostic findings', () => {
  it('finds nothing in healthy diagnostics', () => {
    const d = diagnostics();
    d.items = [
      { id: 'network', status: 'ok', durationMs: 1, summary: null, truncated: null, data: { gateway: { reachable: true }, dns: { ok: true } } },
      { id: 'disks', status: 'ok', durationMs: 1, summary: null, truncated: null, data: [{ mount: '/', freePercent: 40 }] },
      { id: 'pending-reboot', status: 'ok', durationMs: 1, summary: null, truncated: null, data: { pendingReboot: false } },
    ];
    expect(diagnosticFindings(d)).toEqual([]);
  });

  it('reads flat and nested shapes: gatewayReachable, usedPercent, freeBytes/sizeBytes', () => {
    const d = diagnostics();
    d.items = [
      { id: 'network', status: 'ok', durationMs: 1, summary: null, truncated: null, data: { gatewayReachable: false, dnsOk: true } },
      { id: 'disks', status: 'ok', durationMs: 1, summary: null, truncated: null, data: [{ mount: '/', usedPercent: 88 }, { mount: '/data', freeBytes: 5, sizeBytes: 100 }] },
    ];
    expect(diagnosticFindings(d).map((f) => [f.code, f.params])).toEqual([
      ['gateway-failing', {}],
      ['disk-nearly-full', { mount: '/data', free: 5 }],
      ['disk-low', { mount: '/', free: 12 }],
    ]);
  });

  it('ignores removable media and puts problems before warnings', () => {
    const d = diagnostics();
    d.items = [
      { id: 'pending-reboot', status: 'ok', durationMs: 1, summary: null, truncated: null, data: true },
      { id: 'disks', status: 'ok', durationMs: 1, summary: null, truncated: null, data: [{ mount: '/media/usb', freePercent: 1, removable: true }, { mount: 'C:', freePercent: 2 }] },
    ];
    expect(diagnosticFindings(d).map((f) => f.code)).toEqual(['disk-nearly-full', 'pending-reboot']);
  });
});

describe('protection lines in diagnostics', () => {
  it("surfaces the shared summary's problem and warning lines with their codes", () => {
    const sections = deviceDetail().inventory!.sections;
    const lines = summarizeProtection(sections, new Date('2026-11-28T09:00:00Z'));
    const d = diagnostics();
    d.items = [{ id: 'protection-summary', status: 'ok', durationMs: 1, summary: null, truncated: null, data: JSON.parse(JSON.stringify(lines)) as unknown }];
    const expected = lines.filter((l) => l.severity === 'problem' || l.severity === 'warning');
    expect(expected.length).toBeGreaterThan(0);
    expect(diagnosticFindings(d).map((f) => [f.severity, f.code, f.text])).toEqual(
      [...expected.filter((l) => l.severity === 'problem'), ...expected.filter((l) => l.severity === 'warning')].map((l) => [l.severity, l.code, l.text]),
    );
    expect(diagnosticFindings(d)[0]?.params).toMatchObject({ section: 'antivirus' });
  });

  it("reads the agent's digest: no antivirus, firewall off, TLS failing, no gateway", () => {
    const d = diagnostics();
    d.items = [
      {
        id: 'network',
        status: 'ok',
        durationMs: 1,
        summary: null,
        truncated: null,
        data: { interfaces: [{ name: 'wlan0', addresses: ['10.0.0.5/24'] }], gateway: null, server: { host: 'h', port: 443, dns: { ok: true }, tcp: { ok: true }, tls: { ok: false } }, proxy: null },
      },
      {
        id: 'protection-summary',
        status: 'ok',
        durationMs: 1,
        summary: null,
        truncated: null,
        data: { antivirus: { status: 'ok', headline: 'no antivirus product found' }, firewall: { status: 'ok', headline: 'off' }, updates: { status: 'error', headline: null } },
      },
    ];
    expect(diagnosticFindings(d).map((f) => f.code)).toEqual(['no-gateway', 'digest-av-none', 'digest-firewall-off', 'tls-failing']);
  });
});

describe('attachment links', () => {
  it('only ever link to a same-origin API path', () => {
    const ok = '/api/v1/console/tickets/20000000-0000-4000-8000-000000000001/attachments/30000000-0000-4000-8000-000000000001';
    expect(safeApiPath(ok)).toBe(ok);
    for (const bad of ['javascript:alert(1)', 'https://evil.example/x.png', '//evil.example/api/v1/console/x', '/api/v1/console/x y', '/elsewhere/x', 'data:image/png;base64,AAAA']) {
      expect(safeApiPath(bad), bad).toBeUndefined();
    }
  });
});

describe('queue filters', () => {
  it('defaults to active tickets by priority, and round-trips through the URL', () => {
    const f = filtersFromParams(new URLSearchParams());
    expect(f.statuses).toEqual(['new', 'open', 'waiting-on-user']);
    expect(paramsFromFilters(f).toString()).toBe('');
    const custom = filtersFromParams(new URLSearchParams('status=all&priority=high,critical,bogus&assignee=none&q=vpn&sort=age&page=3'));
    expect(custom.statuses).toEqual([]);
    expect(custom.priorities).toEqual(['high', 'critical']);
    expect(filtersFromParams(paramsFromFilters(custom))).toEqual(custom);
    expect(toApiQuery(custom)).toEqual({ sort: 'created', order: 'asc', page: 3, pageSize: 50, priority: 'high,critical', assignee: 'none', q: 'vpn' });
  });

  it('ignores garbage in the URL', () => {
    const f = filtersFromParams(new URLSearchParams('status=hacked&category=<x>&page=-4&sort=drop'));
    expect(f.statuses).toEqual([]);
    expect(f.category).toBe('');
    expect(f.page).toBe(1);
    expect(f.sort).toBe('priority');
    // Only real calendar days survive.
    const days = filtersFromParams(new URLSearchParams('openedFrom=2026-02-30&openedTo=tomorrow&resolvedFrom=2026-11-28'));
    expect(days.opened).toEqual({ from: '', to: '' });
    expect(days.resolved).toEqual({ from: '2026-11-28', to: '' });
  });

  it('turns inclusive UTC days into the half-open instants the API filters on', () => {
    const f = filtersFromParams(new URLSearchParams('status=all&resolvedFrom=2026-11-28&resolvedTo=2026-11-28&openedTo=2026-12-31'));
    expect(filtersFromParams(paramsFromFilters(f))).toEqual(f);
    expect(toApiQuery(f)).toMatchObject({
      resolvedFrom: '2026-11-28T00:00:00.000Z',
      resolvedTo: '2026-11-29T00:00:00.000Z',
      openedTo: '2027-01-01T00:00:00.000Z',
    });
    expect(toApiQuery(f).openedFrom).toBeUndefined();
  });
});

describe('device filters', () => {
  it('turns "not seen for N days" into a stable seenBefore', () => {
    const f = deviceFiltersFromParams(new URLSearchParams('notSeenDays=7&av=off&maxFreeDisk=10'));
    const a = toDeviceQuery(f, new Date('2026-11-28T10:00:10Z'));
    const b = toDeviceQuery(f, new Date('2026-11-28T10:00:50Z'));
    expect(a).toEqual(b);
    expect(a.seenBefore).toBe('2026-11-21T10:00:00.000Z');
    expect(a).toMatchObject({ av: 'off', maxFreeDiskPercent: 10, sort: 'hostname', order: 'asc' });
    expect(deviceFiltersFromParams(deviceParams(f))).toEqual(f);
  });
});

describe('formatting', () => {
  it("writes dates in the technician's locale and time zone", () => {
    const iso = '2026-11-28T23:30:00Z';
    expect(formatDateTime(iso, 'en', 'UTC')).toMatch(/Nov 28, 2026.*11:30\s?PM/);
    expect(formatDateTime(iso, 'zh-CN', 'Asia/Shanghai')).toMatch(/2026年11月29日.*07:30/);
    expect(formatDateTime(null, 'en')).toBe('—');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('writes relative times and compact ages', () => {
    const now = new Date('2026-11-28T12:00:00Z');
    expect(formatRelative('2026-11-28T09:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatRelative('2026-11-28T09:00:00Z', 'zh-CN', now)).toBe('3小时前');
    expect(formatAge('2026-11-28T11:15:00Z', now)).toBe('45m');
    expect(formatAge('2026-11-26T12:00:00Z', now)).toBe('2d');
    expect(formatAge('2026-09-01T12:00:00Z', now)).toBe('12w');
  });

  it('reads units from diagnostic field names', () => {
    expect(formatByKey('freeBytes', 83_657_740_288, 'en')).toBe('83.7 GB');
    expect(formatByKey('freePercent', 30.94, 'en')).toBe('30.9 %');
    expect(formatByKey('ms', 0.9, 'en')).toBe('0.9 ms');
    expect(formatByKey('uptimeSeconds', 2586, 'en')).toBe('43m');
    expect(formatByKey('pid', 12453, 'en')).toBe('12453');
    expect(formatByKey('port', 8443, 'zh-CN')).toBe('8443');
    expect(formatByKey('count', 12453, 'en')).toBe('12,453');
    expect(humanizeKey('sizeBytes')).toBe('Size bytes');
    expect(humanizeKey('top_sources')).toBe('Top sources');
  });

  it('writes sizes and percentages', () => {
    expect(formatBytes(256e9, 'en')).toBe('256 GB');
    expect(formatBytes(1536, 'en')).toBe('1.5 KB');
    expect(formatBytes(null, 'en')).toBe('—');
    expect(formatPercent(4.2, 'en')).toBe('4%');
  });
});
