import type { Route } from '@deskside/shared';
import { app } from 'electron';


import { HIDDEN_FLAG } from './login-item.js';

/**
 * One tray per session. A second launch (Start menu, Launchpad, a desktop shortcut) hands its request
 * to the running instance and exits: the running one opens Report a problem, or the view named by
 * `--view=<name>`.
 */
export function setupSingleInstance(open: (route: Route) => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', (_event, argv) => open(routeFromArgv(argv) ?? { view: 'report' }));
  // macOS: clicking the app in Launchpad or the Dock while it runs.
  app.on('activate', () => open({ view: 'report' }));
  return true;
}

const VIEWS = new Set(['report', 'tickets', 'help', 'device', 'settings', 'about']);

export function routeFromArgv(argv: readonly string[]): Route | null {
  for (const arg of argv) {
    const m = /^--view=([a-z]+)$/.exec(arg);
    if (m && m[1] && VIEWS.has(m[1])) return { view: m[1] as Route['view'] };
  }
  return null;
}

/** Launched by the login item: stay in the tray. Launched by a person: show the form. */
export function initialRoute(argv: readonly string[]): Route | null {
  if (argv.includes(HIDDEN_FLAG)) return null;
  return routeFromArgv(argv) ?? { view: 'report' };
}
