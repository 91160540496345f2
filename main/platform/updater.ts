import { app } from 'electron';
import electronUpdater from 'electron-updater';

import type { Logger } from '../core/ports.js';

const CHECK_EVERY_MS = 6 * 60 * 60 * 1000;

/**
 * Automatic updates from the organisation's generic feed (policy `updateFeedUrl`). No feed, no
 * checks; development builds never update themselves.
 */
export function setupUpdater(feedUrl: string | null, log: Logger): () => void {
  if (feedUrl === null || !app.isPackaged) {
    log.info('automatic updates off', { reason: feedUrl === null ? 'no update feed configured' : 'development build' });
    return () => undefined;
  }
  // electron-updater is CommonJS; its named export is reached through the default import.
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = { info: (m: unknown) => log.info(String(m)), warn: (m: unknown) => log.warn(String(m)), error: (m: unknown) => log.error(String(m)), debug: (m: unknown) => log.debug(String(m)) };
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  const check = () => void autoUpdater.checkForUpdatesAndNotify().catch((e: unknown) => log.warn('update check failed', { error: String(e) }));
  check();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
