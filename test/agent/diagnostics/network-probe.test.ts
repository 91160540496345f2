import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { DEFAULT_SETTINGS } from '../../../agent/config/settings-schema.js';
import { networkProbe, pingArgs, proxyInUse } from '../../../agent/diagnostics/items/network.js';
import { EMPTY_STATE } from '../../../agent/state/agent-state.js';
import { createSystemAccess } from '../../../collectors/exec/system-access.js';
import { withTempDir } from '../helpers/temp-dir.js';
import { makeTestCert } from '../helpers/test-cert.js';

interface ServerCheck {
  dns: { ok: boolean; addresses: string[] };
  tcp: { ok: boolean; ms: number };
  tls: { ok: boolean; certificateTrusted: boolean; certificateError: string | null };
}

describe('network diagnostic', () => {
  it('checks DNS, TCP and TLS of the configured server only, and whether its certificate is trusted', async (ctx) => {
    const tmp = await withTempDir();
    const cert = makeTestCert(tmp.dir);
    if (!cert) {
      await tmp.cleanup();
      ctx.skip();
      return;
    }
    const server = createServer({ cert: cert.cert, key: cert.key }, (_q, r) => r.end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const serverUrl = `https://localhost:${(server.address() as AddressInfo).port}`;
    const caFile = join(tmp.dir, 'ca.pem');
    await writeFile(caFile, cert.cert);
    const run = (extraCaFile: string | null) =>
      networkProbe.run({
        platform: 'linux',
        system: createSystemAccess(),
        signal: new AbortController().signal,
        now: () => new Date(),
        settings: { ...DEFAULT_SETTINGS, serverUrl, extraCaFile },
        state: EMPTY_STATE,
      });
    try {
      const trusted = (await run(caFile)).data as { server: ServerCheck };
      expect(trusted.server.dns.ok).toBe(true);
      expect(trusted.server.tcp.ok).toBe(true);
      expect(trusted.server.tls).toMatchObject({ ok: true, certificateTrusted: true, certificateError: null });
      const untrusted = await run(null);
      expect((untrusted.data as { server: ServerCheck }).server.tls.certificateTrusted).toBe(false);
      expect(untrusted.summary).toMatch(/server localhost reachable [\d.]+ ms, certificate not trusted \(/);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tmp.cleanup();
    }
  });

  it('names the proxy without its password, and pings with one packet and a one-second limit', () => {
    expect(proxyInUse('', { HTTPS_PROXY: 'http://bob:s3cret@proxy.corp:3128' })).toBe('http://bob:[REDACTED]@proxy.corp:3128');
    expect(proxyInUse('', {})).toBeNull();
    expect(pingArgs('win32', '10.0.0.1')).toEqual(['-n', '1', '-w', '1000', '10.0.0.1']);
    expect(pingArgs('linux', '10.0.0.1')).toEqual(['-c', '1', '-W', '1', '10.0.0.1']);
  });
});
