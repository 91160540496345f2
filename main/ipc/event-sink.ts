import type { IpcEvents } from '@deskside/shared';
import type { WebContents } from 'electron';


import type { EventSink } from '../core/ports.js';

/** Pushes contract events to our windows; the only place `webContents.send` is used. */
export function webContentsEventSink(targets: () => readonly { readonly webContents: WebContents }[]): EventSink {
  return {
    emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void {
      for (const t of targets()) {
        if (!t.webContents.isDestroyed()) t.webContents.send(event, payload);
      }
    },
  };
}

export function sendNavigate(contents: WebContents, route: IpcEvents['navigate']): void {
  if (!contents.isDestroyed()) contents.send('navigate', route);
}
