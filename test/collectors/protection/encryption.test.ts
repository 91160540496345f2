import { EncryptionDataSchema } from '@deskside/shared';
import { describe, expect, it } from 'vitest';

import { LSBLK_ARGS } from '../../../collectors/common/lsblk.js';
import { encryptionCollector } from '../../../collectors/encryption/index.js';
import { cmdletState, parseWindowsEncryption, shellProtectionState, wmiState } from '../../../collectors/encryption/parse-bitlocker.js';
import { parseFdesetupStatus } from '../../../collectors/encryption/parse-fdesetup.js';
import { parseLsblk, parseProcMounts } from '../../../collectors/encryption/parse-lsblk.js';
import { fakeContext, fixtureText, sectionError } from './helpers.js';

describe('BitLocker', () => {
  it.each([
    [1, true, true],
    [2, false, false],
    [3, null, false],
    [4, null, false],
    [5, true, false],
    [6, true, true],
    [8, true, false],
    [0, null, null],
    [null, null, null],
    ['junk', null, null],
  ])('Explorer protection value %s → encrypted %s, protection %s', (value, encrypted, protectionOn) => {
    expect(shellProtectionState(value)).toMatchObject({ encrypted, protectionOn });
  });

  it('reads the cmdlet and WMI states', () => {
    expect(cmdletState('FullyEncrypted', 'Off', 'Unlocked')).toEqual({ encrypted: true, protectionOn: false, status: 'FullyEncrypted' });
    expect(cmdletState('FullyDecrypted', 'On', null)).toMatchObject({ encrypted: false, protectionOn: false });
    expect(cmdletState(null, 'Unknown', 'Locked')).toMatchObject({ encrypted: true, protectionOn: null });
    expect(wmiState(1, 1)).toMatchObject({ encrypted: true, protectionOn: true, status: 'FullyEncrypted' });
    expect(wmiState(2, 9)).toMatchObject({ encrypted: null, protectionOn: null, status: null });
  });

  it('unelevated: every fixed drive from Explorer, suspended protection is not protection', () => {
    const result = parseWindowsEncryption(fixtureText('windows/encryption/script-unelevated.json'));
    expect(result.limited).toBe(true);
    expect(result.volumes.map((v) => [v.mount, v.method, v.encrypted, v.protectionOn, v.system])).toEqual([
      ['C:', 'bitlocker', true, true, true],
      ['D:', 'none', false, false, false],
      ['E:', 'bitlocker', true, false, false],
      ['F:', 'unknown', null, null, false],
    ]);
  });

  it('elevated: Get-BitLockerVolume replaces the Explorer view, with percentage', () => {
    const result = parseWindowsEncryption(fixtureText('windows/encryption/script-elevated.json'));
    expect(result.limited).toBe(false);
    expect(result.volumes.map((v) => [v.mount, v.status, v.percentEncrypted, v.protectionOn, v.source])).toEqual([
      ['C:', 'EncryptionInProgress', 63, false, 'Get-BitLockerVolume'],
      ['D:', 'FullyEncrypted', 100, true, 'Get-BitLockerVolume'],
    ]);
  });

  it('Win32_EncryptableVolume where the BitLocker module is missing', () => {
    const result = parseWindowsEncryption(fixtureText('windows/encryption/script-server-wmi.json'));
    expect(result.volumes).toEqual([
      { mount: 'C:', device: null, method: 'bitlocker', encrypted: true, protectionOn: true, status: 'FullyEncrypted', percentEncrypted: 100, system: true, source: 'Win32_EncryptableVolume' },
    ]);
  });

  it('collector: system volume protection, or an error when nothing answers', async () => {
    const ok = await encryptionCollector.collect(fakeContext('win32', { powershell: [['BitLockerProtection', 'windows/encryption/script-unelevated.json']] }));
    expect(EncryptionDataSchema.parse(ok).systemVolumeProtected).toBe(true);
    const elevated = await encryptionCollector.collect(fakeContext('win32', { powershell: [['BitLockerProtection', 'windows/encryption/script-elevated.json']] }));
    expect(elevated.systemVolumeProtected).toBe(false);
    const error = await sectionError(encryptionCollector.collect(fakeContext('win32', { powershell: [['BitLockerProtection', 'windows/encryption/script-nothing.json']] })));
    expect(error.message).toMatch(/Class not registered.*Access denied/);
  });
});

