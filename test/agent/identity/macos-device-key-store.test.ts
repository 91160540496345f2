import { generateKeyPairSync } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { DeviceKeyError, loadOrCreateDeviceKey } from '../../../agent/identity/device-key.js';
import { KEYCHAIN_ACCOUNT, KEYCHAIN_SERVICE, MacosDeviceKeyStore, SYSTEM_KEYCHAIN } from '../../../agent/identity/macos-device-key-store.js';
import type { SystemAccess } from '../../../collectors/types.js';
import { createFakeSystem, type FakeSystem } from '../../collectors/fake-system.js';
import { verifies } from '../helpers/verify-signature.js';

const FIND = `security find-generic-password -a ${KEYCHAIN_ACCOUNT} -s ${KEYCHAIN_SERVICE} -w ${SYSTEM_KEYCHAIN}`;
const pkcs8 = () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');

/** The fake system, plus a System keychain that `security -i add-generic-password` writes into. */
function withKeychain(fake: FakeSystem): SystemAccess & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    ...fake,
    items,
    run: async (file, args, options) => {
      const line = [file, ...args].join(' ');
      if (line === 'security -i') {
        const m = /^add-generic-password -a (\S+) -s (\S+) -l "[^"]*" -w (\S+) (\S+)\n$/.exec(options?.input ?? '');
        if (m?.[4] === SYSTEM_KEYCHAIN) items.set(`${m[1]}/${m[2]}`, m[3]!);
        await fake.run(file, args, options);
        return { stdout: '', stderr: m ? '' : 'security: unknown command', exitCode: 0 };
      }
      if (line === FIND) {
        await fake.run(file, args, options);
        const value = items.get(`${KEYCHAIN_ACCOUNT}/${KEYCHAIN_SERVICE}`);
        return value === undefined ? { stdout: '', stderr: 'The specified item could not be found in the keychain.', exitCode: 44 } : { stdout: `${value}\n`, stderr: '', exitCode: 0 };
      }
      return fake.run(file, args, options);
    },
  };
}

describe('macOS System keychain device key', () => {
  it('stores a new key through stdin (never in the arguments) and reads the same key back', async () => {
    const fake = createFakeSystem({ commands: { 'security *': { stdout: '' } } });
    const system = withKeychain(fake);
    expect(await new MacosDeviceKeyStore(system).load()).toBeNull();
    const made = await loadOrCreateDeviceKey(new MacosDeviceKeyStore(system));
    const stored = system.items.get(`${KEYCHAIN_ACCOUNT}/${KEYCHAIN_SERVICE}`)!;
    expect(stored).toMatch(/^[A-Za-z0-9+/]+=*$/);
    for (const call of fake.calls) expect(call.target).not.toContain(stored);
    expect(fake.calls.find((c) => c.target === 'security -i')?.options?.input).toContain(stored);

    const again = await loadOrCreateDeviceKey(new MacosDeviceKeyStore(system));
    expect(again.publicKeySpki.equals(made.publicKeySpki)).toBe(true);
    const data = Buffer.from('proof');
    expect(verifies(made, data, await again.sign(data))).toBe(true);
    expect(fake.calls.filter((c) => c.target === 'security -i')).toHaveLength(1);
  });

  it('reads an existing item, and reports a damaged one or a refused keychain', async () => {
    const ok = createFakeSystem({ commands: { [FIND]: { stdout: `${pkcs8()}\n` } } });
    expect((await new MacosDeviceKeyStore(ok).load())?.publicKeySpki.length).toBe(91);
    const damaged = createFakeSystem({ commands: { [FIND]: { stdout: 'not base64 at all!\n' } } });
    await expect(new MacosDeviceKeyStore(damaged).load()).rejects.toThrow(/damaged/);
    const truncated = createFakeSystem({ commands: { [FIND]: { stdout: 'AAAA\n' } } });
    await expect(new MacosDeviceKeyStore(truncated).load()).rejects.toThrow(DeviceKeyError);
    const denied = createFakeSystem({ commands: { [FIND]: { exitCode: 51, stderr: 'User interaction is not allowed.' } } });
    await expect(new MacosDeviceKeyStore(denied).load()).rejects.toThrow(/exit 51.*User interaction/);
  });

  it('a write the keychain did not keep is an error, not a key the server would never see again', async () => {
    const fake = createFakeSystem({
      commands: { 'security -i': { stdout: '', stderr: 'SecKeychainItemCreateFromContent: Write permissions error.' }, [FIND]: { exitCode: 44 } },
    });
    await expect(loadOrCreateDeviceKey(new MacosDeviceKeyStore(fake))).rejects.toThrow(/Write permissions error/);
  });
});
