import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { Element } from '@xmldom/xmldom';
import { parse as parsePlist } from 'plist';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { elements, parseXml, readRepoFile, repoPath } from './template-files.js';

const PRESET_TOOL = repoPath('build/installer/preset-config.mjs');

describe('preset configuration tool (deb postinst, pkg postinstall)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'deskside-preset-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const files = () => ({ policy: join(dir, 'etc/agent.json'), secret: join(dir, 'etc/enroll-secret'), tag: join(dir, 'etc/tag') });
  function run(extra: readonly string[], env: Readonly<Record<string, string>> = {}) {
    const f = files();
    const args = [PRESET_TOOL, '--policy-file', f.policy, '--secret-file', f.secret, '--tag-file', f.tag, ...extra];
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('DESKSIDE_')));
    return spawnSync(process.execPath, args, { env: { ...clean, ...env }, encoding: 'utf8' });
  }

  it('writes the server URL as policy and the secret to a separate 0600 file, never printing it', () => {
    const res = run([], { DESKSIDE_SERVER_URL: 'https://deskside.example.org', DESKSIDE_ENROLL_SECRET: 's3cr3t-value-42', DESKSIDE_TAG: 'Paris 3F' });
    expect(res.status, res.stderr).toBe(0);
    const f = files();
    expect(JSON.parse(readFileSync(f.policy, 'utf8'))).toEqual({ serverUrl: 'https://deskside.example.org' });
    expect(readFileSync(f.secret, 'utf8')).toBe('s3cr3t-value-42\n');
    expect(statSync(f.secret).mode & 0o777).toBe(0o600);
    expect(statSync(f.policy).mode & 0o777).toBe(0o644);
    expect(readFileSync(f.tag, 'utf8')).toBe('Paris 3F\n');
    expect(`${res.stdout}${res.stderr}`).not.toContain('s3cr3t');
  });

  it('moves a secret an administrator put in agent.json out of it, keeping the other keys', () => {
    const f = files();
    execFileSync('mkdir', ['-p', join(dir, 'etc')]);
    writeFileSync(f.policy, JSON.stringify({ serverUrl: 'https://d.example.org', enrollSecret: 'from-the-admin-1', inventoryIntervalHours: 12 }));
    const res = run([]);
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(readFileSync(f.policy, 'utf8'))).toEqual({ serverUrl: 'https://d.example.org', inventoryIntervalHours: 12 });
    expect(readFileSync(f.secret, 'utf8')).toBe('from-the-admin-1\n');
  });

  it('merges a preset file, the environment winning', () => {
    const source = join(dir, 'deskside.json');
    writeFileSync(source, JSON.stringify({ serverUrl: 'https://a.example.org', disabledCategories: ['peripherals'], tag: 'lab' }));
    const res = run(['--source', source], { DESKSIDE_SERVER_URL: 'https://b.example.org' });
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(readFileSync(files().policy, 'utf8'))).toEqual({ serverUrl: 'https://b.example.org', disabledCategories: ['peripherals'] });
    expect(readFileSync(files().tag, 'utf8')).toBe('lab\n');
  });

  it('writes managed preferences as an XML plist for macOS', () => {
    const source = join(dir, 'deskside.json');
    writeFileSync(source, JSON.stringify({ serverUrl: 'https://a.example.org/x?a=1&b=<2>', screenshotsAllowed: false, checkinIntervalMinutes: 30, serverKeyPins: [] }));
    const res = run(['--source', source, '--format', 'plist']);
    expect(res.status, res.stderr).toBe(0);
    expect(parsePlist(readFileSync(files().policy, 'utf8'))).toEqual({
      serverUrl: 'https://a.example.org/x?a=1&b=<2>',
      screenshotsAllowed: false,
      checkinIntervalMinutes: 30,
      serverKeyPins: [],
    });
  });

  it('leaves a profile-managed policy alone and still stores the secret (--keep-policy)', () => {
    const source = join(dir, 'deskside.json');
    writeFileSync(source, JSON.stringify({ serverUrl: 'https://a.example.org', enrollSecret: 'only-the-secret' }));
    const res = run(['--source', source, '--format', 'plist', '--keep-policy']);
    expect(res.status, res.stderr).toBe(0);
    expect(existsSync(files().policy)).toBe(false);
    expect(readFileSync(files().secret, 'utf8')).toBe('only-the-secret\n');
    expect(res.stdout).toContain('not applied from the preset: serverUrl');
  });

  it.each([
    [{ serverUrl: 'http://deskside.example.org' }, 'serverUrl must use https://'],
    [{ serverUrl: 'https://user:pw@deskside.example.org' }, 'must not contain a user name'],
    [{ enrollSecret: 'short' }, 'enrollSecret must be 8 to 512'],
    [{ serverUrl: 'https://d.example.org', proxy: 'x' }, 'unknown key "proxy"'],
    [{ inventoryIntervalHours: '24h' }, '"inventoryIntervalHours" must be an integer'],
    [{ disabledCategories: 'software' }, '"disabledCategories" must be a list of strings'],
  ])('rejects %j with a clear message and changes nothing', (preset, message) => {
    const f = files();
    execFileSync('mkdir', ['-p', join(dir, 'etc')]);
    const before = JSON.stringify({ serverUrl: 'https://kept.example.org', enrollSecret: 'kept-secret-1' });
    writeFileSync(f.policy, before);
    const source = join(dir, 'deskside.json');
    writeFileSync(source, JSON.stringify(preset));
    const res = run(['--source', source]);
    expect(res.status).toBe(2);
    expect(res.stderr).toContain(message);
    expect(res.stderr).toContain('nothing was changed');
    expect(readFileSync(f.policy, 'utf8')).toBe(before);
    expect(existsSync(f.secret)).toBe(false);
  });

  it('accepts plain HTTP to this machine only', () => {
    expect(run([], { DESKSIDE_SERVER_URL: 'http://127.0.0.1:8080' }).status).toBe(0);
  });

  it('reports a preset file that is not JSON', () => {
    const source = join(dir, 'deskside.json');
    writeFileSync(source, '{ serverUrl: nope');
    const res = run(['--source', source]);
    expect(res.status).toBe(2);
    expect(res.stderr).toMatch(/is not valid JSON/);
  });

  it('does nothing without a preset', () => {
    const res = run([]);
    expect(res.status).toBe(0);
    expect(res.stdout).toContain('no preset configuration given');
    expect(existsSync(files().policy)).toBe(false);
  });
});

