import { IPC_REQUEST_CHANNELS, encodeIpcError } from '@deskside/shared';
import { ipcMain, type IpcMainInvokeEvent } from 'electron';


import type { Logger } from '../core/ports.js';
import type { Dispatch } from './dispatch.js';
import { isTrustedSender, type TrustedOrigin } from './sender-check.js';

/**
 * Binds every request channel of the contract to the dispatcher. The only place `ipcMain` is used;
 * each message's sender must be one of our windows showing our own page.
 */
export function registerIpcHandlers(dispatch: Dispatch, trusted: TrustedOrigin, log: Logger): () => void {
  for (const channel of IPC_REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      const facts = {
        webContentsId: event.sender.id,
        frameUrl: event.senderFrame?.url ?? null,
        isMainFrame: event.senderFrame != null && event.senderFrame === event.sender.mainFrame,
      };
      if (!isTrustedSender(facts, trusted)) {
        log.warn('refused IPC from a foreign sender', { channel, webContentsId: facts.webContentsId });
        throw new Error(encodeIpcError('forbidden', 'not allowed'));
      }
      return dispatch(channel, args, { webContentsId: facts.webContentsId });
    });
  }
  return () => {
    for (const channel of IPC_REQUEST_CHANNELS) ipcMain.removeHandler(channel);
  };
}
