import { hostname } from 'node:os';

import type { Platform } from '@deskside/shared';

import { parseResolvConf } from '../../../collectors/network/parse-resolv.js';
import type { SystemAccess } from '../../../collectors/types.js';
import { ProxyResolver } from './proxy-resolver.js';
import { readSystemProxy } from './system-proxy.js';
import { machineDomains, wpadUrls } from './wpad.js';

export interface MachineProxyDeps {
  readonly platform: Platform;
  readonly system: SystemAccess;
  readonly settingsProxy: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly hostname?: () => string;
}

/** The machine's DNS search domains where a file says them (Linux, macOS); Windows' come with its FQDN. */
async function searchDomains(deps: MachineProxyDeps): Promise<string[]> {
  if (deps.platform === 'win32') return [];
  const text = await deps.system.readFile('/etc/resolv.conf').catch(() => '');
  return [...parseResolvConf(text).searchDomains];
}

/** The resolver the service uses: its setting, its environment, the machine's proxy, PAC and WPAD. */
export function machineProxyResolver(deps: MachineProxyDeps): (fetchText: (url: string) => Promise<string | null>) => ProxyResolver {
  return (fetchText) =>
    new ProxyResolver({
      settingsProxy: deps.settingsProxy,
      env: deps.env ?? process.env,
      system: () => readSystemProxy(deps.platform, deps.system),
      wpadUrls: async () => wpadUrls(machineDomains((deps.hostname ?? hostname)(), await searchDomains(deps))),
      fetchText,
    });
}
