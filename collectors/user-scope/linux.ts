import { dejaDup } from '../backup/linux.js';
import { linuxProxy } from '../network/linux.js';
import { SectionError } from '../types.js';
import { posixAccount } from './posix-account.js';
import type { PlatformUserScopeFactory } from './types.js';
import { NOTHING_UNSUPPORTED, WINDOWS_ONLY_FILE_HISTORY, WINDOWS_ONLY_ONEDRIVE } from './unsupported.js';

/**
 * Linux: the user's desktop proxy (gsettings, else this session's environment, else /etc/environment)
 * and Déjà Dup (gsettings or the Flatpak keyfile in the user's home), read by the machine collectors'
 * own functions, here in the user's own process.
 */
export const linuxUserScope: PlatformUserScopeFactory = (ctx, env) => ({
  account: async () => posixAccount(),
  parts: {
    proxy: () => linuxProxy(ctx, env),
    dejaDup: async () =>
      (await dejaDup(ctx)) ?? Promise.reject(new SectionError('unsupported', 'Déjà Dup is not installed for this user (no org.gnome.DejaDup settings, no Flatpak build)')),
  },
  unsupported: { ...NOTHING_UNSUPPORTED, fileHistory: WINDOWS_ONLY_FILE_HISTORY, oneDrive: WINDOWS_ONLY_ONEDRIVE },
});
