import type { AntivirusData, AntivirusProduct } from '@deskside/shared/inventory';

import { decodePlist } from '../protection/plist-value.js';
import { exists, probeReadBinary, probeRun } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { lastXProtectUpdate, parseInstallHistory } from '../updates/parse-install-history.js';
import { CYTOOL_MAC, probeCytool, probeFalconMac, probeMdatp, probeSentinelMac } from './cli-probes.js';
import { bundleProduct, gatekeeperProduct, MACOS_AV_BUNDLES, parseSpctlStatus, parseStatEpoch, parseXProtectInfo, xprotectProduct } from './parse-macos-builtin.js';

const XPROTECT_INFO = [
  '/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist',
  '/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist',
] as const;
export const INSTALL_HISTORY = '/Library/Receipts/InstallHistory.plist';

async function xprotect(ctx: CollectContext, problems: string[]): Promise<AntivirusProduct> {
  let version: string | null = null;
  let infoSource = 'XProtect.bundle';
  for (const path of XPROTECT_INFO) {
    const read = await probeReadBinary(ctx, path);
    if (read.kind === 'missing') continue;
    if (read.kind !== 'ok') {
      problems.push(`XProtect version: ${read.detail}`);
      break;
    }
    try {
      version = parseXProtectInfo(decodePlist(read.value));
      infoSource = path;
    } catch (error) {
      problems.push(`XProtect Info.plist: ${(error as Error).message}`);
    }
    break;
  }
  let updatedAt: string | null = null;
  const history = await probeReadBinary(ctx, INSTALL_HISTORY);
  if (history.kind === 'ok') {
    try {
      updatedAt = lastXProtectUpdate(parseInstallHistory(decodePlist(history.value)))?.at ?? null;
    } catch (error) {
      problems.push(`InstallHistory.plist: ${(error as Error).message}`);
    }
  } else if (history.kind !== 'missing') {
    problems.push(`InstallHistory.plist: ${history.detail}`);
  }
  let updateSource = INSTALL_HISTORY;
  if (updatedAt == null && version != null) {
    // macOS 15 delivers XProtect data outside Software Update, so no receipt: the bundle's own change time.
    const stat = await probeRun(ctx, '/usr/bin/stat', ['-f', '%m', infoSource]);
    updatedAt = stat.kind === 'ok' && stat.value.exitCode === 0 ? parseStatEpoch(stat.value.stdout) : null;
    if (updatedAt != null) updateSource = 'stat of the XProtect bundle';
  }
  return xprotectProduct(version, updatedAt, ctx.now(), `${infoSource} + ${updateSource}`);
}

/** XProtect and Gatekeeper, then third-party products by their own tools, then by app bundle. */
export async function collectMacAntivirus(ctx: CollectContext): Promise<AntivirusData> {
  const problems: string[] = [];
  const products: AntivirusProduct[] = [];
  const thirdParty: AntivirusProduct[] = [];

  const spctl = await probeRun(ctx, '/usr/sbin/spctl', ['--status']);
  const gatekeeper = spctl.kind === 'ok' ? parseSpctlStatus(`${spctl.value.stdout}\n${spctl.value.stderr}`) : null;
  if (spctl.kind !== 'ok') problems.push(`spctl --status: ${spctl.detail}`);

  for (const probe of [probeMdatp, probeSentinelMac, (c: CollectContext) => probeCytool(c, CYTOOL_MAC), probeFalconMac]) {
    const result = await probe(ctx);
    if (result != null) thirdParty.push(result);
  }
  for (const bundle of MACOS_AV_BUNDLES) {
    if (await exists(ctx, bundle.path)) thirdParty.push(bundleProduct(bundle));
  }

  products.push(...thirdParty, await xprotect(ctx, problems), gatekeeperProduct(gatekeeper));
  const data: AntivirusData = { products };
  if (products.every((p) => p.enabled === null) && problems.length > 0) {
    throw new SectionError('error', problems.join('; '), undefined, data);
  }
  return data;
}
