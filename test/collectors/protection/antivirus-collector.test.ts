import { AntivirusDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { antivirusCollector } from '../../../collectors/antivirus/index.js';
import { systemdWithUnits } from '../fake-system.js';
import { fakeContext, sectionError } from './helpers.js';

const SHOW = 'systemctl show --no-pager -p Id,LoadState,ActiveState,SubState,UnitFileState,Result,ExecMainExitTimestamp,ExecMainStatus';

describe('antivirus collector', () => {
  it('Windows: one PowerShell run, parsed and schema-valid', async () => {
    const ctx = fakeContext('win32', { powershell: [['SecurityCenter2', 'windows/antivirus/script-workstation-thirdparty-defender-passive.json']] });
    const data = AntivirusDataSchema.parse(await antivirusCollector.collect(ctx));
    expect(data.products.map((p) => p.mode)).toEqual(['active', 'passive']);
  });

  it('Windows: an error, not "no antivirus", when no source answers', async () => {
    const ctx = fakeContext('win32', { powershell: [['SecurityCenter2', 'windows/antivirus/script-workstation-nothing-answers.json']] });
    const error = await sectionError(antivirusCollector.collect(ctx));
    expect(error.status).toBe('error');
    expect(error.message).toMatch(/Security Center unavailable/);
  });

  it('Windows: PowerShell missing is an error with the reason', async () => {
    const error = await sectionError(antivirusCollector.collect(fakeContext('win32', {})));
    expect(error.message).toMatch(/could not be read/);
  });

  it('Linux: ClamAV from its database header, daemon and on-access units', async () => {
    const ctx = fakeContext('linux', {
      commands: {
        'clamscan --version': 'linux/antivirus/clamscan-version.txt',
        [`${SHOW} clamav-daemon.service clamd@scan.service clamd.service clamav-clamonacc.service clamonacc.service`]: 'linux/antivirus/systemctl-show-clamav-active.txt',
      },
      directories: {
        '/var/lib/clamav': ['bytecode.cvd', 'daily.cld', 'main.cvd'],
        ...systemdWithUnits('clamav-daemon.service', 'clamd@.service', 'clamd.service', 'clamav-clamonacc.service', 'clamonacc.service'),
      },
      files: { '/var/lib/clamav/daily.cld': 'linux/antivirus/daily.cld' },
    });
    const data = AntivirusDataSchema.parse(await antivirusCollector.collect(ctx));
    expect(data.products).toEqual([
      {
        name: 'ClamAV',
        vendor: 'Cisco Talos',
        version: '1.0.7',
        enabled: true,
        realtimeProtection: false,
        mode: 'active',
        signaturesUpToDate: true,
        signatureVersion: '27415',
        signaturesUpdatedAt: '2024-10-02T08:27:00.000Z',
        lastScanAt: null,
        source: 'clamscan --version + /var/lib/clamav/daily.cld header + systemctl',
      },
    ]);
  });

  it('Linux: falls back to freshclam.log when the database cannot be read', async () => {
    const ctx = fakeContext('linux', {
      directories: { '/var/lib/clamav': ['daily.cld'] },
      files: { '/var/lib/clamav/daily.cld': { fail: 'permission-denied' }, '/var/log/clamav/freshclam.log': 'linux/antivirus/freshclam.log' },
    });
    const [clam] = (await antivirusCollector.collect(ctx)).products;
    expect(clam?.signaturesUpdatedAt).not.toBeNull();
    expect(clam?.source).toMatch(/freshclam\.log.*signature database: .*permission denied/);
  });

  it('Linux: no antivirus at all is an honest empty list', async () => {
    const data = await antivirusCollector.collect(fakeContext('linux', {}));
    expect(data).toEqual({ products: [] });
  });

  it('Linux: an installed product whose tool fails is listed with unknown state', async () => {
    const ctx = fakeContext('linux', { commands: { 'mdatp health --output json': { exitCode: 1, stdout: '', stderr: 'daemon is not running' } } });
    const data = await antivirusCollector.collect(ctx);
    expect(data.products).toHaveLength(1);
    expect(data.products[0]).toMatchObject({ name: 'Microsoft Defender for Endpoint', enabled: null, mode: 'unknown' });
    expect(data.products[0]?.source).toMatch(/mdatp health unreadable/);
  });

  it('macOS: third-party first, then XProtect and Gatekeeper', async () => {
    const ctx = fakeContext('darwin', {
      commands: {
        '/usr/sbin/spctl --status': 'macos/antivirus/spctl-status-enabled.txt',
        'mdatp health --output json': 'macos/antivirus/mdatp-health-101.24-legacy-flat.json',
      },
      files: {
        '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist': 'macos/antivirus/xprotect-info.plist',
        '/Library/Receipts/InstallHistory.plist': 'macos/updates/install-history.plist',
        '/Applications/Malwarebytes.app': { stdout: '' },
      },
    });
    const data = AntivirusDataSchema.parse(await antivirusCollector.collect(ctx));
    expect(data.products.map((p) => [p.name, p.enabled])).toEqual([
      ['Microsoft Defender for Endpoint', true],
      ['Malwarebytes', null],
      ['XProtect', true],
      ['Gatekeeper', true],
    ]);
    expect(data.products[2]).toMatchObject({ version: '5272', signaturesUpdatedAt: '2024-09-24T02:14:40.000Z', signaturesUpToDate: true });
  });

  it('macOS 15: XProtect age from the bundle when no receipt records it', async () => {
    const info = '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist';
    const ctx = fakeContext('darwin', {
      commands: { '/usr/sbin/spctl --status': 'macos/antivirus/spctl-status-enabled.txt', [`/usr/bin/stat -f %m ${info}`]: { stdout: '1727857620\n' } },
      files: { [info]: 'macos/antivirus/xprotect-info.plist' },
    });
    const xprotect = (await antivirusCollector.collect(ctx)).products.find((p) => p.name === 'XProtect');
    expect(xprotect).toMatchObject({ signaturesUpdatedAt: '2024-10-02T08:27:00.000Z', signaturesUpToDate: true });
    expect(xprotect?.source).toMatch(/stat of the XProtect bundle/);
  });

  it('macOS: nothing readable is an error, not "off"', async () => {
    const ctx = fakeContext('darwin', { commands: { '/usr/sbin/spctl --status': { fail: 'timeout' } } });
    const error = await sectionError(antivirusCollector.collect(ctx));
    expect(error.message).toMatch(/spctl --status/);
    expect(AntivirusDataSchema.parse(error.partialData).products.every((p) => p.enabled === null)).toBe(true);
  });
});
