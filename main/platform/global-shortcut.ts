import { globalShortcut } from 'electron';

import type { Logger } from '../core/ports.js';

/** The shortcut that opens Report a problem; another app may own it, which we log and live with. */
export function registerReportShortcut(accelerator: string | null, onPress: () => void, log: Logger): () => void {
  if (accelerator === null) return () => undefined;
  let ok = false;
  try {
    ok = globalShortcut.register(accelerator, onPress);
  } catch (error) {
    log.warn('invalid shortcut', { accelerator, error: String(error) });
  }
  if (!ok) log.warn('shortcut not available (in use by another app?)', { accelerator });
  return () => {
    if (ok) globalShortcut.unregister(accelerator);
  };
}
