import type { FirewallData } from '@deskside/shared/inventory';

import { isPermissionDeniedText } from '../protection/permission.js';
import { probeReadFile, probeRun, stdoutOf } from '../protection/probe.js';
import type { CollectContext } from '../types.js';
import { parseFirewalldState, parseIptablesInput, parseNftRuleset, parseUfwConfig, parseUfwStatus } from './parse-linux-firewall.js';
import type { FirewallProfile } from './types.js';

async function ufw(ctx: CollectContext): Promise<FirewallProfile | null> {
  const status = await probeRun(ctx, 'ufw', ['status', 'verbose']);
  if (status.kind === 'ok') {
    const parsed = parseUfwStatus(status.value.stdout);
    if (parsed != null) return parsed;
  }
  // Not root (or ufw not on PATH for this user): its configuration files are world-readable.
  const conf = await probeReadFile(ctx, '/etc/ufw/ufw.conf');
  if (conf.kind !== 'ok') return null;
  const defaults = await probeReadFile(ctx, '/etc/default/ufw');
  return parseUfwConfig(conf.value, defaults.kind === 'ok' ? defaults.value : null);
}

async function firewalld(ctx: CollectContext): Promise<FirewallProfile | null> {
  const state = await probeRun(ctx, 'firewall-cmd', ['--state']);
  if (state.kind !== 'ok') return null;
  const zone = state.value.exitCode === 0 ? await probeRun(ctx, 'firewall-cmd', ['--get-default-zone']) : null;
  return parseFirewalldState(state.value.stdout || state.value.stderr, state.value.exitCode, zone ? stdoutOf(zone) || null : null);
}

/** The kernel's own view (nft, else iptables); both need root, so "denied" is an honest unknown. */
async function kernelRules(ctx: CollectContext): Promise<FirewallProfile | null> {
  const nft = await probeRun(ctx, 'nft', ['list', 'ruleset']);
  if (nft.kind === 'ok' && nft.value.exitCode === 0) return parseNftRuleset(nft.value.stdout);
  if (nft.kind === 'ok' && isPermissionDeniedText(nft.value.stderr)) {
    return { name: 'nftables', enabled: null, defaultInboundBlocked: null, source: 'nft list ruleset (needs root)' };
  }
  const ipt = await probeRun(ctx, 'iptables', ['-S', 'INPUT']);
  if (ipt.kind === 'ok' && ipt.value.exitCode === 0) return parseIptablesInput(ipt.value.stdout);
  if (ipt.kind === 'ok' && isPermissionDeniedText(ipt.value.stderr)) {
    return { name: 'iptables', enabled: null, defaultInboundBlocked: null, source: 'iptables -S INPUT (needs root)' };
  }
  return null;
}

/**
 * ufw and firewalld (the front ends) plus the kernel ruleset. On when any of them filters; off only
 * when every front end is off and the kernel ruleset was readable and filters nothing.
 */
export async function collectLinuxFirewall(ctx: CollectContext): Promise<FirewallData> {
  const profiles = [await ufw(ctx), await firewalld(ctx), await kernelRules(ctx)].filter((p): p is FirewallProfile => p != null);
  const kernel = profiles.find((p) => p.name === 'nftables' || p.name === 'iptables');
  let enabled: boolean | null;
  if (profiles.some((p) => p.enabled === true)) enabled = true;
  else if (kernel != null && kernel.enabled === false && profiles.every((p) => p.enabled === false)) enabled = false;
  else enabled = null;
  return { enabled, profiles, products: [], stealthMode: null };
}
