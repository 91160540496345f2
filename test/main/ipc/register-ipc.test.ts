import { IPC_EVENT_CHANNELS, IPC_REQUEST_CHANNELS, decodeIpcError } from '@deskside/shared';
import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));

const { electronMock, ipcMain } = await import('../electron-mock.js');
const { registerIpcHandlers } = await import('../../../main/ipc/register-ipc.js');
const { createDispatch, IpcRequestError } = await import('../../../main/ipc/dispatch.js');
const { isTrustedSender } = await import('../../../main/ipc/sender-check.js');
const { trayCoreFixture } = await import('../core/tray-core-fixture.js');

const RENDERER = 'file:///opt/Deskside/out/renderer/index.html';
const OUR_WC = 7;
const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function event(opts: { id?: number; url?: string | null; subframe?: boolean } = {}) {
  const mainFrame = { url: opts.url === undefined ? `${RENDERER}#/report` : opts.url };
  const senderFrame = opts.subframe ? { url: mainFrame.url } : opts.url === null ? null : mainFrame;
  return { sender: { id: opts.id ?? OUR_WC, mainFrame }, senderFrame };
}

async function call(channel: string, ev: unknown, ...args: unknown[]) {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return handler(ev, ...args);
}

function code(error: unknown) {
  return decodeIpcError(error instanceof Error ? error.message : String(error))?.code;
}

beforeEach(() => electronMock.reset());

describe('IPC registration', () => {
  it('registers a handler for every request channel of the contract, and the core implements each', async () => {
    const { core } = await trayCoreFixture();
    registerIpcHandlers(createDispatch(core.handlers, log), { ownWebContents: () => new Set([OUR_WC]), rendererUrlPrefix: RENDERER }, log);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...IPC_REQUEST_CHANNELS].sort());
    for (const channel of IPC_REQUEST_CHANNELS) expect(typeof core.handlers[channel]).toBe('function');
    expect(Object.keys(core.handlers).sort()).toEqual([...IPC_REQUEST_CHANNELS].sort());
    // Event channels are pushed, never invoked.
    for (const e of IPC_EVENT_CHANNELS) expect(ipcMain.handlers.has(e)).toBe(false);
  });

  it('answers our window and refuses strangers before any handler runs', async () => {
    const handler = vi.fn(async () => ({ ok: true }));
    const dispatch = vi.fn(async () => handler());
    registerIpcHandlers(dispatch, { ownWebContents: () => new Set([OUR_WC]), rendererUrlPrefix: RENDERER }, log);

    await expect(call('status:get', event())).resolves.toEqual({ ok: true });
    expect(dispatch).toHaveBeenCalledWith('status:get', [], { webContentsId: OUR_WC });

    const strangers = [
      event({ id: 99 }), // a WebContents we did not create
      event({ url: 'https://evil.example/' }), // our window navigated elsewhere
      event({ url: 'file:///tmp/other.html' }), // another local page
      event({ subframe: true }), // an iframe inside our page
      event({ url: null }), // frame already gone
    ];
    for (const s of strangers) {
      const error = await call('tickets:list', s).catch((e: unknown) => e);
      expect(code(error)).toBe('forbidden');
    }
    expect(dispatch).toHaveBeenCalledTimes(1);
  });

  it('unregisters every channel on shutdown', () => {
    const off = registerIpcHandlers(vi.fn(), { ownWebContents: () => new Set(), rendererUrlPrefix: RENDERER }, log);
    off();
    expect(ipcMain.handlers.size).toBe(0);
  });
});

describe('dispatch', () => {
  it('validates arguments against the contract and never runs a handler on bad input', async () => {
    const { core, agent } = await trayCoreFixture();
    const dispatch = createDispatch(core.handlers, log);
    const ctx = { webContentsId: OUR_WC };
    for (const [channel, args] of [
      ['tickets:reply', ['not-a-uuid', 'hello']],
      ['tickets:reply', ['0b8c5a1e-3f7e-4d55-9a59-2b3a3d2f7c10']],
      ['window:open', [{ view: 'shell' }]],
      ['report:submit', [{ subject: 'x' }]],
      ['settings:update', [{ startAtLogin: 'yes' }]],
      ['status:get', ['extra']],
    ] as const) {
      const error = await dispatch(channel, args, ctx).catch((e: unknown) => e);
      expect(code(error), channel).toBe('invalid-request');
    }
    const unknown = await dispatch('shell:exec', ['rm -rf /'], ctx).catch((e: unknown) => e);
    expect(code(unknown)).toBe('invalid-request');
    expect(agent.addComment).not.toHaveBeenCalled();
    expect(agent.submitTicket).not.toHaveBeenCalled();
  });

  it('passes deliberate errors through and hides unexpected ones behind a generic message', async () => {
    const errors: unknown[] = [];
    const dispatch = createDispatch(
      {
        'status:get': async () => {
          throw new IpcRequestError('not-found', 'no such ticket');
        },
        'sync:now': async () => {
          throw new Error('SQLITE_CORRUPT at /home/alice/secret/path');
        },
      } as never,
      { error: (...a: unknown[]) => errors.push(a) },
    );
    const a = await dispatch('status:get', [], { webContentsId: 1 }).catch((e: unknown) => e);
    expect(decodeIpcError((a as Error).message)).toEqual({ code: 'not-found', message: 'no such ticket' });
    const b = await dispatch('sync:now', [], { webContentsId: 1 }).catch((e: unknown) => e);
    expect(code(b)).toBe('internal');
    expect((b as Error).message).not.toContain('/home/alice');
    expect(errors).toHaveLength(1);
  });
});

describe('isTrustedSender', () => {
  it('accepts the dev server origin and paths below it only', () => {
    const trusted = { ownWebContents: () => new Set([1]), rendererUrlPrefix: 'http://localhost:5173/index.html' };
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'http://localhost:5173/index.html#/about', isMainFrame: true }, trusted)).toBe(true);
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'http://localhost:5174/index.html', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'http://localhost:5173/other.html', isMainFrame: true }, trusted)).toBe(false);
    expect(isTrustedSender({ webContentsId: 2, frameUrl: 'http://localhost:5173/index.html', isMainFrame: true }, trusted)).toBe(false);
    const dev = { ownWebContents: () => new Set([1]), rendererUrlPrefix: 'http://localhost:5173/' };
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'http://localhost:5173/index.html#/about', isMainFrame: true }, dev)).toBe(true);
    expect(isTrustedSender({ webContentsId: 1, frameUrl: 'not a url', isMainFrame: true }, dev)).toBe(false);
  });
});
