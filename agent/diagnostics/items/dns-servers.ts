import { parseResolvConf, parseResolvectlStatus, RESOLVED_STUB } from '../../../collectors/network/parse-resolv.js';
import { parseScutilDns } from '../../../collectors/network/parse-scutil.js';
import type { DiagnosticContext } from '../probe.js';

const STEP_TIMEOUT_MS = 1500;

/** The DNS client's own server list on Windows, one address per line (no JSON: nothing to nest). */
export const WINDOWS_DNS_SERVERS_SCRIPT =
  "Get-DnsClientServerAddress -ErrorAction SilentlyContinue | ForEach-Object { $_.ServerAddresses } | Where-Object { $_ } | Select-Object -Unique";

export function parseServerLines(text: string): string[] {
  return [...new Set(text.replace(/^\uFEFF/, '').split(/\r?\n/).map((l) => l.trim()).filter((l) => /^[0-9a-f:.%]+$/i.test(l)))];
}

/**
 * The DNS servers this machine is configured to ask, read from local configuration only (resolv.conf,
 * resolvectl, scutil, the Windows DNS client): nothing is sent to them.
 */
export async function dnsServers(ctx: DiagnosticContext): Promise<string[]> {
  switch (ctx.platform) {
    case 'linux': {
      const conf = parseResolvConf(await ctx.system.readFile('/etc/resolv.conf').catch(() => ''));
      if (!conf.servers.some((s) => RESOLVED_STUB.has(s))) return [...conf.servers];
      // systemd-resolved's stub hides the real servers; resolvectl knows them.
      const status = await ctx.system.run('resolvectl', ['status', '--no-pager'], { timeoutMs: STEP_TIMEOUT_MS, env: { LC_ALL: 'C', LANG: 'C' } }).catch(() => null);
      const resolved = status !== null && status.exitCode === 0 ? parseResolvectlStatus(status.stdout).servers : [];
      return resolved.length > 0 ? [...resolved] : [...conf.servers];
    }
    case 'darwin': {
      const res = await ctx.system.run('scutil', ['--dns'], { timeoutMs: STEP_TIMEOUT_MS });
      return res.exitCode === 0 ? [...parseScutilDns(res.stdout).servers] : [];
    }
    case 'win32': {
      const res = await ctx.system.powershell(WINDOWS_DNS_SERVERS_SCRIPT, { timeoutMs: 3000 });
      return res.exitCode === 0 ? parseServerLines(res.stdout) : [];
    }
  }
}
