import type { FirewallData } from '@deskside/shared/inventory';

import { decodePlist } from '../protection/plist-value.js';
import { probeReadBinary, probeRun } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { parseAlfPlist, parseSocketFilterFw, type MacFirewallState } from './parse-macos-firewall.js';

const SOCKETFILTERFW = '/usr/libexec/ApplicationFirewall/socketfilterfw';
const ALF_PLIST = '/Library/Preferences/com.apple.alf.plist';

/** The application firewall via socketfilterfw; its preferences plist when the tool gives nothing usable. */
export async function collectMacFirewall(ctx: CollectContext): Promise<FirewallData> {
  const problems: string[] = [];
  let state: MacFirewallState | null = null;
  let source = `${SOCKETFILTERFW} --getglobalstate --getstealthmode --getblockall`;
  const run = await probeRun(ctx, SOCKETFILTERFW, ['--getglobalstate', '--getstealthmode', '--getblockall']);
  if (run.kind === 'ok') {
    state = parseSocketFilterFw(`${run.value.stdout}\n${run.value.stderr}`);
    if (state.enabled === null) problems.push('socketfilterfw printed no global state');
  } else {
    problems.push(`socketfilterfw: ${run.detail}`);
  }
  if (state?.enabled == null) {
    const read = await probeReadBinary(ctx, ALF_PLIST);
    if (read.kind === 'ok') {
      try {
        state = parseAlfPlist(decodePlist(read.value));
        source = ALF_PLIST;
      } catch (error) {
        problems.push(`${ALF_PLIST}: ${(error as Error).message}`);
      }
    } else if (read.kind !== 'missing') {
      problems.push(`${ALF_PLIST}: ${read.detail}`);
    }
  }
  if (state?.enabled == null) throw new SectionError('error', problems.join('; ') || 'the application firewall state is unknown');
  return {
    enabled: state.enabled,
    profiles: [{ name: 'Application Firewall', enabled: state.enabled, defaultInboundBlocked: state.blockAll, source }],
    products: [],
    stealthMode: state.stealth,
  };
}
