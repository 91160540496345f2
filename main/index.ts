import { app } from 'electron';

import { createAgent } from '../agent/agent.js';
import { appPaths, mainDirOf } from './app/paths.js';
import { startTray, type TrayApp } from './app/start-tray.js';
import { setupLogging } from './platform/logging.js';

// The Deskside tray app: each concern sets itself up; see app/start-tray.ts for the order.
const log = setupLogging();
const paths = appPaths(mainDirOf(import.meta.url), process.env);
let tray: TrayApp | null = null;

// A separate profile for development and the demo (`npm run demo`), so they never touch the user's own.
if (process.env.DESKSIDE_USER_DATA_DIR) app.setPath('userData', process.env.DESKSIDE_USER_DATA_DIR);
app.enableSandbox();
app
  .whenReady()
  .then(async () => {
    tray = await startTray({ createAgent, paths, log });
  })
  .catch((error: unknown) => {
    log.error('Deskside could not start', { error: error instanceof Error ? error.stack : String(error) });
    app.exit(1);
  });

app.on('before-quit', (event) => {
  if (tray === null) return;
  const closing = tray;
  tray = null;
  event.preventDefault();
  void closing.shutdown().finally(() => app.quit());
});