describe('MSI additions (msiProjectCreated hook + msi-preset.wxs)', () => {
  type Merge = (project: string, preset: string, log?: (m: string) => void) => string;

  /** The WiX project electron-builder generates, rendered from the template of the installed version. */
  async function generatedProject(withServiceWrapper: boolean): Promise<string> {
    const require = createRequire(import.meta.url);
    const templatePath = join(require.resolve('app-builder-lib/package.json'), '../templates/msi/template.xml');
    const ejsName = 'ejs';
    const ejs = (await import(ejsName)) as { compile: (t: string) => (data: object) => string };
    // The same placeholder rewriting electron-builder's MsiTarget applies before compiling.
    const template = readFileSync(templatePath, 'utf8')
      .replace(/{{/g, '<%')
      .replace(/}}/g, '%>')
      .replace(/\${([^}]+)}/g, '<%=$1%>');
    const file = (name: string) =>
      `<Component Directory="dService"><File Name="${name}" Source="$(var.appDir)\\resources\\service\\windows\\${name}" ReadOnly="yes" KeyPath="yes"/></Component>`;
    return ejs.compile(template)({
      productName: 'Deskside',
      upgradeCode: '7A0F3B52-5C7E-4B7B-9E1B-3D2C4A8F6E10',
      version: '0.1.0.0',
      manufacturer: 'Deskside',
      compressionLevel: 'high',
      iconPath: null,
      iconId: 'DesksideIcon.exe',
      isRunAfterFinish: false,
      isAssisted: false,
      isPerMachine: true,
      installationDirectoryWixName: 'Deskside',
      programFilesId: 'ProgramFiles64Folder',
      menuCategory: null,
      isCreateDesktopShortcut: false,
      isCreateStartMenuShortcut: true,
      dirs: '<Directory Id="dService" Name="APPLICATIONFOLDER:\\resources\\service\\windows\\"/>',
      files: [file('deskside-agent-service.xml'), ...(withServiceWrapper ? [file('deskside-agent-service.exe')] : [])].join('\n'),
    });
  }

  async function loadHook(): Promise<{ mergePreset: Merge }> {
    return (await import(pathToFileURL(repoPath('build/msi-project-created.mjs')).href)) as { mergePreset: Merge };
  }
  const preset = readRepoFile('build/msi-preset.wxs');

  it('adds the preset properties, with the secret hidden from logs', async () => {
    const { mergePreset } = await loadHook();
    const doc = parseXml(mergePreset(await generatedProject(true), preset), 'project.wxs');
    const properties = new Map(elements(doc, 'Property').map((p) => [p.getAttribute('Id'), p]));
    for (const id of ['SERVER_URL', 'ENROLL_SECRET', 'TAG', 'START_AT_LOGIN', 'INSTALL_SERVICE']) {
      expect(properties.get(id)?.getAttribute('Secure'), id).toBe('yes');
    }
    expect(properties.get('ENROLL_SECRET')?.getAttribute('Hidden')).toBe('yes');
    expect(properties.get('START_AT_LOGIN')?.getAttribute('Value')).toBe('1');
  });

  it('writes the server URL where the agent reads policy and the secret into a key only SYSTEM and Administrators can open', async () => {
    const { mergePreset } = await loadHook();
    const doc = parseXml(mergePreset(await generatedProject(true), preset), 'project.wxs');
    const values = elements(doc, 'RegistryValue');
    const serverUrl = values.find((v) => v.getAttribute('Name') === 'serverUrl');
    expect(serverUrl?.getAttribute('Key')).toBe('SOFTWARE\\Policies\\Deskside');
    expect(serverUrl?.getAttribute('Value')).toBe('[SERVER_URL]');
    const secret = values.find((v) => v.getAttribute('Name') === 'enrollSecret');
    expect(secret?.getAttribute('Key')).toBe('SOFTWARE\\Policies\\Deskside\\Enrollment');
    // The agent deletes the secret after enrollment: as a key path its absence would trigger MSI self-repair.
    expect(secret?.getAttribute('KeyPath')).toBeNull();
    const sddl = elements(secret!, 'PermissionEx')[0]?.getAttribute('Sddl') ?? '';
    // Protected DACL (no inheritance from Policies\, which users can read), SYSTEM and Administrators only.
    expect(sddl).toMatch(/^D:PAI/);
    expect([...sddl.matchAll(/\(A;[^;]*;[^;]*;;;(\w+)\)/g)].map((m) => m[1]).sort()).toEqual(['BA', 'SY']);
    const runKey = values.find((v) => v.getAttribute('Key')?.endsWith('CurrentVersion\\Run'));
    expect(runKey?.getAttribute('Value')).toBe('"[APPLICATIONFOLDER]Deskside.exe"');
  });

  it("creates the agent service's data folder under ProgramData with a protected ACL", async () => {
    const { mergePreset } = await loadHook();
    const doc = parseXml(mergePreset(await generatedProject(true), preset), 'project.wxs');
    const dirs = new Map(elements(doc, 'Directory').map((d) => [d.getAttribute('Id'), d]));
    const agentDir = dirs.get('DesksideAgentDataDir');
    expect(agentDir?.getAttribute('Name')).toBe('agent');
    expect((agentDir?.parentNode as Element | null)?.getAttribute('Name')).toBe('Deskside');
    expect(((agentDir?.parentNode as Element | null)?.parentNode as Element | null)?.getAttribute('Id')).toBe('CommonAppDataFolder');
    const component = elements(doc, 'Component').find((c) => c.getAttribute('Directory') === 'DesksideAgentDataDir');
    expect(elements(component!, 'PermissionEx')[0]?.getAttribute('Sddl')).toBe('D:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)');
    expect(readRepoFile('build/installer.nsh')).toContain('!define DESKSIDE_DATA_SDDL "O:BAG:SYD:PAI(A;OICI;FA;;;SY)(A;OICI;FA;;;BA)"');
  });

  it('references the preset components from the product feature, so they are installed', async () => {
    const { mergePreset } = await loadHook();
    const doc = parseXml(mergePreset(await generatedProject(true), preset), 'project.wxs');
    const feature = elements(doc, 'Feature').find((f) => f.getAttribute('Id') === 'ProductFeature')!;
    expect(elements(feature, 'ComponentGroupRef').map((r) => r.getAttribute('Id'))).toContain('DesksidePresetComponents');
    const group = elements(doc, 'ComponentGroup').find((g) => g.getAttribute('Id') === 'DesksidePresetComponents');
    expect(elements(group!, 'Component').length).toBeGreaterThanOrEqual(4);
  });

  it('registers the service only when the package carries the wrapper, and says so otherwise', async () => {
    const { mergePreset } = await loadHook();
    const withService = mergePreset(await generatedProject(true), preset);
    expect(withService).toContain('Id="DesksideServiceInstall"');
    const notes: string[] = [];
    const without = mergePreset(await generatedProject(false), preset, (m) => notes.push(m));
    expect(without).not.toContain('Id="DesksideServiceInstall"');
    expect(without).toContain('Id="DesksidePresetComponents"');
    expect(notes.join('\n')).toContain('deskside-agent-service.exe is not in the package');
  });

  it('is idempotent and fails loudly when electron-builder changes its template', async () => {
    const { mergePreset } = await loadHook();
    const once = mergePreset(await generatedProject(true), preset);
    expect(mergePreset(once, preset)).toBe(once);
    expect(() => mergePreset('<Wix><Product></Product></Wix>', preset)).toThrow(/ProductFeature/);
  });
});

