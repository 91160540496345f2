import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IPC_REQUEST_CHANNELS } from '@deskside/shared';
import type { MenuItemConstructorOptions } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));
// electron-store and electron-updater import the real electron from node_modules: stand in for them.
vi.mock('electron-store', () => ({
  default: class {
    #data: Record<string, unknown> = {};
    get(key: string) {
      return this.#data[key];
    }
    set(key: string, value: unknown) {
      this.#data[key] = value;
    }
  },
}));
vi.mock('electron-updater', () => ({ default: { autoUpdater: { setFeedURL: vi.fn(), checkForUpdatesAndNotify: vi.fn(async () => null) } } }));

const { BrowserWindow, Tray, app, electronMock, globalShortcut, ipcMain } = await import('../electron-mock.js');
const { startTray } = await import('../../../main/app/start-tray.js');
const { fakeAgent } = await import('../core/fake-agent.js');

const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };
const paths = { preload: '/opt/Deskside/out/preload/index.cjs', rendererUrl: 'file:///opt/Deskside/out/renderer/index.html' };

async function start() {
  const fake = fakeAgent();
  const agent = { ...fake.agent, start: vi.fn(async () => undefined), stop: vi.fn(async () => undefined), enroll: vi.fn(), dataDir: '/tmp/agent' };
  const createAgent = vi.fn(async (_options: unknown) => agent as never);
  const userData = await mkdtemp(join(tmpdir(), 'deskside-userdata-'));
  Object.assign(app, { getPath: () => userData });
  const tray = await startTray({ createAgent, paths, log });
  return { tray, agent, createAgent, userData };
}

beforeEach(() => {
  electronMock.reset();
  app.singleInstance = true;
  app.quits = 0;
});

describe('startTray', () => {
  it('wires the agent to Electron host services and starts it', async () => {
    const { createAgent, agent, userData } = await start();
    const options = createAgent.mock.calls[0]![0] as unknown as Record<string, unknown> & { credentialStore: { description: string }; events: { subscribe: unknown }; transport: { request: unknown } };
    expect(options.dataDir).toBe(join(userData, 'agent'));
    expect(options.credentialStore.description).toMatch(/encrypted with/);
    expect(typeof options.events.subscribe).toBe('function');
    expect(typeof options.transport.request).toBe('function');
    expect(agent.start).toHaveBeenCalled();
  });

  it('registers every IPC channel, the tray with its menu, the shortcut and the login item', async () => {
    await start();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...IPC_REQUEST_CHANNELS].sort());
    const tray = Tray.created[0]!;
    expect(tray.tooltip).toMatch(/Computer: .+\nUser: .+\nIP: /);
    const ids = (tray.menu!.template as MenuItemConstructorOptions[]).map((i) => i.id).filter(Boolean);
    expect(ids).toEqual(['status', 'report', 'tickets', 'device', 'sync', 'settings', 'about', 'quit']);
    expect([...globalShortcut.registered.keys()]).toEqual(['CommandOrControl+Alt+H']);
    expect(electronMock.events).toContain('app-user-model-id:com.deskside.agent');
    // Started by a person (no --hidden): the Report window opens.
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1));
    expect(BrowserWindow.created[0]!.loadedUrl).toBe(`${paths.rendererUrl}#/report`);
    // The UI session is locked down before any window exists.
    const ui = electronMock.sessions.get('deskside-ui')!;
    expect(ui.permissionRequestHandler).not.toBeNull();
    expect(ui.beforeRequestListener).not.toBeNull();
  });

  it('a second launch opens Report a problem in the running instance', async () => {
    await start();
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(1));
    BrowserWindow.created[0]!.close();
    app.emit('second-instance', {}, ['/opt/Deskside/deskside', '--view=tickets']);
    await vi.waitFor(() => expect(BrowserWindow.created).toHaveLength(2));
    expect(BrowserWindow.created[1]!.loadedUrl).toBe(`${paths.rendererUrl}#/tickets`);
  });

  it('quits at once when another instance already runs', async () => {
    app.singleInstance = false;
    const { tray, createAgent } = await start();
    expect(tray).toBeNull();
    expect(app.quits).toBe(1);
    expect(createAgent).not.toHaveBeenCalled();
  });

  it('shuts down cleanly: shortcut, IPC and agent', async () => {
    const { tray, agent } = await start();
    await tray!.shutdown();
    expect(globalShortcut.registered.size).toBe(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(agent.stop).toHaveBeenCalled();
  });
});
