import type { Platform } from '@deskside/shared/inventory';

/**
 * Defaults every collection shares, in a module of their own so the user-scope collector can use them
 * without loading the runner and its registry of every machine collector.
 */
export const DEFAULT_BACKUP_STALE_DAYS = 7;

export function currentPlatform(): Platform {
  switch (process.platform) {
    case 'win32':
    case 'darwin':
    case 'linux':
      return process.platform;
    default:
      // The BSDs and others behave closest to Linux for the tools we read (who, /etc/os-release).
      return 'linux';
  }
}
