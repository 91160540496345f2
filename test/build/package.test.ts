import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

import { extractAll, extractFile, listPackage } from '@electron/asar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { readBuilderConfig, repoPath } from './template-files.js';

// Packs the desktop app the way a release build does (`electron-builder --dir`), with a stand-in for the
// Electron binary (it cannot be downloaded here), then inspects what went into the app.

interface PackageJson {
  readonly name: string;
  readonly main?: string;
  readonly bin?: Record<string, string>;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly devDependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}
interface LockEntry extends Omit<PackageJson, 'name'> {
  readonly name?: string;
  readonly link?: boolean;
  readonly resolved?: string;
  readonly dev?: boolean;
}

const rootPackage = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as PackageJson;
const serverPackage = JSON.parse(readFileSync(repoPath('server/package.json'), 'utf8')) as PackageJson;
const lock = (JSON.parse(readFileSync(repoPath('package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;

/** Why the pack cannot run on this checkout yet, or null when it can. */
function missingPrerequisite(): string | null {
  if (!existsSync(repoPath('out/main')) && !rootPackage.scripts?.['build:desktop']) {
    return 'the desktop build (npm run build:desktop → out/) does not exist yet';
  }
  if (!existsSync(repoPath('dist/agent/cli.js'))) return 'dist/agent is not built (npm run build)';
  if (!existsSync(repoPath('shared/dist/index.js'))) return 'shared/dist is not built (npm run build)';
  return null;
}

/** Package names reachable from the desktop app's production dependencies, following package-lock.json. */
function productionClosure(): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const resolveFrom = (fromPath: string, dep: string): string | undefined => {
    let base = fromPath;
    for (;;) {
      const candidate = base === '' ? `node_modules/${dep}` : `${base}/node_modules/${dep}`;
      if (lock[candidate]) return candidate;
      if (base === '') return undefined;
      const cut = base.lastIndexOf('/node_modules/');
      base = cut < 0 ? '' : base.slice(0, cut);
    }
  };
  const visit = (path: string, name: string) => {
    let entry = lock[path];
    if (!entry || visited.has(path)) return;
    visited.add(path);
    names.add(name);
    if (entry.link && entry.resolved) {
      path = entry.resolved;
      entry = lock[path];
      if (!entry) return;
    }
    const deps = { ...entry.dependencies, ...entry.optionalDependencies, ...entry.peerDependencies };
    for (const dep of Object.keys(deps)) {
      const resolved = resolveFrom(path, dep);
      if (resolved) visit(resolved, dep);
    }
  };
  for (const dep of Object.keys({ ...rootPackage.dependencies, ...rootPackage.optionalDependencies })) {
    const resolved = resolveFrom('', dep);
    if (resolved) visit(resolved, dep);
  }
  return names;
}

/** Names of the packages inside an asar listing: node_modules/<name>/package.json at any depth. */
function packagedModules(entries: readonly string[]): Set<string> {
  const names = new Set<string>();
  for (const entry of entries) {
    if (!entry.endsWith('/package.json')) continue;
    const last = entry.slice(0, -'/package.json'.length).split('/node_modules/').at(-1) ?? '';
    // A package.json deeper inside a package (lib/package.json) is not a package of its own.
    if (entry.includes('/node_modules/') && /^(?:@[^/]+\/)?[^/@][^/]*$/.test(last)) names.add(last);
  }
  return names;
}

/** The built inputs of the pack (path, size, mtime), to notice a concurrent rebuild while packing. */
function builtInputs(): string[] {
  const out: string[] = [];
  for (const dir of ['out', 'dist/agent', 'dist/collectors', 'shared/dist']) {
    if (!existsSync(repoPath(dir))) continue;
    for (const d of readdirSync(repoPath(dir), { recursive: true, withFileTypes: true })) {
      if (!d.isFile()) continue;
      const file = join(d.parentPath, d.name);
      // A file removed between listing and stat is a rebuild in progress: the snapshots will differ.
      const st = statSync(file, { throwIfNoEntry: false });
      out.push(`/${relative(repoPath('.'), file).split(sep).join('/')}\t${st?.size ?? 'gone'}\t${st?.mtimeMs ?? ''}`);
    }
  }
  return out.sort();
}

const skipReason = missingPrerequisite();
if (skipReason) console.warn(`[package.test] skipped: ${skipReason}`);

describe.skipIf(skipReason !== null)('electron-builder --dir with a stand-in Electron', () => {
  let work: string;
  let appDir: string;
  let asar: string;
  let entries: string[];
  let log: string;
  /** The built files the pack saw, stable from before to after packing. */
  let inputs: string[];

  beforeAll(() => {
    if (!existsSync(repoPath('out/main'))) {
      execFileSync('npm', ['run', 'build:desktop'], { cwd: repoPath('.'), stdio: 'inherit' });
    }
    work = mkdtempSync(join(tmpdir(), 'deskside-pack-'));
    // electron-builder copies an unpacked Electron from electronDist and renames its `electron` binary
    // to the executable name; a shell script stands in for it.
    const electronDist = join(work, 'electron-dist');
    mkdirSync(join(electronDist, 'locales'), { recursive: true });
    // In Node mode (ELECTRON_RUN_AS_NODE=1) the stand-in runs this Node, as Electron would run its own.
    writeFileSync(
      join(electronDist, 'electron'),
      `#!/bin/sh\n[ "$ELECTRON_RUN_AS_NODE" = 1 ] || { echo "stand-in for Electron"; exit 0; }\nexec "${process.execPath}" "$@"\n`,
    );
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'chrome-sandbox'), '');
    writeFileSync(join(electronDist, 'locales', 'en-US.pak'), '');
    writeFileSync(join(electronDist, 'LICENSE'), 'stand-in\n');

    const require = createRequire(import.meta.url);
    const cli = require.resolve('electron-builder/cli.js');
    const pack = () => spawnSync(
      process.execPath,
      [
        cli,
        '--linux',
        'dir',
        '--x64',
        '--publish',
        'never',
        '--projectDir',
        repoPath('.'),
        `-c.electronDist=${electronDist}`,
        `-c.directories.output=${join(work, 'release')}`,
        // No native module of the desktop app needs rebuilding, and a rebuild could reach the network.
        '-c.npmRebuild=false',
      ],
      { cwd: repoPath('.'), encoding: 'utf8', env: { ...process.env, CI: 'true' } },
    );
    // Other work on this checkout may rebuild out/ meanwhile; an archive packed from files that changed
    // under it proves nothing, so pack again until the inputs held still.
    for (let attempt = 1; ; attempt++) {
      const before = builtInputs();
      rmSync(join(work, 'release'), { recursive: true, force: true });
      const res = pack();
      log = `${res.stdout}\n${res.stderr}`;
      inputs = builtInputs();
      const steady = before.join('\n') === inputs.join('\n');
      if (steady && res.status !== 0) throw new Error(`electron-builder --dir failed (${res.status}):\n${log}`);
      if (steady) break;
      if (attempt === 3) throw new Error('the built app kept changing while it was packed (a concurrent build of out/?)');
      console.warn('[package.test] built files changed during packing; packing again');
    }
    appDir = join(work, 'release', 'linux-unpacked');
    asar = join(appDir, 'resources', 'app.asar');
    entries = listPackage(asar, { isPack: false }).map((e) => e.split(sep).join('/'));
  }, 300_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('packs the built main, preload and renderer', () => {
    for (const dir of ['out/main', 'out/preload', 'out/renderer']) {
      const built = inputs.map((line) => line.split('\t')[0]!).filter((f) => f.startsWith(`/${dir}/`) && !f.endsWith('.map'));
      expect(built.length, dir).toBeGreaterThan(0);
      for (const file of built) expect(entries, file).toContain(file);
    }
    const main = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as PackageJson;
    expect(entries).toContain(`/${main.main}`);
    expect(main.main).toMatch(/^out\/main\//);
  });

  it('packs the headless agent, the collectors and the shared contract, built JS only', () => {
    const agentFiles = inputs.map((line) => line.split('\t')[0]!).filter((f) => f.startsWith('/dist/agent/') && f.endsWith('.js'));
    for (const file of agentFiles) expect(entries, file).toContain(file);
    if (existsSync(repoPath('dist/collectors'))) expect(entries.some((e) => e.startsWith('/dist/collectors/'))).toBe(true);
    expect(entries).toContain('/node_modules/@deskside/shared/dist/index.js');
    const main = JSON.parse(extractFile(asar, 'package.json').toString('utf8')) as PackageJson;
    expect(main.bin).toEqual({ 'deskside-agent': 'dist/agent/cli.js' });
    const outsideModules = entries.filter((e) => !e.startsWith('/node_modules/'));
    expect(outsideModules.filter((e) => /\.(ts|tsx|map)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('/node_modules/@deskside/shared/') && !/\/(dist|package\.json)/.test(e.slice(29)))).toEqual([]);
  });

  it('leaves the server workspace and its dependencies out', () => {
    expect(entries.filter((e) => /^\/(server|test|docs|scripts|collectors|agent|main|renderer|shared)\//.test(e))).toEqual([]);
    expect(entries.filter((e) => e.startsWith('/node_modules/@deskside/server'))).toEqual([]);
    const desktop = productionClosure();
    const serverOnly = Object.keys(serverPackage.dependencies ?? {}).filter((d) => !desktop.has(d));
    expect(serverOnly.length).toBeGreaterThan(0);
    const packaged = packagedModules(entries);
    expect(serverOnly.filter((d) => packaged.has(d))).toEqual([]);
  });

  it('carries production dependencies only: every packed module is reachable from the desktop dependencies', () => {
    const packaged = packagedModules(entries);
    const desktop = productionClosure();
    for (const dep of Object.keys(rootPackage.dependencies ?? {})) expect(packaged, dep).toContain(dep);
    expect([...packaged].filter((name) => !desktop.has(name))).toEqual([]);
    const devOnly = Object.keys(rootPackage.devDependencies ?? {}).filter((d) => !desktop.has(d));
    expect(devOnly).toContain('electron');
    expect(devOnly.filter((d) => packaged.has(d))).toEqual([]);
    // No module marked dev-only in the lock file slipped in through a nested copy either.
    const devInLock = Object.entries(lock)
      .filter(([, e]) => e.dev)
      .map(([p]) => p.slice(p.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect([...packaged].filter((name) => devInLock.includes(name) && !desktop.has(name))).toEqual([]);
  });

  it('ships the icons, the agent launcher, the service definitions, the policy templates and the preset tool', () => {
    const resources = join(appDir, 'resources');
    for (const status of ['ok', 'attention', 'offline']) {
      for (const size of ['16', '16@2x', '32', '32@2x']) expect(existsSync(join(resources, 'tray', `tray-${status}-${size}.png`)), `${status} ${size}`).toBe(true);
    }
    expect(statSync(join(resources, 'bin', 'deskside-agent')).mode & 0o111).not.toBe(0);
    for (const file of [
      'bin/deskside-agent.cmd',
      'service/linux/deskside-agent.service',
      'service/macos/com.deskside.agent.plist',
      'service/windows/deskside-agent-service.xml',
      'policy/windows/deskside.admx',
      'policy/windows/en-US/deskside.adml',
      'policy/windows/zh-CN/deskside.adml',
      'policy/macos/com.deskside.agent.mobileconfig',
      'policy/linux/agent.json',
      'installer/preset-config.mjs',
    ]) {
      expect(existsSync(join(resources, file)), file).toBe(true);
    }
    const dotfiles = readdirSync(resources, { recursive: true, withFileTypes: true }).filter((d) => d.name.startsWith('.'));
    expect(dotfiles.map((d) => join(d.parentPath, d.name))).toEqual([]);
    const linux = readBuilderConfig().linux as { executableName: string };
    expect(statSync(join(appDir, linux.executableName)).mode & 0o111, 'the app executable').not.toBe(0);
  });

  it("the service definitions' paths reach the app binary and the agent inside the packed layout", () => {
    const resources = join(appDir, 'resources');
    const xml = readFileSync(join(resources, 'service', 'windows', 'deskside-agent-service.xml'), 'utf8');
    const base = join(resources, 'service', 'windows');
    const fromBase = (winPath: string) => join(base, ...winPath.replace('%BASE%\\', '').split('\\'));
    const executable = /<executable>([^<]+)<\/executable>/.exec(xml)?.[1] ?? '';
    const script = /<arguments>"([^"]+)"/.exec(xml)?.[1] ?? '';
    // The stand-in is the Linux binary; on Windows the same layout holds Deskside.exe beside resources\.
    expect(fromBase(executable)).toBe(join(appDir, `${readBuilderConfig().productName}.exe`));
    const asarPath = fromBase(script);
    expect(asarPath.startsWith(`${asar}${sep}`), asarPath).toBe(true);
    expect(entries).toContain(`/${relative(asar, asarPath).split(sep).join('/')}`);
    // systemd and the shell launcher: /opt/<productName>/resources/bin/deskside-agent → app.asar/dist/agent/cli.js.
    expect(existsSync(join(resources, 'bin', 'deskside-agent'))).toBe(true);
    expect(entries).toContain('/dist/agent/cli.js');
  });

  it('every file the deb postinst and the pkg postinstall use is where they look for it', () => {
    const linux = readBuilderConfig().linux as { executableName: string };
    const referenced = [
      ...[...readFileSync(repoPath('build/deb/postinst'), 'utf8').matchAll(/"\$APP_DIR\/([^"]+)"/g)].map((m) => m[1]!),
      ...[...readFileSync(repoPath('build/pkg-scripts/postinstall'), 'utf8').matchAll(/"\$APP\/Contents\/Resources\/([^"]+)"/g)].map((m) => `resources/${m[1]!}`),
    ]
      .map((p) => p.replace('$EXECUTABLE', linux.executableName).replace('$UNIT', 'deskside-agent.service'))
      // electron-builder adds the AppArmor profile to the deb only; the script checks that it exists.
      .filter((p) => p !== 'resources/apparmor-profile');
    expect(referenced.length).toBeGreaterThan(5);
    for (const file of new Set(referenced)) expect(existsSync(join(appDir, file)), file).toBe(true);
  });

  it('the installed deskside-agent command runs the packed agent, also through a symlink as /usr/bin installs it', () => {
    // Plain Node cannot read inside an asar (Electron can): unpack it to a folder of the same name.
    const layout = join(work, 'layout');
    cpSync(appDir, layout, { recursive: true });
    rmSync(join(layout, 'resources', 'app.asar'));
    extractAll(asar, join(layout, 'resources', 'app.asar'));
    const link = join(work, 'usr-bin-deskside-agent');
    symlinkSync(join(layout, 'resources', 'bin', 'deskside-agent'), link);
    for (const command of [join(layout, 'resources', 'bin', 'deskside-agent'), link]) {
      const version = spawnSync(command, ['--version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
      expect(version.status, `${command}: ${version.stderr}`).toBe(0);
      expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { version: string }).version);
    }
    const help = spawnSync(link, ['--help'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    expect(help.status, help.stderr).toBe(0);
    expect(help.stdout).toContain('deskside-agent');

    // The deb postinst's call of the preset tool, with the app's binary in Node mode.
    const etc = join(work, 'etc-deskside');
    const preset = spawnSync(
      join(layout, (readBuilderConfig().linux as { executableName: string }).executableName),
      [join(layout, 'resources', 'installer', 'preset-config.mjs'), '--policy-file', join(etc, 'agent.json'), '--secret-file', join(etc, 'enroll-secret'), '--tag-file', join(etc, 'tag')],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', ELECTRON_RUN_AS_NODE: '1', DESKSIDE_SERVER_URL: 'https://deskside.example.org' } },
    );
    expect(preset.status, preset.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(etc, 'agent.json'), 'utf8'))).toEqual({ serverUrl: 'https://deskside.example.org' });
  }, 120_000);

  it('points electron-updater at a generic feed (the tray app overrides the URL from policy)', () => {
    const updateConfig = readFileSync(join(appDir, 'resources', 'app-update.yml'), 'utf8');
    expect(updateConfig).toMatch(/^provider: generic$/m);
    expect(updateConfig).toMatch(/^url: https:\/\/.+\/updates$/m);
  });
});
