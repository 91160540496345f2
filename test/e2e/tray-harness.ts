/**
 * End-to-end harness for the tray app: the real Deskside server on 127.0.0.1, the real agent core, the
 * real tray core and IPC dispatch, and the built renderer + built preload in Debian Chromium. The
 * preload runs in the page with a stand-in `require('electron')` whose ipcRenderer.invoke reaches the
 * main-process dispatch through page.exposeFunction: a click travels the path it travels in the app.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';

import { CONSOLE_API_BASE, CONSOLE_SESSION_COOKIE, type CapturedScreen, type IpcEvents } from '@deskside/shared';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser, type Page } from 'playwright-core';

import type { Agent } from '../../agent/agent-types.js';
import { createAgent } from '../../agent/agent.js';
import type { HttpTransport } from '../../agent/host.js';
import type { InventorySource } from '../../agent/inventory/inventory-source.js';
import { collectInventory } from '../../collectors/runner.js';
import { TrayCore } from '../../main/core/tray-core.js';
import { collectorHealthSource } from '../../main/health/collector-health-source.js';
import { createDispatch } from '../../main/ipc/dispatch.js';
import { parseTrayPolicy } from '../../main/policy/tray-policy.js';
import { TraySettings, memoryStore } from '../../main/settings/tray-settings.js';
import { CONTENT_SECURITY_POLICY } from '../../main/windows/csp.js';
import { buildApp } from '../../server/src/app.js';
import { FsBlobStore } from '../../server/src/attachments/fs-blob-store.js';
import { systemClock } from '../../server/src/storage/clock.js';
import { migrate, openDatabase, type DatabaseHandle } from '../../server/src/storage/database.js';
import { Store } from '../../server/src/storage/store.js';

const run = promisify(execFile);
export const ROOT = resolve(import.meta.dirname, '../..');
export const RESULTS = join(ROOT, 'test-results');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds main, preload and renderer with the project's own electron-vite config. */
export async function buildDesktop(): Promise<void> {
  await run(join(ROOT, 'node_modules/.bin/electron-vite'), ['build'], { cwd: ROOT, timeout: 120_000 });
}

/* ───────────── the server ───────────── */

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly store: Store;
  readonly app: FastifyInstance;
  stop(): Promise<void>;
}

/** The real server over SQLite in `dataDir`, listening on 127.0.0.1:`port` (0 picks one). */
export async function startServer(dataDir: string, port = 0): Promise<RunningServer> {
  const handle: DatabaseHandle = openDatabase(`sqlite:${join(dataDir, 'deskside.db')}`);
  await migrate(handle);
  const store = new Store(handle, systemClock);
  const app = await buildApp({ store, blobs: new FsBlobStore(join(dataDir, 'attachments')), rateLimits: { enrollPerMinute: 1000, loginPerMinute: 1000 } });
  await app.listen({ host: '127.0.0.1', port });
  const actual = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    store,
    app,
    stop: async () => {
      await app.close();
      await handle.close();
    },
  };
}

