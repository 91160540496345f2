import type { Platform, RemoteAccessData } from '@deskside/shared/inventory';

import type { CollectContext, Collector } from '../types.js';

// Each OS's code is loaded on demand, like the other collectors.
const byPlatform = (platform: Platform, ctx: CollectContext): Promise<RemoteAccessData> => {
  switch (platform) {
    case 'win32':
      return import('./win32.js').then((m) => m.collectWindowsRemoteAccess(ctx));
    case 'darwin':
      return import('./darwin.js').then((m) => m.collectMacRemoteAccess(ctx));
    case 'linux':
      return import('./linux.js').then((m) => m.collectLinuxRemoteAccess(ctx));
  }
};

/** Remote-assistance handles (AnyDesk, TeamViewer, RustDesk, MeshCentral, Chrome Remote Desktop) and RDP / Screen Sharing / VNC. */
export const remoteAccessCollector: Collector<'remoteAccess'> = {
  category: 'remoteAccess',
  platforms: ['win32', 'darwin', 'linux'],
  collect: (ctx) => byPlatform(ctx.platform, ctx),
};
