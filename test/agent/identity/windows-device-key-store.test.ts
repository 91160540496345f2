import { createPublicKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { CNG_PROVIDERS, createKeyScript, openKeyScript, signScript } from '../../../agent/identity/cng-scripts.js';
import { DeviceKeyError, loadOrCreateDeviceKey } from '../../../agent/identity/device-key.js';
import { eccPublicBlobToSpki, parseCngKeyAnswer, parseCngSignature } from '../../../agent/identity/parse-cng-output.js';
import { WindowsDeviceKeyStore } from '../../../agent/identity/windows-device-key-store.js';
import { createFakeSystem } from '../../collectors/fake-system.js';
import { verifies } from '../helpers/verify-signature.js';

/** What CngKey.Export(EccPublicBlob) returns for this key: "ECS1", cbKey = 32, X, Y (little-endian header). */
function eccPublicBlob(privateKey: KeyObject): string {
  const jwk = privateKey.export({ format: 'jwk' });
  const header = Buffer.alloc(8);
  header.writeUInt32LE(0x31534345, 0);
  header.writeUInt32LE(32, 4);
  return Buffer.concat([header, Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]).toString('base64');
}

const tpmKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
const found = (provider: string, key: KeyObject = tpmKey) => ({ stdout: JSON.stringify({ found: true, provider, publicBlob: eccPublicBlob(key) }) });

describe('Windows CNG device key', () => {
  it('scripts: a persisted machine key, TPM first, not exportable, ECDsaCng over SHA-256', () => {
    const create = createKeyScript();
    expect(create).toContain('[System.Security.Cryptography.CngKeyCreationOptions]::MachineKey');
    expect(create).toContain('[System.Security.Cryptography.CngExportPolicies]::None');
    expect(create).toContain('[System.Security.Cryptography.CngAlgorithm]::ECDsaP256');
    expect(create.indexOf('Microsoft Platform Crypto Provider')).toBeLessThan(create.indexOf('Microsoft Software Key Storage Provider'));
    expect(openKeyScript()).toContain('[System.Security.Cryptography.CngKeyOpenOptions]::MachineKey');
    const s = signScript('Microsoft Platform Crypto Provider', 'AAEC');
    expect(s).toContain("$ecdsa.HashAlgorithm = [System.Security.Cryptography.CngAlgorithm]::Sha256");
    expect(s).toContain("FromBase64String('AAEC')");
    expect(() => signScript('Microsoft Platform Crypto Provider', "x'); Remove-Item C:\\ -Recurse; ('")).toThrow(/base64/);
  });

  it('parses the public blob into the same SubjectPublicKeyInfo node:crypto gives', () => {
    const answer = parseCngKeyAnswer(found('Microsoft Platform Crypto Provider').stdout);
    expect(answer).toMatchObject({ found: true, provider: 'Microsoft Platform Crypto Provider' });
    expect(answer.found && answer.publicKeySpki.equals(createPublicKey(tpmKey).export({ type: 'spki', format: 'der' }))).toBe(true);
    expect(() => eccPublicBlobToSpki(Buffer.alloc(72))).toThrow(/P-256/);
    expect(parseCngKeyAnswer('{"found":false,"errors":"Microsoft Platform Crypto Provider: The parameter is incorrect"}')).toEqual({
      found: false,
      errors: ['Microsoft Platform Crypto Provider: The parameter is incorrect'],
    });
    expect(() => parseCngKeyAnswer('{"found":true,"provider":"Evil Provider","publicBlob":""}')).toThrow(/unknown provider/);
    expect(() => parseCngKeyAnswer('WARNING: not json')).toThrow(/JSON/);
    expect(() => parseCngSignature('{"signature":"AAAA"}')).toThrow(/64 bytes/);
  });

  it('creates the key when none exists, then signs through ECDsaCng with the provider that holds it', async () => {
    const data = Buffer.from('["deskside-key-proof/1","enroll"]');
    const signature = sign('sha256', data, { key: tpmKey, dsaEncoding: 'ieee-p1363' }).toString('base64');
    const system = createFakeSystem({
      powershell: [
        ['CngKey]::Exists', { stdout: '{"found":false}' }],
        ['CngKey]::Create', found('Microsoft Software Key Storage Provider')],
        [`FromBase64String('${data.toString('base64')}')`, { stdout: JSON.stringify({ signature }) }],
      ],
    });
    const store = new WindowsDeviceKeyStore(system);
    const key = await loadOrCreateDeviceKey(store);
    expect(store.description).toContain('Microsoft Software Key Storage Provider');
    const signed = await key.sign(data);
    expect(verifies(key, data, signed)).toBe(true);
    const scripts = system.calls.filter((c) => c.kind === 'powershell').map((c) => c.target);
    expect(scripts).toHaveLength(3);
    expect(scripts[2]).toContain("CngProvider('Microsoft Software Key Storage Provider')");
  });

  it('reuses the existing machine key and never creates another', async () => {
    const system = createFakeSystem({ powershell: [['CngKey]::Exists', found('Microsoft Platform Crypto Provider')]] });
    const key = await loadOrCreateDeviceKey(new WindowsDeviceKeyStore(system));
    expect(key.publicKeySpki.length).toBe(91);
    expect(system.calls.some((c) => c.target.includes('CngKey]::Create'))).toBe(false);
  });

  it('says why when no provider will create the key, or PowerShell fails', async () => {
    const refused = createFakeSystem({
      powershell: [
        ['CngKey]::Exists', { stdout: '{"found":false}' }],
        ['CngKey]::Create', { stdout: JSON.stringify({ found: false, errors: CNG_PROVIDERS.map((p) => `${p}: Access denied`) }) }],
      ],
    });
    await expect(loadOrCreateDeviceKey(new WindowsDeviceKeyStore(refused))).rejects.toThrow(DeviceKeyError);
    await expect(loadOrCreateDeviceKey(new WindowsDeviceKeyStore(refused))).rejects.toThrow(/Access denied/);
    const broken = createFakeSystem({ powershell: [['CngKey]::Exists', { exitCode: 1, stderr: 'Exception calling "Open"' }]] });
    await expect(new WindowsDeviceKeyStore(broken).load()).rejects.toThrow(/PowerShell exit 1/);
  });
});
