import { networkInterfaces, release, userInfo, hostname, version as osVersion } from 'node:os';

import { app } from 'electron';

import { currentPlatform } from '../../agent/support/platform.js';
import type { HostInfo } from '../core/ports.js';

/** The facts a user reads to a technician: computer name, user and the machine's own IP addresses. */
export function electronHostInfo(): HostInfo {
  return {
    productName: 'Deskside',
    appVersion: app.getVersion(),
    versions: { electron: process.versions.electron ?? '', chrome: process.versions.chrome ?? '', node: process.versions.node },
    os: `${osVersion()} (${release()})`,
    platform: currentPlatform(),
    identity: () => ({ computerName: hostname(), userName: safeUserName(), ipAddresses: localAddresses() }),
    osLanguages: () => app.getPreferredSystemLanguages(),
  };
}

function safeUserName(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USERNAME ?? process.env.USER ?? '';
  }
}

/** IPv4 first (what people read out), skipping loopback, link-local and virtual adapters' 169.254. */
export function localAddresses(interfaces = networkInterfaces()): string[] {
  const v4: string[] = [];
  const v6: string[] = [];
  for (const list of Object.values(interfaces)) {
    for (const a of list ?? []) {
      if (a.internal) continue;
      if (a.family === 'IPv4' && !a.address.startsWith('169.254.')) v4.push(a.address);
      if (a.family === 'IPv6' && !a.address.toLowerCase().startsWith('fe80')) v6.push(a.address);
    }
  }
  return [...v4, ...v6];
}
