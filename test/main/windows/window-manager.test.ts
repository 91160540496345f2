import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('../electron-mock.js'));

const { BrowserWindow, electronMock, session } = await import('../electron-mock.js');
const { WindowManager, routeUrl } = await import('../../../main/windows/window-manager.js');
const { hardenSession } = await import('../../../main/windows/harden-session.js');
const { CONTENT_SECURITY_POLICY } = await import('../../../main/windows/csp.js');

const RENDERER = 'file:///opt/Deskside/resources/app.asar/out/renderer/index.html';
const log = { debug: vi.fn(), info: vi.fn(), warn: vi.fn(), error: vi.fn() };

function manager(beforeReport = vi.fn(async () => undefined)) {
  const navigate = vi.fn();
  const m = new WindowManager({ preloadPath: '/opt/Deskside/out/preload/index.cjs', rendererUrl: RENDERER, title: 'Deskside', log, beforeReport, navigate });
  return { m, navigate, beforeReport };
}

beforeEach(() => electronMock.reset());

describe('tray windows', () => {
  it('are created sandboxed, isolated, without Node, with our preload and their own session', async () => {
    const { m } = manager();
    for (const view of ['report', 'tickets', 'device', 'settings', 'about'] as const) {
      await m.open({ view });
      const w = BrowserWindow.created.at(-1)!;
      w.close();
    }
    expect(BrowserWindow.created).toHaveLength(5);
    for (const w of BrowserWindow.created) {
      const prefs = w.options.webPreferences as Record<string, unknown>;
      expect(prefs).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        navigateOnDragDrop: false,
        partition: 'deskside-ui',
        preload: '/opt/Deskside/out/preload/index.cjs',
      });
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      expect(String(prefs.partition)).not.toMatch(/^persist:/);
      expect(w.options.show).toBe(false);
    }
  });

  it('load only our own page, at the route asked for', async () => {
    const { m } = manager();
    await m.open({ view: 'tickets', ticketId: '2f1b8a4e-8a8b-4f59-9a43-3f5fd0f0f6aa' });
    expect(BrowserWindow.created[0]!.loadedUrl).toBe(`${RENDERER}#/tickets/2f1b8a4e-8a8b-4f59-9a43-3f5fd0f0f6aa`);
    expect(routeUrl('http://localhost:5173/index.html', { view: 'about' })).toBe('http://localhost:5173/index.html#/about');
  });

  it('block navigation away, new windows and webviews', async () => {
    const { m } = manager();
    await m.open({ view: 'about' });
    const wc = BrowserWindow.created[0]!.webContents;
    const foreign = { preventDefault: vi.fn() };
    wc.emit('will-navigate', foreign, 'https://evil.example/phish');
    expect(foreign.preventDefault).toHaveBeenCalled();
    const own = { preventDefault: vi.fn() };
    wc.emit('will-navigate', own, `${RENDERER}#/settings`);
    expect(own.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    wc.emit('will-redirect', redirect, 'https://evil.example/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(wc.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    wc.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('take screenshots before the Report window appears, and reuse the open window', async () => {
    const order: string[] = [];
    const { m, navigate } = manager(
      vi.fn(async () => {
        order.push(`capture (windows so far: ${BrowserWindow.created.length})`);
      }),
    );
    await m.open({ view: 'report' });
    expect(order).toEqual(['capture (windows so far: 0)']);
    const w = BrowserWindow.created[0]!;
    expect(w.visible).toBe(false);
    w.emit('ready-to-show');
    expect(w.visible).toBe(true);

    await m.open({ view: 'report' });
    expect(order).toHaveLength(2);
    expect(BrowserWindow.created).toHaveLength(1);
    expect(navigate).toHaveBeenCalledWith(w.webContents, { view: 'report' });
    expect(m.webContentsIds()).toEqual(new Set([w.webContents.id]));
    w.close();
    expect(m.webContentsIds().size).toBe(0);
  });
});

describe('the UI session', () => {
  it('refuses every permission, sets the CSP header and cancels requests for anything but our files', () => {
    const s = session.fromPartition('deskside-ui');
    hardenSession(s as never, RENDERER);
    const decide = vi.fn();
    s.permissionRequestHandler?.({}, 'media', decide);
    expect(decide).toHaveBeenCalledWith(false);
    expect(s.permissionCheckHandler?.({}, 'notifications')).toBe(false);

    const headers = vi.fn();
    s.headersListener?.({ responseHeaders: { 'content-type': ['text/html'] } }, headers);
    expect(headers.mock.calls[0]![0].responseHeaders['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);

    const verdict = (url: string) => {
      const cb = vi.fn();
      s.beforeRequestListener?.({ url }, cb);
      return cb.mock.calls[0]![0].cancel as boolean;
    };
    expect(verdict('file:///opt/Deskside/resources/app.asar/out/renderer/assets/index.js')).toBe(false);
    expect(verdict('data:image/png;base64,AAAA')).toBe(false);
    expect(verdict('https://cdn.example.com/x.js')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
  });

  it('CSP forbids remote content, inline script and any network access', () => {
    const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'none'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'none'");
    expect(directives['object-src']).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|https?:|\*/);
  });
});
