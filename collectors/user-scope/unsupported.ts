import type { UserScopeSectionName } from '@deskside/shared/inventory';

/** Why each section does not apply on each platform: worded once, shown as the section's error. */
export const WINDOWS_ONLY_FILE_HISTORY = 'File History exists on Windows only';
export const WINDOWS_ONLY_ONEDRIVE = 'OneDrive Known Folder Move is read on Windows only';
export const LINUX_ONLY_DEJA_DUP = 'Déjà Dup is read on Linux only';
export const MAC_PROXY_IS_MACHINE_WIDE = 'macOS keeps proxy settings per network service for the whole machine: see the network section';

export const NOTHING_UNSUPPORTED: Readonly<Record<UserScopeSectionName, string>> = {
  proxy: '',
  oneDrive: '',
  fileHistory: '',
  dejaDup: '',
};
