import type { FirewallData } from '@deskside/shared/inventory';

import { probePowerShell } from '../protection/probe.js';
import { SectionError, type CollectContext } from '../types.js';
import { overallEnabled } from './overall.js';
import { parseWindowsFirewall } from './parse-windows-firewall.js';
import { WINDOWS_FIREWALL_SCRIPT } from './windows-script.js';

export async function collectWindowsFirewall(ctx: CollectContext): Promise<FirewallData> {
  const probe = await probePowerShell(ctx, WINDOWS_FIREWALL_SCRIPT);
  if (probe.kind !== 'ok') throw new SectionError('error', `firewall state could not be read: ${probe.detail}`);
  const result = parseWindowsFirewall(probe.value.stdout);
  const data: FirewallData = {
    enabled: overallEnabled(result.profiles, result.products),
    profiles: [...result.profiles],
    products: [...result.products],
    // Windows Firewall has no stealth switch; it drops unsolicited traffic silently by design.
    stealthMode: null,
  };
  if (result.profiles.length === 0 && result.products.length === 0 && result.problems.length > 0) {
    throw new SectionError('error', result.problems.join('; '), undefined, data);
  }
  return data;
}
