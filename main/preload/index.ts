import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

import { IPC_EVENT_CHANNELS, IPC_REQUEST_CHANNELS } from '../../shared/src/ipc-channels.js';
import type { DesksideBridge } from '../../shared/src/ipc-contract.js';

/**
 * The renderer's only way out: `window.deskside`, built from the contract's channel lists. Channels
 * outside the contract are refused here already; the raw IpcRendererEvent (which exposes `sender`) is
 * never handed to page code.
 */
const requests: ReadonlySet<string> = new Set(IPC_REQUEST_CHANNELS);
const events: ReadonlySet<string> = new Set(IPC_EVENT_CHANNELS);

const bridge: DesksideBridge = {
  invoke(channel, ...args) {
    if (!requests.has(channel)) return Promise.reject(new Error(`unknown request channel "${String(channel)}"`));
    return ipcRenderer.invoke(channel, ...args);
  },
  on(event, listener) {
    if (!events.has(event)) throw new Error(`unknown event "${String(event)}"`);
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload as never);
    ipcRenderer.on(event, forward);
    return () => {
      ipcRenderer.removeListener(event, forward);
    };
  },
};

contextBridge.exposeInMainWorld('deskside', Object.freeze(bridge));