/** A technician's console session, through the console API. */
export async function technicianSession(server: RunningServer, username: string): Promise<{ cookie: string }> {
  const password = 'correct horse battery staple';
  await server.store.technicians.create({ username, displayName: 'Bob (IT)', password, role: 'technician' });
  const res = await server.app.inject({ method: 'POST', url: `${CONSOLE_API_BASE}/login`, payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const c = res.cookies.find((x) => x.name === CONSOLE_SESSION_COOKIE);
  if (!c) throw new Error('no session cookie');
  return { cookie: `${CONSOLE_SESSION_COOKIE}=${c.value}` };
}

/* ───────────── the tray (agent + core) ───────────── */

/** Real collectors, limited to what a quick test needs (a full inventory must carry `system`). */
const quickInventory: InventorySource = {
  collect: (request) => collectInventory({ only: ['system', 'storage', 'network'], disabled: request.disabledCategories, backupStaleDays: request.backupStaleDays, budgetMs: 60_000 }),
};

export interface TrayUnderTest {
  readonly agent: Agent;
  readonly core: TrayCore;
  readonly dispatch: ReturnType<typeof createDispatch>;
  readonly notifications: { title: string; body: string; route: unknown }[];
  readonly submitted: unknown[];
  sink: ((event: keyof IpcEvents, payload: unknown) => void) | null;
}

export async function startTray(options: { dataDir: string; serverUrl: string; enrollSecret: string; screenshot: CapturedScreen; transport?: HttpTransport }): Promise<TrayUnderTest> {
  const agent = await createAgent({
    ...(options.transport ? { transport: options.transport } : {}),
    dataDir: join(options.dataDir, 'agent'),
    policy: { description: 'end-to-end policy', read: async () => ({ serverUrl: options.serverUrl, enrollSecret: options.enrollSecret }) },
    inventory: quickInventory,
  });
  const notifications: TrayUnderTest['notifications'] = [];
  const tray: TrayUnderTest = { agent, core: null as never, dispatch: null as never, notifications, submitted: [], sink: null };
  const settings = await agent.settings();
  const core = new TrayCore({
    agent,
    host: {
      productName: 'Deskside',
      appVersion: '0.1.0',
      versions: { electron: '45.5.0', chrome: 'Debian Chromium', node: process.versions.node },
      os: 'Debian GNU/Linux (end-to-end test)',
      platform: 'linux',
      identity: () => ({ computerName: 'e2e-workstation', userName: 'alice', ipAddresses: ['127.0.0.1'] }),
      osLanguages: () => ['en-US'],
    },
    screens: { captured: () => [options.screenshot] },
    healthSource: collectorHealthSource({ disabled: () => settings.values.disabledCategories, backupStaleDays: () => settings.values.backupStaleDays }),
    settings: new TraySettings(memoryStore()),
    policy: () => parseTrayPolicy({}).policy,
    // As WindowManager does for an open window: tell it to show the route.
    windows: { open: (route) => tray.sink?.('navigate', route), close: () => undefined },
    events: { emit: (event, payload) => tray.sink?.(event, payload) },
    notifier: { show: (n) => notifications.push(n) },
    network: { isUp: () => true },
    loginItem: { apply: () => undefined },
    downloads: { folder: () => tmpdir(), reveal: () => undefined },
    links: { open: async () => undefined },
    attachmentsDir: join(options.dataDir, 'attachments'),
    log: { debug: () => undefined, info: () => undefined, warn: () => undefined, error: (m, f) => console.error(m, f) },
  });
  const inner = createDispatch(core.handlers, { error: (m, f) => console.error(m, f) });
  const dispatch: typeof inner = async (channel, args, ctx) => {
    const result = await inner(channel, args, ctx);
    if (channel === 'report:submit') tray.submitted.push(result);
    return result;
  };
  Object.assign(tray, { core, dispatch });
  return tray;
}

/* ───────────── the renderer in Chromium ───────────── */

const TYPES: Readonly<Record<string, string>> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.svg': 'image/svg+xml' };

/** Serves out/renderer on 127.0.0.1 with the app's CSP header, as the app's session would add it. */
export async function serveRenderer(): Promise<{ url: string; close(): Promise<void> }> {
  const base = join(ROOT, 'out/renderer');
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(base, path === '/' ? 'index.html' : path);
    if (!file.startsWith(base) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    void readFile(file).then((body) => {
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY });
      res.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/index.html`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS, headless: true });
}

/**
 * Opens the renderer with the real built preload. The preload's `require('electron')` gets a
 * contextBridge that defines `window.deskside` and an ipcRenderer whose invoke goes to the tray's
 * dispatch; events pushed by the core arrive through `__desksideEmit`.
 */
export async function openTrayPage(browser: Browser, tray: TrayUnderTest, rendererUrl: string, language = 'en-US'): Promise<Page> {
  // bypassCSP: the accessibility check injects axe-core, which the window's own policy would refuse.
  const context = await browser.newContext({ viewport: { width: 1000, height: 760 }, locale: language, acceptDownloads: false, bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  Object.assign(page, { desksideErrors: errors });
  await page.exposeFunction('__desksideInvoke', (channel: string, args: unknown[]) => tray.dispatch(channel, args, { webContentsId: 1 }));
  const preload = await readFile(join(ROOT, 'out/preload/index.cjs'), 'utf8');
  await page.addInitScript(`(() => {
    const listeners = new Map();
    const electron = {
      contextBridge: { exposeInMainWorld: (name, api) => Object.defineProperty(window, name, { value: api, writable: false, configurable: false }) },
      ipcRenderer: {
        invoke: (channel, ...args) => window.__desksideInvoke(channel, args),
        on: (channel, fn) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel).add(fn); },
        removeListener: (channel, fn) => { listeners.get(channel)?.delete(fn); },
      },
    };
    Object.defineProperty(window, '__desksideEmit', { value: (channel, payload) => { for (const fn of listeners.get(channel) ?? []) fn({ sender: null }, payload); } });
    const require = (name) => { if (name !== 'electron') throw new Error('sandboxed preload cannot require ' + name); return electron; };
    const module = { exports: {} };
    (function (require, module, exports) {
${preload}
    })(require, module, module.exports);
  })();`);
  tray.sink = (event, payload) => {
    void page.evaluate(([e, p]) => (window as unknown as { __desksideEmit: (e: string, p: unknown) => void }).__desksideEmit(e as string, p), [event, payload] as const).catch(() => undefined);
  };
  await page.goto(`${rendererUrl}#/report`);
  return page;
}

export function pageErrors(page: Page): readonly string[] {
  return (page as unknown as { desksideErrors: string[] }).desksideErrors;
}

/** A believable desktop to capture: a mail client with a password in a sticky note. */
export async function fakeDesktopCapture(browser: Browser): Promise<CapturedScreen> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.setContent(`<body style="margin:0;font:16px sans-serif;background:#2d5b8a">
    <div style="position:absolute;left:60px;top:60px;width:700px;height:460px;background:#fff;border-radius:6px;padding:20px">
      <h2>Inbox — Outlook</h2><p>Error: Outlook cannot open this attachment (0x80070005).</p></div>
    <div id="secret" style="position:absolute;left:900px;top:120px;width:260px;height:140px;background:#ffeb3b;padding:16px">VPN password: Hunter2!</div>
  </body>`);
  const png = await page.screenshot({ type: 'png' });
  await page.close();
  return { id: 'display-1', displayName: 'Built-in display', width: 1280, height: 800, dataUrl: `data:image/png;base64,${png.toString('base64')}` };
}

export async function tempDir(name: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `deskside-${name}-`));
  await mkdir(dir, { recursive: true });
  return dir;
}

export async function removeDir(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true });
}