describe('deb and pkg maintainer scripts', () => {
  it('are valid shell and executable', () => {
    for (const [shell, file] of [
      ['bash', 'build/deb/postinst'],
      ['bash', 'build/deb/postrm'],
      ['sh', 'build/pkg-scripts/postinstall'],
      ['sh', 'build/pkg-scripts/preinstall'],
    ] as const) {
      execFileSync(shell, ['-n', repoPath(file)]);
      expect(statSync(repoPath(file)).mode & 0o111, file).not.toBe(0);
    }
  });

  it('deb scripts use only the macros electron-builder fills in (it rejects any other ${name})', () => {
    for (const file of ['build/deb/postinst', 'build/deb/postrm']) {
      const macros = new Set([...readRepoFile(file).matchAll(/\$\{([a-zA-Z]+)\}/g)].map((m) => m[1]));
      expect([...macros].sort(), file).toEqual(['executable', 'sanitizedProductName']);
    }
  });

  it('the deb keeps the secret root-only and installs the systemd unit it ships', () => {
    const postinst = readRepoFile('build/deb/postinst');
    expect(postinst).toContain('--secret-file "$CONF_DIR/enroll-secret"');
    expect(postinst).toContain('chmod 0600 "$CONF_DIR/enroll-secret"');
    expect(postinst).toContain('resources/service/linux/$UNIT');
    expect(readRepoFile('build/deb/postrm')).toMatch(/purge\)?[\s\S]*rm -rf \/etc\/deskside/);
  });

  it('the pkg reads deskside.json next to the package and defers to an MDM profile', () => {
    const postinstall = readRepoFile('build/pkg-scripts/postinstall');
    expect(postinstall).toContain('PRESET="$(dirname "$PKG_PATH")/deskside.json"');
    expect(postinstall).toContain('[ -f "$MANAGED" ] && keep="--keep-policy"');
    expect(postinstall).toContain('launchctl bootstrap system "$DAEMON"');
  });

  it('the NSIS installer accepts the same presets as the MSI', () => {
    const nsh = readRepoFile('build/installer.nsh');
    for (const option of ['/SERVER_URL=', '/ENROLL_SECRET=', '/TAG=', '/START_AT_LOGIN=', '/INSTALL_SERVICE=']) {
      expect(nsh, option).toContain(`\${GetOptions} $R0 "${option}"`);
    }
    expect(nsh).toContain('!define DESKSIDE_SECRET_SDDL "O:BAG:SYD:PAI(A;CI;KA;;;SY)(A;CI;KA;;;BA)"');
  });
});

