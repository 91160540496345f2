import type { AntivirusProduct } from '@deskside/shared/inventory';

import { probeRun, stdoutOf, type Probe } from '../protection/probe.js';
import type { CollectContext, CommandResult } from '../types.js';
import { parseBduitool } from './parse-bitdefender.js';
import { parseCytool } from './parse-cortex.js';
import { parseFalconctlLinux, parseFalconctlStats } from './parse-falcon.js';
import { parseMdatpHealth } from './parse-mdatp.js';
import { parseSentinelCtl } from './parse-sentinelone.js';
import { unknownProduct } from './unknown-product.js';

/**
 * A third-party product probe: null when the product is not installed, otherwise its state, or the
 * product with unknown state and the reason when its tool failed.
 */
export type ProductProbe = (ctx: CollectContext) => Promise<AntivirusProduct | null>;

/** Runs the first path of `candidates` that exists as a command. */
export async function runFirst(ctx: CollectContext, candidates: readonly string[], args: readonly string[]) {
  for (const file of candidates) {
    const probe = await probeRun(ctx, file, args);
    if (probe.kind === 'missing') continue;
    return { file, probe };
  }
  return null;
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const MDATP = 'Microsoft Defender for Endpoint';
const FALCON = 'CrowdStrike Falcon';

export const MDATP_PATHS = ['mdatp', '/usr/local/bin/mdatp', '/usr/bin/mdatp'] as const;

export const probeMdatp: ProductProbe = async (ctx) => {
  const hit = await runFirst(ctx, MDATP_PATHS, ['health', '--output', 'json']);
  if (hit == null) return null;
  if (hit.probe.kind !== 'ok') return unknownProduct(MDATP, 'Microsoft', `mdatp health failed: ${hit.probe.detail}`);
  try {
    return parseMdatpHealth(hit.probe.value.stdout);
  } catch (error) {
    return unknownProduct(MDATP, 'Microsoft', `mdatp health unreadable: ${reason(error)}`);
  }
};

export const probeSentinelMac: ProductProbe = async (ctx) => {
  const paths = ['/usr/local/bin/sentinelctl', '/Library/Sentinel/sentinel-agent.bundle/Contents/MacOS/sentinelctl'];
  const version = await runFirst(ctx, paths, ['version']);
  if (version == null) return null;
  const status = await probeRun(ctx, version.file, ['status']);
  const text = [stdoutOf(version.probe), stdoutOf(status)].join('\n');
  try {
    return parseSentinelCtl(text, 'sentinelctl version + status');
  } catch (error) {
    return unknownProduct('SentinelOne', 'SentinelOne', `sentinelctl unreadable: ${reason(error)}`);
  }
};

export const CYTOOL_MAC = '/Library/Application Support/PaloAltoNetworks/Traps/bin/cytool';

export async function probeCytool(ctx: CollectContext, cytool: string): Promise<AntivirusProduct | null> {
  const info = await probeRun(ctx, cytool, ['info']);
  if (info.kind === 'missing') return null;
  const query = await probeRun(ctx, cytool, ['info', 'query']);
  const runtime = await probeRun(ctx, cytool, ['runtime', 'query']);
  try {
    return parseCytool(stdoutOf(info), stdoutOf(query), stdoutOf(runtime));
  } catch (error) {
    return unknownProduct('Cortex XDR', 'Palo Alto Networks', `cytool unreadable: ${reason(error)}`);
  }
}

export const probeFalconMac: ProductProbe = async (ctx) => {
  const hit = await runFirst(ctx, ['/Applications/Falcon.app/Contents/Resources/falconctl'], ['stats', 'agent_info']);
  if (hit == null) return null;
  if (hit.probe.kind !== 'ok') return unknownProduct(FALCON, 'CrowdStrike', `falconctl stats failed: ${hit.probe.detail}`);
  try {
    return parseFalconctlStats(hit.probe.value.stdout);
  } catch (error) {
    return unknownProduct(FALCON, 'CrowdStrike', `falconctl stats unreadable: ${reason(error)}`);
  }
};

export const probeSentinelLinux: ProductProbe = async (ctx) => {
  const ctl = '/opt/sentinelone/bin/sentinelctl';
  const version = await probeRun(ctx, ctl, ['version']);
  if (version.kind === 'missing') return null;
  const parts: Probe<CommandResult>[] = [version];
  for (const args of [['engines', 'status'], ['control', 'status']]) parts.push(await probeRun(ctx, ctl, args));
  const text = parts.map(stdoutOf).join('\n');
  try {
    return parseSentinelCtl(text, 'sentinelctl version + engines status + control status');
  } catch (error) {
    return unknownProduct('SentinelOne', 'SentinelOne', `sentinelctl unreadable: ${reason(error)}`);
  }
};

export const probeBitdefenderLinux: ProductProbe = async (ctx) => {
  const hit = await runFirst(ctx, ['/opt/bitdefender-security-tools/bin/bduitool'], ['get', 'ps']);
  if (hit == null) return null;
  const name = 'Bitdefender Endpoint Security Tools';
  if (hit.probe.kind !== 'ok') return unknownProduct(name, 'Bitdefender', `bduitool get ps failed: ${hit.probe.detail}`);
  try {
    return parseBduitool(hit.probe.value.stdout);
  } catch (error) {
    return unknownProduct(name, 'Bitdefender', `bduitool unreadable: ${reason(error)}`);
  }
};

export const probeFalconLinux: ProductProbe = async (ctx) => {
  const ctl = '/opt/CrowdStrike/falconctl';
  const version = await probeRun(ctx, ctl, ['-g', '--version']);
  if (version.kind === 'missing') return null;
  const rfm = await probeRun(ctx, ctl, ['-g', '--rfm-state']);
  const service = await probeRun(ctx, 'systemctl', ['is-active', 'falcon-sensor']);
  const active = service.kind === 'ok' ? service.value.stdout.trim() === 'active' : null;
  try {
    return parseFalconctlLinux(stdoutOf(version), stdoutOf(rfm), active);
  } catch (error) {
    return unknownProduct(FALCON, 'CrowdStrike', `falconctl unreadable: ${reason(error)}`);
  }
};
