/**
 * Channel names of the tray app's IPC contract (ipc-contract.ts). Kept free of zod so the sandboxed
 * preload bundles only these lists; ipc-contract.ts checks at compile time that they match its types.
 */
export const IPC_REQUEST_CHANNELS = [
  'app:get-info',
  'status:get',
  'sync:now',
  'device:get-health',
  'report:prepare',
  'report:gather-diagnostics',
  'report:preview',
  'report:submit',
  'tickets:list',
  'tickets:mark-read',
  'tickets:reply',
  'tickets:feedback',
  'tickets:save-file',
  'tickets:retry',
  'help:list',
  'help:search',
  'help:solved',
  'settings:get',
  'settings:update',
  'window:open',
  'window:close',
  'links:open-external',
] as const;
export type IpcRequestChannel = (typeof IPC_REQUEST_CHANNELS)[number];

export const IPC_EVENT_CHANNELS = ['status:changed', 'tickets:changed', 'diagnostics:progress', 'navigate'] as const;
export type IpcEventChannel = (typeof IPC_EVENT_CHANNELS)[number];
