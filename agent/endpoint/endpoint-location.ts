import { dirname, join } from 'node:path';

import type { Platform } from '@deskside/shared';

/** The Windows pipe every client of the service connects to. */
export const WINDOWS_PIPE = '\\\\.\\pipe\\deskside-agent';

/**
 * Where the service listens for the users of this machine: `DESKSIDE_AGENT_SOCKET` when set, else the
 * platform's runtime folder (a systemd `RuntimeDirectory` on Linux, launchd's /var/run on macOS) or the
 * Windows named pipe.
 */
export function defaultEndpointPath(platform: Platform, env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.DESKSIDE_AGENT_SOCKET?.trim();
  if (configured) return configured;
  switch (platform) {
    case 'win32':
      return WINDOWS_PIPE;
    case 'darwin':
      return '/var/run/deskside/agent.sock';
    case 'linux':
      return '/run/deskside/agent.sock';
  }
}

/**
 * The folder in which a caller proves who it is by creating a file (see caller-proof.ts). Beside the
 * socket on Linux and macOS; a pipe has no folder, so on Windows it sits in ProgramData.
 */
export function claimsDirFor(endpoint: string, platform: Platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') {
    if (env.DESKSIDE_AGENT_CLAIMS_DIR) return env.DESKSIDE_AGENT_CLAIMS_DIR;
    return join(env.ProgramData ?? 'C:\\ProgramData', 'Deskside', 'claims');
  }
  return join(dirname(endpoint), 'claims');
}
