import { homedir } from 'node:os';
import { join } from 'node:path';

import type { Platform } from '@deskside/shared';

import { currentPlatform } from '../../collectors/defaults.js';

// One answer to "which platform is this" for the agent, the collectors and the tray.
export { currentPlatform };

/** The OS's per-user data folder for the agent's state and outbox. */
export function defaultDataDir(platform: Platform = currentPlatform(), env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
  switch (platform) {
    case 'win32':
      return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'Deskside', 'agent');
    case 'darwin':
      return join(home, 'Library', 'Application Support', 'Deskside', 'agent');
    case 'linux':
      return join(env.XDG_STATE_HOME ?? join(home, '.local', 'state'), 'deskside', 'agent');
  }
}
