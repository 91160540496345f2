import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));
vi.mock('electron-log/main', () => ({ default: {} }));

const { localAddresses } = await import('../../../main/platform/host-info.js');
const { initialRoute, routeFromArgv } = await import('../../../main/platform/single-instance.js');
const { autostartDesktopEntry } = await import('../../../main/platform/login-item.js');
const { scrub } = await import('../../../main/platform/logging.js');
const { classify } = await import('../../../main/platform/net-transport.js');
const { subjectOf } = await import('../../../main/core/tray-core.js');

describe('platform glue', () => {
  it('lists the addresses a user reads out: IPv4 first, no loopback or link-local', () => {
    const nic = (address: string, family: 'IPv4' | 'IPv6', internal = false) => ({ address, family, internal, netmask: '', mac: '00:00:00:00:00:00', cidr: null });
    expect(
      localAddresses({
        lo: [nic('127.0.0.1', 'IPv4', true), nic('::1', 'IPv6', true)],
        eth0: [nic('fe80::1', 'IPv6'), nic('2001:db8::5', 'IPv6'), nic('10.1.2.3', 'IPv4')],
        wlan0: [nic('169.254.10.1', 'IPv4')],
      } as never),
    ).toEqual(['10.1.2.3', '2001:db8::5']);
  });

  it('starts hidden at login and shows Report a problem when a person launches it', () => {
    expect(initialRoute(['deskside', '--hidden'])).toBeNull();
    expect(initialRoute(['deskside'])).toEqual({ view: 'report' });
    expect(initialRoute(['deskside', '--view=device'])).toEqual({ view: 'device' });
    expect(routeFromArgv(['deskside', '--view=shell'])).toBeNull();
  });

  it('writes an XDG autostart entry that survives spaces in the path', () => {
    const entry = autostartDesktopEntry('/opt/Deskside App/deskside');
    expect(entry).toContain('Exec="/opt/Deskside App/deskside" --hidden');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
  });

  it('never logs a secret', () => {
    expect(scrub({ credential: 'abc', nested: { Authorization: 'Bearer x' }, note: 'sent with Bearer eyJhbGciOiJIUzI1NiJ9.payload' })).toEqual({
      credential: '[redacted]',
      nested: { Authorization: '[redacted]' },
      note: 'sent with Bearer [redacted]',
    });
  });

  it('maps Chromium network errors onto the agent transport failures', () => {
    expect(classify(new Error('net::ERR_CONNECTION_REFUSED'), 'https://s').failure).toBe('connection');
    expect(classify(new Error('net::ERR_PROXY_CONNECTION_FAILED'), 'https://s').failure).toBe('proxy');
    expect(classify(new Error('net::ERR_CERT_AUTHORITY_INVALID'), 'https://s').failure).toBe('tls');
    expect(classify(new Error('net::ERR_TIMED_OUT'), 'https://s').failure).toBe('timeout');
  });

  it('shows the subject of a queued ticket, not the agent label', () => {
    expect(subjectOf('ticket "VPN drops"')).toBe('VPN drops');
    expect(subjectOf('something else')).toBe('something else');
  });
});
