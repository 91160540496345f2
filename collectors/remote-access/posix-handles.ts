import type { RemoteHandle } from '@deskside/shared/inventory';

import type { CollectContext } from '../types.js';
import { chromeRemoteDesktopHandle, handle, meshHandle, rustDeskHandle, unreadable } from './handles.js';
import { parseAnyDeskId } from './parse-anydesk.js';
import { parseChromeRemoteDesktopHost } from './parse-chrome-remote-desktop.js';
import { parseMeshAgentMsh } from './parse-meshagent.js';
import { parseRustDeskConfig } from './parse-rustdesk.js';
import { readFirst, readText } from './read-config.js';

/** Where each tool keeps its machine-wide config on one POSIX system (Linux and macOS differ only in paths). */
export interface PosixPaths {
  readonly anydesk: readonly string[];
  readonly rustdeskDir: string;
  readonly meshagent: readonly string[];
}

export async function anyDesk(ctx: CollectContext, paths: readonly string[]): Promise<RemoteHandle | null> {
  const read = await readFirst(ctx, paths);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('anydesk', read.path, read.probe);
  const id = parseAnyDeskId(read.probe.value);
  return handle('anydesk', read.path, { id, problem: id === null ? 'no ID in the config yet (AnyDesk has not registered)' : null });
}

export async function rustDesk(ctx: CollectContext, dir: string): Promise<RemoteHandle | null> {
  const read = await readFirst(ctx, [`${dir}/RustDesk.toml`]);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('rustdesk', read.path, read.probe);
  return rustDeskHandle(read.path, parseRustDeskConfig(read.probe.value, await readText(ctx, `${dir}/RustDesk2.toml`)));
}

export async function meshAgent(ctx: CollectContext, paths: readonly string[]): Promise<RemoteHandle | null> {
  const read = await readFirst(ctx, paths);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('meshcentral', read.path, read.probe);
  const mesh = parseMeshAgentMsh(read.probe.value);
  return mesh === null ? handle('meshcentral', read.path, { problem: 'the .msh file names no server or group' }) : meshHandle(read.path, mesh);
}

export async function chromeRemoteDesktopConfig(ctx: CollectContext, path: string): Promise<RemoteHandle | null> {
  const read = await readFirst(ctx, [path]);
  if (read === null) return null;
  if (read.probe.kind !== 'ok') return unreadable('chrome-remote-desktop', read.path, read.probe);
  const host = parseChromeRemoteDesktopHost(read.probe.value);
  return host === null ? null : chromeRemoteDesktopHandle(read.path, host);
}
