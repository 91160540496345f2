import { decodeProductState, MalformedProductStateError } from '../antivirus/parse-product-state.js';
import { asList, looseText, lowerKeys, parseJsonText } from '../protection/values.js';
import type { FirewallProduct, FirewallProfile } from './types.js';

export interface WindowsFirewallResult {
  readonly profiles: readonly FirewallProfile[];
  readonly products: readonly FirewallProduct[];
  readonly problems: readonly string[];
}

/** GpoBoolean as text: True / False / NotConfigured. */
function gpoBoolean(value: unknown): boolean | null {
  const word = (looseText(value) ?? '').toLowerCase();
  return word === 'true' || word === '1' ? true : word === 'false' || word === '0' ? false : null;
}

function inboundBlocked(value: unknown): boolean | null {
  const word = (looseText(value) ?? '').toLowerCase();
  if (word === 'block' || word === '4') return true;
  if (word === 'allow' || word === '2') return false;
  return null;
}

/** `netsh advfirewall show allprofiles` (English): "Domain Profile Settings:" blocks with "State ON". */
export function parseNetshAllProfiles(text: string): FirewallProfile[] {
  const profiles: FirewallProfile[] = [];
  for (const block of text.split(/^(?=\w+ Profile Settings:)/m)) {
    const name = /^(\w+) Profile Settings:/.exec(block)?.[1];
    if (!name) continue;
    const state = /^State\s+(ON|OFF)\s*$/im.exec(block)?.[1]?.toUpperCase();
    const policy = /^Firewall Policy\s+(\w+),/im.exec(block)?.[1]?.toLowerCase();
    profiles.push({
      name,
      enabled: state === 'ON' ? true : state === 'OFF' ? false : null,
      defaultInboundBlocked: policy === undefined ? null : policy.startsWith('block'),
      source: 'netsh advfirewall show allprofiles',
    });
  }
  return profiles;
}

export function parseWindowsFirewall(text: string): WindowsFirewallResult {
  const payload = lowerKeys(parseJsonText(text, 'the Windows firewall script'));
  const problems: string[] = [];
  let profiles: FirewallProfile[];
  const profilesError = looseText(payload['profileserror'], 500);
  if (profilesError == null) {
    profiles = asList(payload['profiles']).flatMap((raw) => {
      const entry = lowerKeys(raw);
      const name = looseText(entry['name'], 64);
      if (name == null) return [];
      return [{ name, enabled: gpoBoolean(entry['enabled']), defaultInboundBlocked: inboundBlocked(entry['defaultinboundaction']), source: 'Get-NetFirewallProfile -PolicyStore ActiveStore' }];
    });
  } else {
    const netsh = looseText(payload['netsh'], 20_000);
    profiles = netsh == null ? [] : parseNetshAllProfiles(netsh);
    if (profiles.length === 0) problems.push(`Windows Firewall profiles unavailable: ${profilesError}`);
  }

  const products: FirewallProduct[] = [];
  const productsError = looseText(payload['productserror'], 500);
  if (productsError == null) {
    for (const raw of asList(payload['products'])) {
      const entry = lowerKeys(raw);
      const name = looseText(entry['displayname']);
      if (name == null) continue;
      try {
        const state = decodeProductState(entry['productstate']);
        products.push({ name, enabled: state.scanner === 'on', source: 'SecurityCenter2 FirewallProduct' });
      } catch (error) {
        if (!(error instanceof MalformedProductStateError)) throw error;
        products.push({ name, enabled: null, source: `SecurityCenter2 FirewallProduct (${error.message})`.slice(0, 256) });
      }
    }
  }
  return { profiles, products, problems };
}