/** Whether a command is on the PATH (the Debian packages nsis and shellcheck are optional here). */
function available(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}
const hasMakensis = available('makensis');
const hasShellcheck = available('shellcheck');
if (!hasMakensis) console.warn('[installer-scripts.test] NSIS compile check skipped: makensis is not installed (apt-get install nsis)');
if (!hasShellcheck) console.warn('[installer-scripts.test] shellcheck skipped: not installed (apt-get install shellcheck)');

describe.skipIf(!hasMakensis)('NSIS include compiles', () => {
  it('customInit, customInstall and customUnInstall build into an installer with makensis', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deskside-nsis-'));
    try {
      // Stand-ins for what electron-builder's own template defines around the include.
      const script = [
        'Unicode true',
        '!include "LogicLib.nsh"',
        '!macro _isUpdated _a _b _t _f',
        '  StrCmp "$R8" "updated" `${_t}` `${_f}`',
        '!macroend',
        '!define isUpdated `"" isUpdated ""`',
        '!define APP_EXECUTABLE_FILENAME "Deskside.exe"',
        `!include "${repoPath('build/installer.nsh')}"`,
        'Name "Deskside include check"',
        `OutFile "${join(dir, 'check.exe')}"`,
        'RequestExecutionLevel admin',
        'Function .onInit',
        '  !insertmacro customInit',
        'FunctionEnd',
        'Section "install"',
        '  !insertmacro customInstall',
        '  WriteUninstaller "$INSTDIR\\uninstall.exe"',
        'SectionEnd',
        'Section "Uninstall"',
        '  !insertmacro customUnInstall',
        'SectionEnd',
        '',
      ].join('\n');
      writeFileSync(join(dir, 'check.nsi'), script);
      const res = spawnSync('makensis', ['-V2', '-WX', join(dir, 'check.nsi')], { encoding: 'utf8' });
      expect(res.status, `${res.stdout}${res.stderr}`).toBe(0);
      expect(existsSync(join(dir, 'check.exe'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe.skipIf(!hasShellcheck)('shellcheck', () => {
  it.each([
    ['bash', 'build/deb/postinst'],
    ['bash', 'build/deb/postrm'],
    ['sh', 'build/pkg-scripts/postinstall'],
    ['sh', 'build/pkg-scripts/preinstall'],
    ['sh', 'build/bin/deskside-agent'],
  ])('%s %s has no findings', (shell, file) => {
    const res = spawnSync('shellcheck', ['-s', shell, repoPath(file)], { encoding: 'utf8' });
    expect(res.status, res.stdout).toBe(0);
  });
});
