import ElectronStore from 'electron-store';

import type { KeyValueStore, TrayMemory } from './tray-settings.js';

/** The tray's memory in <userData>/tray.json through electron-store (atomic writes). */
export function electronTrayStore(): KeyValueStore {
  const store = new ElectronStore<{ tray: unknown }>({ name: 'tray', clearInvalidConfig: true });
  return {
    read: () => store.get('tray'),
    write: (value: TrayMemory) => store.set('tray', value),
  };
}
