import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { parseWindowsPendingReboot, parseRebootRequiredPkgs } from '../../../agent/diagnostics/items/pending-reboot.js';
import { MAX_EVENTS, summarizeEvents } from '../../../agent/diagnostics/items/recent-errors.js';
import { isLocalAddress, parseNetRouteJson, parseProcNetRoute, parseRouteGetDefault } from '../../../agent/diagnostics/parse/parse-gateway.js';
import { parseJournalJson } from '../../../agent/diagnostics/parse/parse-journal.js';
import { parseLogShowNdjson, parseLogTimestamp } from '../../../agent/diagnostics/parse/parse-log-show.js';
import { parsePowerShellDate, parseWinEventsJson } from '../../../agent/diagnostics/parse/parse-win-events.js';

const fixture = (p: string) => readFileSync(fileURLToPath(new URL(`../../fixtures/${p}`, import.meta.url)), 'utf8');
const expected = (p: string) => JSON.parse(fixture(p)) as unknown;

describe('recent error parsers', () => {
  it('journalctl --output=json (byte-array messages, bad lines skipped)', () => {
    expect(parseJournalJson(fixture('linux/diagnostics/journalctl-json-err-debian12.ndjson'))).toEqual(expected('linux/diagnostics/journalctl-json-err-debian12.expected.json'));
  });
  it('log show --style ndjson (header and summary lines skipped)', () => {
    expect(parseLogShowNdjson(fixture('macos/diagnostics/log-show-ndjson-errors-macos14.ndjson'))).toEqual(expected('macos/diagnostics/log-show-ndjson-errors-macos14.expected.json'));
    expect(parseLogTimestamp('2024-11-29 10:04:05.123456-0800')).toBe('2024-11-29T18:04:05.123Z');
    expect(parseLogTimestamp('yesterday')).toBeNull();
  });
  it('Get-WinEvent | ConvertTo-Json (PowerShell 5.1 and 7 dates, single object, empty)', () => {
    expect(parseWinEventsJson(fixture('windows/diagnostics/get-winevent-errors-ps51.json'))).toEqual(expected('windows/diagnostics/get-winevent-errors-ps51.expected.json'));
    expect(parseWinEventsJson('{"TimeCreated":"/Date(0)/","Id":1,"ProviderName":"x","LevelDisplayName":"Error","LogName":"System","Message":"m"}')).toHaveLength(1);
    expect(parseWinEventsJson('')).toEqual([]);
    expect(parsePowerShellDate('/Date(1732870800000+0100)/')).toBe('2024-11-29T09:00:00.000Z');
  });
  it('summarizes newest first, capped, with counts per source', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({ time: new Date(Date.UTC(2024, 10, 29, 0, i)).toISOString(), source: i % 4 === 0 ? 'cups' : 'kernel', level: 'err', id: null, message: `e${i}` }));
    const { summary, data } = summarizeEvents(many);
    const d = data as { events: { message: string }[]; capped: boolean; topSources: { source: string; count: number }[] };
    expect(d.events).toHaveLength(MAX_EVENTS);
    expect(d.events[0]?.message).toBe('e79');
    expect(d.capped).toBe(true);
    expect(d.topSources).toEqual([{ source: 'kernel', count: 60 }, { source: 'cups', count: 20 }]);
    expect(summary).toBe('80 errors in the last 24 h; most from kernel (60), cups (20)');
  });
});

describe('gateway parsers', () => {
  it('/proc/net/route', () => {
    expect(parseProcNetRoute(fixture('linux/diagnostics/proc-net-route.txt'))).toEqual({ iface: 'wlp2s0', gateway: '192.168.1.1' });
  });
  it('route -n get default', () => {
    expect(parseRouteGetDefault(fixture('macos/diagnostics/route-get-default.txt'))).toEqual({ iface: 'en0', gateway: '10.20.0.1' });
  });
  it('Get-NetRoute: lowest metric with a real next hop', () => {
    expect(parseNetRouteJson(fixture('windows/diagnostics/get-netroute-default.json'))).toEqual({ iface: 'Wi-Fi', gateway: '192.168.50.1' });
  });
  it('only private and link-local gateways are probed', () => {
    expect(['10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.1.1', '100.64.0.1', 'fe80::1'].every(isLocalAddress)).toBe(true);
    expect(['8.8.8.8', '172.32.0.1', '1.1.1.1', '2001:db8::1'].some(isLocalAddress)).toBe(false);
  });
});

describe('pending reboot', () => {
  it('Windows registry markers', () => {
    expect(parseWindowsPendingReboot(fixture('windows/diagnostics/pending-reboot.json'))).toEqual({ pending: true, reasons: ['WindowsUpdate', 'PendingFileRename'] });
  });
  it('Debian reboot-required.pkgs', () => {
    expect(parseRebootRequiredPkgs('linux-image-6.1.0-27-amd64\nlibc6\n\nlibc6\n')).toEqual(['linux-image-6.1.0-27-amd64', 'libc6']);
  });
});
