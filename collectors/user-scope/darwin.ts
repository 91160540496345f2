import { posixAccount } from './posix-account.js';
import type { PlatformUserScopeFactory } from './types.js';
import { LINUX_ONLY_DEJA_DUP, MAC_PROXY_IS_MACHINE_WIDE, WINDOWS_ONLY_FILE_HISTORY, WINDOWS_ONLY_ONEDRIVE } from './unsupported.js';

/**
 * macOS: nothing the collectors read lives in the user's home. Proxies belong to network services
 * (machine-wide, read by the network section), Time Machine and Backblaze are machine-wide too.
 * OneDrive's Mac "Folder Backup" keeps no documented local state, so it is not guessed at.
 */
export const macUserScope: PlatformUserScopeFactory = () => ({
  account: async () => posixAccount(),
  parts: {},
  unsupported: { proxy: MAC_PROXY_IS_MACHINE_WIDE, oneDrive: WINDOWS_ONLY_ONEDRIVE, fileHistory: WINDOWS_ONLY_FILE_HISTORY, dejaDup: LINUX_ONLY_DEJA_DUP },
});
