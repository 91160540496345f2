import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

import { app } from 'electron';

import type { LoginItem, Logger } from '../core/ports.js';

/** Started at login: no window, just the tray. */
export const HIDDEN_FLAG = '--hidden';

/**
 * Start at login. Windows and macOS through Electron's login item API; Linux desktops through an XDG
 * autostart entry, which Electron does not manage.
 */
export function electronLoginItem(log: Logger): LoginItem {
  return {
    apply(enabled) {
      if (process.platform === 'linux') {
        void linuxAutostart(enabled, process.execPath).catch((e: unknown) => log.warn('autostart entry not updated', { error: String(e) }));
        return;
      }
      app.setLoginItemSettings({ openAtLogin: enabled, args: [HIDDEN_FLAG] });
    },
  };
}

export function autostartDesktopEntry(execPath: string): string {
  const quoted = /[\s"'\\$`]/.test(execPath) ? `"${execPath.replace(/(["\\$`])/g, '\\$1')}"` : execPath;
  return ['[Desktop Entry]', 'Type=Application', 'Name=Deskside', 'Comment=IT support: report a problem, follow your tickets', `Exec=${quoted} ${HIDDEN_FLAG}`, 'X-GNOME-Autostart-enabled=true', 'NoDisplay=true', ''].join('\n');
}

async function linuxAutostart(enabled: boolean, execPath: string): Promise<void> {
  const dir = join(process.env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'autostart');
  const file = join(dir, 'deskside.desktop');
  if (!enabled) return rm(file, { force: true });
  await mkdir(dir, { recursive: true });
  await writeFile(file, autostartDesktopEntry(execPath), { mode: 0o644 });
}
