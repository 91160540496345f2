import type { UserAccount } from '@deskside/shared/inventory';

import { probePowerShell, probeRun } from '../protection/probe.js';
import { SectionError } from '../types.js';
import { parseWhoamiUser, parseWindowsUserScope, type WindowsUserScope } from './parse-windows-user-scope.js';
import type { PlatformUserScopeFactory } from './types.js';
import { LINUX_ONLY_DEJA_DUP, NOTHING_UNSUPPORTED } from './unsupported.js';
import { WHOAMI_USER_ARGS, WINDOWS_USER_SCOPE_SCRIPT } from './windows-script.js';

/** Windows: one script for the account, the proxy, File History and OneDrive; each section reads its part. */
export const windowsUserScope: PlatformUserScopeFactory = (ctx) => {
  let script: Promise<WindowsUserScope> | undefined;
  const read = (): Promise<WindowsUserScope> =>
    (script ??= (async () => {
      const probe = await probePowerShell(ctx, WINDOWS_USER_SCOPE_SCRIPT, { timeoutMs: 45_000 });
      if (probe.kind !== 'ok') throw new SectionError('error', `the user-scope script could not run: ${probe.detail}`);
      return parseWindowsUserScope(probe.value.stdout, ctx.backupStaleDays, ctx.now());
    })());
  // whoami answers in milliseconds and does not wait for the longer script; the script's own answer is the fallback.
  const account = async (): Promise<UserAccount> => {
    const whoami = await probeRun(ctx, 'whoami', WHOAMI_USER_ARGS, { timeoutMs: 10_000 });
    const found = (whoami.kind === 'ok' ? parseWhoamiUser(whoami.value.stdout) : null) ?? (await read().then((r) => r.account, () => null));
    if (!found) throw new Error('the signed-in account (name and SID) could not be read');
    return found;
  };
  return {
    account,
    parts: {
      proxy: async () => (await read()).proxy,
      fileHistory: async () => (await read()).fileHistory ?? Promise.reject(new SectionError('unsupported', 'File History is not set up, and Windows Server does not offer it')),
      oneDrive: async () => (await read()).oneDrive ?? Promise.reject(new SectionError('error', 'User Shell Folders could not be read')),
    },
    unsupported: { ...NOTHING_UNSUPPORTED, dejaDup: LINUX_ONLY_DEJA_DUP },
  };
};
