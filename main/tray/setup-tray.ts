import type { TrayHealth, TrayStatus } from '@deskside/shared';
import { Menu, Tray, nativeImage } from 'electron';


import type { TrayMessages } from '../i18n/tray-messages.js';
import type { TrayPolicy } from '../policy/tray-policy.js';
import { statusIconBitmap } from './tray-icon.js';
import { trayMenuTemplate, trayTooltip, type TrayActions } from './tray-menu.js';

export interface TrayView {
  update(status: TrayStatus | null, messages: TrayMessages, policy: TrayPolicy): void;
  setSyncing(syncing: boolean): void;
  destroy(): void;
}

function icon(health: TrayHealth) {
  const image = nativeImage.createEmpty();
  for (const scale of [1, 2]) {
    const size = 16 * scale;
    image.addRepresentation({ scaleFactor: scale, width: size, height: size, buffer: statusIconBitmap(health, size) });
  }
  return image;
}

/** The tray icon: status colour, the tooltip a technician asks for, and the menu. */
export function setupTray(actions: TrayActions, fallback: { computerName: string; userName: string }): TrayView {
  const tray = new Tray(icon('offline'));
  let last: { status: TrayStatus | null; messages: TrayMessages; policy: TrayPolicy } | null = null;
  let syncing = false;
  const render = () => {
    if (last === null) return;
    tray.setImage(icon(last.status?.health ?? 'offline'));
    tray.setToolTip(trayTooltip(last.status, last.messages, fallback));
    tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(last.status, last.policy, last.messages, actions, syncing)));
  };
  // Windows opens tray menus on right click only; a left click should do something useful too.
  if (process.platform === 'win32') tray.on('click', () => tray.popUpContextMenu());
  return {
    update(status, messages, policy) {
      last = { status, messages, policy };
      render();
    },
    setSyncing(value) {
      syncing = value;
      render();
    },
    destroy: () => tray.destroy(),
  };
}