describe('FileVault', () => {
  it.each([
    ['fdesetup-on.txt', true, true, 'On', 100],
    ['fdesetup-off.txt', false, false, 'Off', 0],
    ['fdesetup-off-deferred.txt', false, false, 'Off (deferred enablement pending)', 0],
    ['fdesetup-encrypting.txt', null, null, 'Encryption in progress', 42.5],
    ['fdesetup-decrypting.txt', null, false, 'Decryption in progress', 12],
  ])('%s', (file, encrypted, protectionOn, status, percent) => {
    expect(parseFdesetupStatus(fixtureText(`macos/encryption/${file}`))).toMatchObject({ encrypted, protectionOn, status, percentEncrypted: percent, system: true, mount: '/' });
  });

  it('rejects output without a state', () => {
    expect(() => parseFdesetupStatus('Error: unknown')).toThrow(/no FileVault state/);
  });

  it('collector', async () => {
    const data = await encryptionCollector.collect(fakeContext('darwin', { commands: { '/usr/bin/fdesetup status': 'macos/encryption/fdesetup-on.txt' } }));
    expect(EncryptionDataSchema.parse(data)).toMatchObject({ systemVolumeProtected: true });
    const error = await sectionError(encryptionCollector.collect(fakeContext('darwin', {})));
    expect(error.message).toMatch(/fdesetup/);
  });
});

describe('LUKS / dm-crypt', () => {
  it('finds LUKS under LVM, plain dm-crypt, unencrypted partitions; skips loop, optical and swap', () => {
    const volumes = parseLsblk(fixtureText('linux/encryption/lsblk-luks-lvm.json'));
    expect(volumes.map((v) => [v.mount, v.method, v.encrypted, v.system])).toEqual([
      ['/boot/efi', 'none', false, false],
      ['/boot', 'none', false, false],
      ['/', 'luks', true, true],
      ['/srv/data', 'dm-crypt', true, false],
    ]);
  });

  it('reads the "mountpoints" array of newer lsblk', () => {
    expect(parseLsblk(fixtureText('linux/encryption/lsblk-plain-mountpoints.json')).map((v) => v.mount)).toEqual(['/', '/var/lib/docker/btrfs']);
  });

  it('rejects JSON that is not lsblk output', () => {
    expect(() => parseLsblk('{"disks":[]}')).toThrow(/blockdevices/);
  });

  it('reads eCryptfs homes and the root source from the mount table', () => {
    const parsed = parseProcMounts(fixtureText('linux/encryption/proc-mounts-overlay-ecryptfs.txt'));
    expect(parsed.root).toEqual({ device: 'overlay', fstype: 'overlay' });
    expect(parsed.ecryptfs.map((v) => [v.mount, v.method])).toEqual([['/home/jdoe', 'ecryptfs']]);
  });

  it('collector: a root lsblk does not list is unknown, not unencrypted', async () => {
    const data = await encryptionCollector.collect(
      fakeContext('linux', {
        commands: { [`lsblk ${LSBLK_ARGS.join(' ')}`]: { stdout: '{"blockdevices":[]}' } },
        files: { '/proc/self/mounts': 'linux/encryption/proc-mounts-overlay-ecryptfs.txt' },
      }),
    );
    expect(EncryptionDataSchema.parse(data).systemVolumeProtected).toBeNull();
    expect(data.volumes.map((v) => [v.mount, v.method])).toEqual([
      ['/home/jdoe', 'ecryptfs'],
      ['/', 'unknown'],
    ]);
  });

  it('collector: LUKS root is protected', async () => {
    const data = await encryptionCollector.collect(fakeContext('linux', { commands: { [`lsblk ${LSBLK_ARGS.join(' ')}`]: 'linux/encryption/lsblk-luks-lvm.json' } }));
    expect(data.systemVolumeProtected).toBe(true);
  });

  it('collector: an error when neither lsblk nor the mount table answers', async () => {
    const error = await sectionError(encryptionCollector.collect(fakeContext('linux', {})));
    expect(error.message).toMatch(/lsblk/);
  });
});
