import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { defaultEndpointPath } from '../../agent/endpoint/endpoint-location.js';
import { elements, parseXml, readBuilderConfig, readPlist, readRepoFile, repoPath } from './template-files.js';

/** systemd unit files: sections of `Key=Value` lines; a key may repeat. */
function parseUnit(text: string): Map<string, Map<string, string[]>> {
  const sections = new Map<string, Map<string, string[]>>();
  let current: Map<string, string[]> | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      current = new Map();
      sections.set(header[1]!, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (!current || eq < 1) throw new Error(`not a unit file line: ${line}`);
    const key = line.slice(0, eq);
    current.set(key, [...(current.get(key) ?? []), line.slice(eq + 1)]);
  }
  return sections;
}

describe('systemd unit (Linux)', () => {
  const unit = parseUnit(readRepoFile('build/service/linux/deskside-agent.service'));
  const service = unit.get('Service') ?? new Map<string, string[]>();
  const one = (key: string) => service.get(key)?.at(-1);

  it('runs the installed deskside-agent as a daemon with its state directory as data dir', () => {
    expect(one('ExecStart')).toBe('/opt/Deskside/resources/bin/deskside-agent run --data-dir /var/lib/deskside');
    expect(one('StateDirectory')).toBe('deskside');
    expect(one('StateDirectoryMode')).toBe('0700');
    expect(unit.get('Install')?.get('WantedBy')).toEqual(['multi-user.target']);
    expect(one('Restart')).toBe('on-failure');
  });

  it('runs with least privilege', () => {
    expect(one('DynamicUser')).toBe('yes');
    expect(service.has('User')).toBe(false);
    expect(one('NoNewPrivileges')).toBe('yes');
    expect(one('CapabilityBoundingSet')).toBe('');
    expect(one('AmbientCapabilities')).toBe('');
    expect(one('ProtectSystem')).toBe('strict');
    expect(one('ProtectHome')).toBe('read-only');
    expect(one('PrivateTmp')).toBe('yes');
    expect(one('PrivateDevices')).toBe('yes');
    expect(one('UMask')).toBe('0077');
    expect(one('RestrictAddressFamilies')?.split(' ').sort()).toEqual(['AF_INET', 'AF_INET6', 'AF_NETLINK', 'AF_UNIX']);
  });

  it("gives the service a runtime folder everyone may reach, where the agent's default socket lives", () => {
    expect(one('RuntimeDirectory')).toBe('deskside');
    expect(one('RuntimeDirectoryMode')).toBe('0755');
    expect(defaultEndpointPath('linux', {})).toBe('/run/deskside/agent.sock');
    expect(one('ExecStart')).not.toMatch(/--no-endpoint/);
  });

  it('hands the root-only enrollment secret to the service as a credential, optional', () => {
    expect(service.get('LoadCredential')).toEqual(['enroll-secret:/etc/deskside/enroll-secret']);
    expect(service.get('SetCredential')).toEqual(['enroll-secret:']);
    expect(service.get('Environment')).toContain('DESKSIDE_ENROLL_SECRET_FILE=%d/enroll-secret');
  });

  it('points at the path the deb installs (/opt/<productName>) and the launcher it ships', () => {
    const { productName, extraResources } = readBuilderConfig();
    expect(one('ExecStart')?.startsWith(`/opt/${productName}/resources/bin/deskside-agent `)).toBe(true);
    expect(extraResources).toContainEqual(expect.objectContaining({ from: 'build/bin', to: 'bin' }));
    expect(extraResources).toContainEqual(expect.objectContaining({ from: 'build/service', to: 'service' }));
  });
});

