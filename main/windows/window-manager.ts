import type { Route } from '@deskside/shared';
import { BrowserWindow, app } from 'electron';


import type { Logger } from '../core/ports.js';
import { hardenContents } from './harden-contents.js';
import { UI_PARTITION } from './ui-partition.js';

export interface WindowManagerOptions {
  readonly preloadPath: string;
  /** file:// URL of out/renderer/index.html, or the dev server's URL. */
  readonly rendererUrl: string;
  readonly title: string;
  readonly log: Logger;
  /** Runs before a Report window appears: screenshots must not show our own window. */
  readonly beforeReport: () => Promise<void>;
  /** Tells an open window to show another view. */
  readonly navigate: (contents: Electron.WebContents, route: Route) => void;
  readonly onClosed?: () => void;
}

/**
 * The tray app's one window. It exists only while shown (closing destroys it to keep the idle tray
 * small) and is opened at a route by the tray menu, the shortcut, a notification or a second launch.
 */
export class WindowManager {
  #window: BrowserWindow | null = null;
  #opening: Promise<void> | null = null;

  constructor(private readonly options: WindowManagerOptions) {}

  /** WebContents ids of our windows, for the IPC sender check. */
  webContentsIds(): ReadonlySet<number> {
    const w = this.#window;
    return new Set(w && !w.isDestroyed() ? [w.webContents.id] : []);
  }

  windows(): readonly BrowserWindow[] {
    const w = this.#window;
    return w && !w.isDestroyed() ? [w] : [];
  }

  open(route: Route): Promise<void> {
    this.#opening = (this.#opening ?? Promise.resolve()).then(() => this.#open(route)).catch((error: unknown) => {
      this.options.log.error('could not open window', { error: String(error) });
    });
    return this.#opening;
  }

  close(webContentsId: number): void {
    const w = this.#window;
    if (w && !w.isDestroyed() && w.webContents.id === webContentsId) w.close();
  }

  async #open(route: Route): Promise<void> {
    if (route.view === 'report') {
      this.#window?.hide();
      await this.options.beforeReport();
    }
    const existing = this.#window;
    if (existing && !existing.isDestroyed()) {
      this.options.navigate(existing.webContents, route);
      existing.show();
      existing.focus();
      return;
    }
    const w = new BrowserWindow({
      width: 980,
      height: 740,
      minWidth: 640,
      minHeight: 520,
      show: false,
      title: this.options.title,
      autoHideMenuBar: true,
      // Spelled out here (not built elsewhere) so reviewers and the security checker see it whole.
      webPreferences: {
        // Reviewed: the preload exposes only window.deskside, built from the IPC contract's channel lists.
        preload: this.options.preloadPath, // eng-disable PRELOAD_JS_CHECK
        // A session of its own (in memory): the renderer's lockdown never touches the agent's traffic.
        partition: UI_PARTITION,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        experimentalFeatures: false,
        disableBlinkFeatures: 'Auxclick',
        navigateOnDragDrop: false,
        spellcheck: false,
        safeDialogs: true,
        devTools: !app.isPackaged,
      },
    });
    this.#window = w;
    hardenContents(w.webContents, this.options.rendererUrl, this.options.log);
    w.removeMenu();
    w.once('ready-to-show', () => {
      w.show();
      w.focus();
    });
    w.on('closed', () => {
      if (this.#window === w) this.#window = null;
      this.options.onClosed?.();
    });
    await w.loadURL(routeUrl(this.options.rendererUrl, route));
  }
}

export function routeUrl(rendererUrl: string, route: Route): string {
  const url = new URL(rendererUrl);
  url.hash = route.ticketId ? `/${route.view}/${route.ticketId}` : `/${route.view}`;
  return url.href;
}
