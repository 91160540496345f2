import { IPC_REQUEST_CHANNELS } from '@deskside/shared';
import { beforeAll, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));

const { contextBridge, ipcRenderer } = await import('../electron-mock.js');

describe('preload', () => {
  let bridge: { invoke: (c: string, ...a: unknown[]) => Promise<unknown>; on: (e: string, l: (p: unknown) => void) => () => void };
  beforeAll(async () => {
    await import('../../../main/preload/index.js');
    bridge = contextBridge.exposed.get('deskside') as typeof bridge;
  });

  it('exposes exactly one frozen object, window.deskside, with invoke and on', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['deskside']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('forwards contract channels and refuses anything else without touching IPC', async () => {
    for (const c of IPC_REQUEST_CHANNELS) await bridge.invoke(c);
    expect(ipcRenderer.invocations.map((i) => i.channel)).toEqual([...IPC_REQUEST_CHANNELS]);
    await expect(bridge.invoke('shell:open-external', 'https://evil.example')).rejects.toThrow(/unknown request channel/);
    expect(ipcRenderer.invocations).toHaveLength(IPC_REQUEST_CHANNELS.length);
    expect(() => bridge.on('ipc:raw', () => undefined)).toThrow(/unknown event/);
  });

  it('hands listeners the payload only, never the IPC event, and unsubscribes', () => {
    const seen: unknown[][] = [];
    const off = bridge.on('navigate', (...args: unknown[]) => seen.push(args));
    ipcRenderer.emit('navigate', { sender: 'secret' }, { view: 'tickets' });
    off();
    ipcRenderer.emit('navigate', { sender: 'secret' }, { view: 'about' });
    expect(seen).toEqual([[{ view: 'tickets' }]]);
  });
});