describe('launchd daemon (macOS)', () => {
  const daemon = readPlist('build/service/macos/com.deskside.agent.plist') as Record<string, unknown>;
  const { appId, productName } = readBuilderConfig();

  it('is labelled with the app id and runs the app binary in Node mode as `deskside-agent run`', () => {
    expect(daemon.Label).toBe(appId);
    expect(daemon.ProgramArguments).toEqual([
      `/Applications/${productName}.app/Contents/MacOS/${productName}`,
      `/Applications/${productName}.app/Contents/Resources/app.asar/dist/agent/cli.js`,
      'run',
      '--data-dir',
      '/Library/Application Support/Deskside/agent',
    ]);
    expect(daemon.EnvironmentVariables).toMatchObject({ ELECTRON_RUN_AS_NODE: '1' });
    expect(daemon.WorkingDirectory).toBe('/Library/Application Support/Deskside/agent');
  });

  it('starts at boot, restarts only after failures, throttled, at background priority with umask 077', () => {
    expect(daemon.RunAtLoad).toBe(true);
    expect(daemon.KeepAlive).toEqual({ SuccessfulExit: false });
    expect(daemon.ThrottleInterval).toBeGreaterThanOrEqual(10);
    expect(daemon.ProcessType).toBe('Background');
    expect(daemon.LowPriorityIO).toBe(true);
    expect(daemon.Umask).toBe(0o077);
  });

  it('reads the enrollment secret from the root-only file the pkg writes', () => {
    const env = daemon.EnvironmentVariables as Record<string, string>;
    expect(env.DESKSIDE_ENROLL_SECRET_FILE).toBe('/Library/Application Support/Deskside/enroll-secret');
    expect(readRepoFile('build/pkg-scripts/postinstall')).toContain('--secret-file "$SUPPORT/enroll-secret"');
  });
});

describe('Windows service (WinSW)', () => {
  const xml = parseXml(readRepoFile('build/service/windows/deskside-agent-service.xml'), 'deskside-agent-service.xml');
  const text = (tag: string) => elements(xml, tag)[0]?.textContent?.trim();

  it('starts the app binary in Node mode as `deskside-agent run` with the machine-wide data folder', () => {
    expect(text('id')).toBe('deskside-agent');
    // %BASE% is <install dir>\resources\service\windows (extraResources keeps build/service's tree).
    expect(text('executable')).toBe(`%BASE%\\..\\..\\..\\${readBuilderConfig().productName}.exe`);
    expect(text('arguments')).toBe('"%BASE%\\..\\..\\app.asar\\dist\\agent\\cli.js" run --data-dir "%ProgramData%\\Deskside\\agent"');
    const env = Object.fromEntries(elements(xml, 'env').map((e) => [e.getAttribute('name'), e.getAttribute('value')]));
    expect(env).toMatchObject({ ELECTRON_RUN_AS_NODE: '1' });
  });

  it('starts automatically, restarts on failure and stops within its timeout', () => {
    expect(text('startmode')).toBe('Automatic');
    expect(elements(xml, 'onfailure').map((e) => e.getAttribute('action'))).toEqual(['restart', 'restart', 'restart']);
    expect(text('stoptimeout')).toMatch(/^\d+ sec$/);
  });

  it('is registered by both Windows installers under the name the wrapper is shipped as', () => {
    const shipped = 'resources\\service\\windows\\deskside-agent-service.exe';
    expect(readBuilderConfig().extraResources).toContainEqual(expect.objectContaining({ from: 'build/service', to: 'service' }));
    expect(readRepoFile('build/installer.nsh')).toContain(`!define DESKSIDE_SERVICE_EXE "$INSTDIR\\${shipped}"`);
    expect(readRepoFile('build/msi-preset.wxs')).toContain(`[APPLICATIONFOLDER]${shipped}&quot; install`);
  });
});

describe('deskside-agent launchers', () => {
  it('the shell launcher is executable, valid sh, and runs cli.js from the asar with ELECTRON_RUN_AS_NODE', () => {
    const file = repoPath('build/bin/deskside-agent');
    expect(statSync(file).mode & 0o111).not.toBe(0);
    execFileSync('sh', ['-n', file]);
    const text = readRepoFile('build/bin/deskside-agent');
    expect(text).toContain('ELECTRON_RUN_AS_NODE=1');
    expect(text).toContain('exec "$electron" "$resources/app.asar/dist/agent/cli.js" "$@"');
  });

  it('the Windows launcher uses CRLF line ends and passes every argument through', () => {
    const text = readRepoFile('build/bin/deskside-agent.cmd');
    expect(text.split('\n').slice(0, -1).every((line) => line.endsWith('\r'))).toBe(true);
    expect(text).toContain('set ELECTRON_RUN_AS_NODE=1');
    expect(text).toContain('"%~dp0..\\app.asar\\dist\\agent\\cli.js" %*');
  });
});
