import type { SoftwareData, SoftwarePackage } from '@deskside/shared/inventory';

import { CommandTimeoutError, type CollectContext } from '../types.js';
import { gatherSoftware, requireSuccess, SourceAbsentError, type PackageSource } from './gather.js';
import { homebrewToPackages, type HomebrewKeg } from './parse-homebrew.js';
import { parseInfoPlist } from './parse-info-plist.js';
import { installHistoryToPackages, parseInstallHistory, parsePkgutilPkgs } from './parse-install-history.js';
import { parseSpApplicationsJson, parseSpApplicationsXml } from './parse-sp-applications.js';

const INSTALL_HISTORY = '/Library/Receipts/InstallHistory.plist';
const BUNDLE_FOLDERS = ['/Applications', '/Applications/Utilities', '/System/Applications', '/System/Applications/Utilities'];
const HOMEBREW_PREFIXES = ['/opt/homebrew', '/usr/local'];

/**
 * Applications: system_profiler's JSON (macOS 10.15+), its XML on older systems, and when neither
 * answers, each bundle's own Info.plist in the standard application folders.
 */
async function applications(ctx: CollectContext): Promise<SoftwarePackage[]> {
  // Below the collector's own timeout, so a slow scan (thousands of apps, cold disk) still leaves time
  // for the bundle fallback instead of costing the whole section.
  const run = (args: readonly string[]) => ctx.system.run('system_profiler', args, { timeoutMs: 40_000 });
  const failures: string[] = [];
  try {
    return parseSpApplicationsJson(requireSuccess('system_profiler -json', await run(['-json', 'SPApplicationsDataType'])));
  } catch (e) {
    failures.push((e as Error).message);
    if (!(e instanceof CommandTimeoutError)) {
      try {
        return parseSpApplicationsXml(requireSuccess('system_profiler -xml', await run(['-xml', 'SPApplicationsDataType'])));
      } catch (xmlError) {
        failures.push((xmlError as Error).message);
      }
    }
  }
  const bundles = await bundlePackages(ctx);
  if (bundles.length === 0) throw new Error(`no applications found (${failures.join('; ')})`);
  return bundles;
}

async function bundlePackages(ctx: CollectContext): Promise<SoftwarePackage[]> {
  const packages: SoftwarePackage[] = [];
  for (const folder of BUNDLE_FOLDERS) {
    let names: string[];
    try {
      names = await ctx.system.listDirectory(folder);
    } catch {
      continue;
    }
    for (const name of names.filter((n) => n.endsWith('.app'))) {
      const bundle = `${folder}/${name}`;
      const infoPath = `${bundle}/Contents/Info.plist`;
      try {
        const bytes = await ctx.system.readBinaryFile(infoPath);
        let pkg = parseInfoPlist(bytes, bundle);
        if (pkg === null) {
          // A plist form the library does not read: plutil is the system's own converter.
          const xml = await ctx.system.run('plutil', ['-convert', 'xml1', '-o', '-', infoPath], { signal: ctx.signal });
          pkg = xml.exitCode === 0 ? parseInfoPlist(xml.stdout, bundle) : null;
        }
        if (pkg !== null) packages.push(pkg);
      } catch {
        // A bundle without a readable Info.plist is damaged or not an app; the others still count.
      }
    }
  }
  return packages;
}

async function installHistory(ctx: CollectContext): Promise<SoftwarePackage[]> {
  let bytes: Buffer | null = null;
  try {
    bytes = await ctx.system.readBinaryFile(INSTALL_HISTORY);
    return installHistoryToPackages(parseInstallHistory(bytes));
  } catch {
    if (bytes !== null) {
      const xml = await ctx.system.run('plutil', ['-convert', 'xml1', '-o', '-', INSTALL_HISTORY], { signal: ctx.signal });
      if (xml.exitCode === 0) return installHistoryToPackages(parseInstallHistory(xml.stdout));
    }
    return parsePkgutilPkgs(requireSuccess('pkgutil', await ctx.system.run('pkgutil', ['--pkgs'], { signal: ctx.signal })));
  }
}

async function homebrew(ctx: CollectContext): Promise<SoftwarePackage[]> {
  const packages: SoftwarePackage[] = [];
  let found = false;
  for (const prefix of HOMEBREW_PREFIXES) {
    for (const kind of ['formula', 'cask'] as const) {
      const root = `${prefix}/${kind === 'cask' ? 'Caskroom' : 'Cellar'}`;
      let names: string[];
      try {
        names = await ctx.system.listDirectory(root);
      } catch {
        continue;
      }
      found = true;
      const kegs: HomebrewKeg[] = [];
      for (const name of names.filter((n) => !n.startsWith('.'))) {
        kegs.push({ name, kind, versions: await ctx.system.listDirectory(`${root}/${name}`).catch(() => []) });
      }
      packages.push(...homebrewToPackages(kegs, prefix));
    }
  }
  if (!found) throw new SourceAbsentError('Homebrew is not installed');
  return packages;
}

export function macSoftwareSources(ctx: CollectContext): PackageSource[] {
  return [
    { name: 'applications', required: true, fetch: () => applications(ctx) },
    { name: 'install history', fetch: () => installHistory(ctx) },
    { name: 'homebrew', fetch: () => homebrew(ctx) },
  ];
}

export const collectMacSoftware = (ctx: CollectContext): Promise<SoftwareData> => gatherSoftware(macSoftwareSources(ctx));

