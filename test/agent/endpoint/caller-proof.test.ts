import { link, mkdir, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { CallerProof, windowsClaimsAcl } from '../../../agent/endpoint/caller-proof.js';
import { parseGetentPasswd, parseIdName } from '../../../agent/endpoint/posix-account.js';
import { SessionTable } from '../../../agent/endpoint/sessions.js';
import { parseWindowsOwner, windowsOwnerScript } from '../../../agent/endpoint/windows-owner.js';
import { createFakeSystem } from '../../collectors/fake-system.js';
import { withTempDir } from '../helpers/temp-dir.js';

const posixOnly = process.platform !== 'win32';

describe.runIf(posixOnly)('proving a caller by the owner of the file it creates', () => {
  let tmp: Awaited<ReturnType<typeof withTempDir>>;
  let clock = 0;
  let proof: CallerProof;
  beforeEach(async () => {
    tmp = await withTempDir();
    clock = 1_000_000;
    proof = new CallerProof({ claimsDir: join(tmp.dir, 'claims'), platform: 'linux', system: createFakeSystem({ commands: { 'getent *': { stdout: `someone:x:${process.getuid?.()}:0::/:/bin/sh\n` } } }), now: () => clock });
    await proof.prepare();
  });
  afterEach(() => tmp.cleanup());

  it('makes the claims folder sticky, writable and unlistable for everyone', async () => {
    expect((await stat(proof.claimsDir)).mode & 0o7777).toBe(0o1733);
  });

  it("names the file's owner, once per challenge, and removes the file", async () => {
    const nonce = proof.challenge();
    await writeFile(join(proof.claimsDir, nonce), '');
    const caller = await proof.verify(nonce);
    expect(caller).toEqual({ id: String(process.getuid?.()), name: 'someone', admin: process.getuid?.() === 0 });
    await expect(stat(join(proof.claimsDir, nonce))).rejects.toThrow();
    await writeFile(join(proof.claimsDir, nonce), '');
    await expect(proof.verify(nonce)).rejects.toThrow(/unknown or expired/);
  });

  it('refuses unknown, expired and unanswered challenges', async () => {
    await expect(proof.verify('0'.repeat(48))).rejects.toThrow(/unknown or expired/);
    const late = proof.challenge();
    await writeFile(join(proof.claimsDir, late), '');
    clock += 61_000;
    await expect(proof.verify(late)).rejects.toThrow(/unknown or expired/);
    await expect(proof.verify(proof.challenge())).rejects.toThrow(/no claim file/);
  });

  it("refuses links, which would lend someone else's ownership", async () => {
    const target = join(tmp.dir, 'someone-elses-file');
    await writeFile(target, 'x');
    const soft = proof.challenge();
    await symlink(target, join(proof.claimsDir, soft));
    await expect(proof.verify(soft)).rejects.toThrow(/regular file with a single link/);
    const hard = proof.challenge();
    await link(target, join(proof.claimsDir, hard));
    await expect(proof.verify(hard)).rejects.toThrow(/regular file with a single link/);
    const dir = proof.challenge();
    await mkdir(join(proof.claimsDir, dir));
    await expect(proof.verify(dir)).rejects.toThrow(/regular file/);
  });

  it('keeps at most 256 challenges waiting, dropping the oldest', async () => {
    const first = proof.challenge();
    for (let i = 0; i < 300; i += 1) proof.challenge();
    await writeFile(join(proof.claimsDir, first), '');
    await expect(proof.verify(first)).rejects.toThrow(/unknown or expired/);
  });
});

describe('Windows: the owner of a claim from its security descriptor', () => {
  it('asks PowerShell for the owner SID and name, quoting the path literally', () => {
    const script = windowsOwnerScript("C:\\ProgramData\\Deskside\\claims\\O'Brien");
    expect(script).toContain("-LiteralPath 'C:\\ProgramData\\Deskside\\claims\\O''Brien'");
    expect(script).toContain('GetOwner([System.Security.Principal.SecurityIdentifier])');
  });

  it('parses the answer: user, administrator, absent file, garbage', () => {
    expect(parseWindowsOwner('{"Sid":"S-1-5-21-1004336348-1177238915-682003330-1001","Name":"CONTOSO\\\\wang.li","Reparse":false}')).toEqual({
      sid: 'S-1-5-21-1004336348-1177238915-682003330-1001',
      name: 'CONTOSO\\wang.li',
      reparsePoint: false,
    });
    expect(parseWindowsOwner('null')).toBeNull();
    expect(parseWindowsOwner('')).toBeNull();
    expect(() => parseWindowsOwner('{"Sid":"Administrators"}')).toThrow(/no owner SID/);
    expect(() => parseWindowsOwner('<html>')).toThrow(/unreadable/);
  });

  it('verifies through the same steps, administrators included, links refused', async () => {
    const answers = [
      { Sid: 'S-1-5-21-1-2-3-1001', Name: 'PC\\alice', Reparse: false },
      { Sid: 'S-1-5-32-544', Name: 'BUILTIN\\Administrators', Reparse: false },
      { Sid: 'S-1-5-21-1-2-3-1002', Name: 'PC\\bob', Reparse: true },
    ];
    const scripts: string[] = [];
    const system = {
      ...createFakeSystem({}),
      powershell: async (script: string) => {
        scripts.push(script);
        return { stdout: JSON.stringify(answers.shift()), stderr: '', exitCode: 0 };
      },
    };
    const proof = new CallerProof({ claimsDir: 'C:\\ProgramData\\Deskside\\claims', platform: 'win32', system });
    expect(await proof.verify(proof.challenge())).toEqual({ id: 'S-1-5-21-1-2-3-1001', name: 'PC\\alice', admin: false });
    expect((await proof.verify(proof.challenge())).admin).toBe(true);
    await expect(proof.verify(proof.challenge())).rejects.toThrow(/regular file/);
    expect(scripts.every((s) => s.includes('C:\\ProgramData\\Deskside\\claims'))).toBe(true);
  });

  it('takes ownership of the claims folder and sets its ACL with icacls, and says when it cannot', async () => {
    const tmp = await withTempDir();
    try {
      const dir = join(tmp.dir, 'claims');
      const system = createFakeSystem({ commands: { 'icacls *': { stdout: 'processed file: claims\nSuccessfully processed 1 files; Failed processing 0 files' } } });
      await new CallerProof({ claimsDir: dir, platform: 'win32', system }).prepare();
      expect(system.calls.filter((c) => c.kind === 'run').map((c) => c.target)).toEqual(windowsClaimsAcl(dir).map((args) => `icacls ${args.join(' ')}`));
      const refusing = createFakeSystem({ commands: { 'icacls *': { exitCode: 5, stderr: 'Access is denied.' } } });
      await expect(new CallerProof({ claimsDir: dir, platform: 'win32', system: refusing }).prepare()).rejects.toThrow(/Access is denied/);
    } finally {
      await tmp.cleanup();
    }
  });

  it('lets signed-in users add claims without listing or reading them', () => {
    const dir = 'C:\\ProgramData\\Deskside\\claims';
    expect(windowsClaimsAcl(dir)).toEqual([
      [dir, '/setowner', '*S-1-5-18'],
      [dir, '/inheritance:r', '/grant:r', '*S-1-5-18:(OI)(CI)F', '*S-1-5-32-544:(OI)(CI)F', '*S-1-5-11:(WD,S)', '*S-1-3-0:(OI)(IO)F'],
    ]);
  });
});

describe('account names', () => {
  it('reads getent and id answers', () => {
    expect(parseGetentPasswd('wang.li:x:1001:1001:Wang Li,,,:/home/wang.li:/bin/bash\n', 1001)).toBe('wang.li');
    expect(parseGetentPasswd('other:x:1002:1002::/home/other:/bin/sh\n', 1001)).toBeNull();
    expect(parseIdName('alice\n')).toBe('alice');
    expect(parseIdName('')).toBeNull();
  });
});

describe('sessions', () => {
  const alice = { id: '1001', name: 'alice', admin: false };

  it('keeps only hashes, extends on use and ends after twelve idle hours', () => {
    let now = 0;
    const sessions = new SessionTable(() => now);
    const token = sessions.issue(alice);
    expect(sessions.verify(token)).toEqual(alice);
    expect(sessions.verify(`${token}x`)).toBeNull();
    now += 11 * 3_600_000;
    expect(sessions.verify(token)).toEqual(alice);
    now += 12 * 3_600_000 + 1;
    expect(sessions.verify(token)).toBeNull();
  });

  it('bounds the sessions one account may hold', () => {
    const sessions = new SessionTable(() => 0);
    const tokens = Array.from({ length: 20 }, () => sessions.issue(alice));
    expect(sessions.size).toBe(16);
    expect(sessions.verify(tokens.at(-1) ?? '')).toEqual(alice);
  });
});
