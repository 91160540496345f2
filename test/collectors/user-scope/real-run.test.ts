import { userInfo } from 'node:os';

import { UserScopeReportSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { collectUserScope } from '../../../collectors/user-scope/index.js';

/** The real user-scope collection on the machine running the tests (Linux in CI), checked against the OS. */
describe.skipIf(process.platform !== 'linux')('real user-scope report of this Linux session', () => {
  it('names this account by uid, reads the proxy, and is honest about the rest', async () => {
    const report = await collectUserScope({ timeoutMs: 30_000 });
    expect(UserScopeReportSchema.safeParse(report).success).toBe(true);
    expect(report.account).toEqual({ name: userInfo().username, id: String(userInfo().uid) });
    expect(report.platform).toBe('linux');
    expect(report.sections.proxy?.status, report.sections.proxy?.error).toBe('ok');
    expect(report.sections.fileHistory?.status).toBe('unsupported');
    expect(report.sections.oneDrive?.status).toBe('unsupported');
    // Installed for this user or not: either a mechanism, or "unsupported" saying it is not installed.
    const deja = report.sections.dejaDup;
    expect(deja?.status === 'ok' ? deja.data?.product : deja?.error).toMatch(/Déjà Dup/);
  }, 40_000);
});
