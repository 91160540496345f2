import type { CapturedScreen, IpcEvents, Route, Sections, UiLanguage } from '@deskside/shared';

import type { Logger } from '../../agent/host.js';
import type { HostIdentity } from '../health/tray-status.js';

/** The platform facts the tray shows (About, tooltip); Electron's `app`/`os` in the app, fixed in tests. */
export interface HostInfo {
  readonly productName: string;
  readonly appVersion: string;
  readonly versions: { readonly electron: string; readonly chrome: string; readonly node: string };
  readonly os: string;
  readonly platform: 'win32' | 'darwin' | 'linux';
  identity(): HostIdentity;
  /** The OS's preferred languages, most preferred first. */
  osLanguages(): readonly string[];
}

/** Screenshots taken before the report window appeared; cleared when the window closes. */
export interface ScreenCaptures {
  captured(): readonly CapturedScreen[];
}

/** The latest local inventory sections My device is computed from. */
export interface HealthSource {
  latest(): Promise<{ readonly sections: Sections; readonly collectedAt: string } | null>;
}

export interface WindowControl {
  open(route: Route): void;
  close(webContentsId: number): void;
}

/** Pushes an event to every window of ours. */
export interface EventSink {
  emit<E extends keyof IpcEvents>(event: E, payload: IpcEvents[E]): void;
}

export interface Notifier {
  show(notification: { readonly title: string; readonly body: string; readonly route: Route }): void;
}

/** The user's default browser and mail client (Electron's `shell.openExternal` in the app). */
export interface ExternalLinks {
  open(url: string): Promise<void>;
}

export interface LoginItem {
  apply(enabled: boolean): void;
}

/** Where the user's downloads go, and showing a saved file in the OS's file manager. */
export interface Downloads {
  folder(): string;
  reveal(path: string): void;
}

export interface NetworkState {
  isUp(): boolean;
}

export interface LanguageListener {
  (language: UiLanguage): void;
}

export type { Logger };
