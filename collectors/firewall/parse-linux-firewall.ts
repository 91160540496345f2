import type { FirewallProfile } from './types.js';

/** `ufw status verbose` as root: "Status: active" and "Default: deny (incoming), allow (outgoing), …". */
export function parseUfwStatus(text: string): FirewallProfile | null {
  const status = /^Status:\s*(active|inactive)/im.exec(text)?.[1]?.toLowerCase();
  if (status === undefined) return null;
  const incoming = /^Default:\s*(\w+)\s*\(incoming\)/im.exec(text)?.[1]?.toLowerCase();
  return {
    name: 'ufw',
    enabled: status === 'active',
    defaultInboundBlocked: status === 'inactive' ? false : incoming === undefined ? null : incoming === 'deny' || incoming === 'reject',
    source: 'ufw status verbose',
  };
}

const shellValue = (text: string, key: string): string | null => {
  const match = new RegExp(`^\\s*${key}\\s*=\\s*"?([^"\\n#]*)"?`, 'm').exec(text);
  return match?.[1]?.trim() ?? null;
};

/**
 * Without root ufw refuses to answer; /etc/ufw/ufw.conf (ENABLED=yes) and /etc/default/ufw
 * (DEFAULT_INPUT_POLICY) are world-readable and say what ufw applies at boot.
 */
export function parseUfwConfig(ufwConf: string, defaults: string | null): FirewallProfile | null {
  const enabledWord = shellValue(ufwConf, 'ENABLED')?.toLowerCase();
  if (enabledWord === undefined || enabledWord === null) return null;
  const enabled = enabledWord === 'yes' ? true : enabledWord === 'no' ? false : null;
  const policy = defaults == null ? null : shellValue(defaults, 'DEFAULT_INPUT_POLICY')?.toUpperCase() ?? null;
  return {
    name: 'ufw',
    enabled,
    defaultInboundBlocked: enabled === false ? false : policy == null ? null : policy === 'DROP' || policy === 'REJECT',
    source: '/etc/ufw/ufw.conf + /etc/default/ufw',
  };
}

/** `firewall-cmd --state` prints "running" (exit 0) or "not running" (exit 252). */
export function parseFirewalldState(stdout: string, exitCode: number, defaultZone: string | null): FirewallProfile | null {
  const word = stdout.trim().toLowerCase();
  const running = word === 'running' ? true : word === 'not running' || exitCode === 252 ? false : null;
  if (running === null) return null;
  const zone = defaultZone?.trim() || null;
  return {
    name: zone ? `firewalld (zone ${zone})` : 'firewalld',
    enabled: running,
    // Every stock zone except "trusted" rejects unsolicited inbound traffic it has no service for.
    defaultInboundBlocked: running === false ? false : zone == null ? null : zone !== 'trusted',
    source: 'firewall-cmd --state',
  };
}

/**
 * `nft list ruleset`: chains hooked on input, with their policy and whether they hold any rule.
 * Tables of every tool (ufw, firewalld, Docker, hand-written) show up here: it is the kernel's view.
 */
export function parseNftRuleset(text: string): FirewallProfile {
  let inputChains = 0;
  let dropPolicy = false;
  let rulesInInput = 0;
  let inInput = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (/^chain\s+\S+\s*\{/.test(line)) {
      inInput = false;
      continue;
    }
    const hook = /type\s+filter\s+hook\s+input\b.*?(?:policy\s+(accept|drop))?\s*;?\s*$/.exec(line);
    if (hook) {
      inInput = true;
      inputChains += 1;
      if (/policy\s+drop/.test(line)) dropPolicy = true;
      continue;
    }
    if (line === '}') {
      inInput = false;
      continue;
    }
    if (inInput && line !== '' && !line.startsWith('#')) rulesInInput += 1;
  }
  return {
    name: 'nftables',
    enabled: inputChains > 0 && (dropPolicy || rulesInInput > 0),
    defaultInboundBlocked: dropPolicy,
    source: 'nft list ruleset',
  };
}

/** `iptables -S INPUT` as root: "-P INPUT DROP" and "-A INPUT …" rules. */
export function parseIptablesInput(text: string): FirewallProfile | null {
  const policy = /^-P INPUT (\w+)/m.exec(text)?.[1]?.toUpperCase();
  if (policy === undefined) return null;
  const rules = text.split(/\r?\n/).filter((l) => l.startsWith('-A INPUT')).length;
  return {
    name: 'iptables',
    enabled: policy === 'DROP' || rules > 0,
    defaultInboundBlocked: policy === 'DROP' || policy === 'REJECT',
    source: 'iptables -S INPUT',
  };
}
