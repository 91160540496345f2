import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { lstat, mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../collectors/types.js';
import { writeFileAtomic } from '../support/atomic-write.js';
import { readWindowsOwner, WINDOWS_ADMIN_SIDS } from './windows-owner.js';

const CONTEXT = 'deskside-endpoint-v1:';

/**
 * Where the service publishes the public half of its endpoint key: beside the socket on Linux and macOS
 * (a folder only the service writes), in ProgramData on Windows, secured by the service.
 */
export function endpointKeyPath(endpoint: string, platform: Platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.ProgramData ?? 'C:\\ProgramData', 'Deskside', 'run', 'endpoint.pub');
  return join(dirname(endpoint), 'endpoint.pub');
}

/**
 * The service proves it is the service. Any account can create a named pipe of a given name on Windows
 * before the service does, and a misdirected DESKSIDE_AGENT_SOCKET could name anything: a client would
 * then hand its tickets, screenshots and replies to an impostor. So at each start the service makes a
 * key pair, publishes the public key where only it (SYSTEM, root, the service account) can write, and
 * signs the client's random challenge on every ping.
 */
export class EndpointIdentity {
  private constructor(private readonly privateKey: KeyObject) {}

  static async publish(path: string, platform: Platform, system: SystemAccess): Promise<EndpointIdentity> {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    await mkdir(dirname(path), { recursive: true, mode: 0o755 });
    await writeFileAtomic(path, publicKey.export({ type: 'spki', format: 'pem' }), 0o644);
    if (platform === 'win32') {
      for (const args of windowsKeyFileAcl(path)) {
        const result = await system.run('icacls', args);
        if (result.exitCode !== 0) throw new Error(`cannot secure ${path}: ${result.stderr || result.stdout}`);
      }
    }
    return new EndpointIdentity(privateKey);
  }

  sign(challenge: string): string {
    return sign(null, Buffer.from(CONTEXT + challenge), this.privateKey).toString('base64');
  }
}

/** SYSTEM owns the key file; SYSTEM and Administrators may change it, Users only read it. */
export function windowsKeyFileAcl(path: string): string[][] {
  return [
    [path, '/setowner', '*S-1-5-18'],
    [path, '/inheritance:r', '/grant:r', '*S-1-5-18:F', '*S-1-5-32-544:F', '*S-1-5-32-545:R'],
  ];
}

export const newChallenge = (): string => randomBytes(24).toString('hex');

/**
 * Checks a ping's signature against the published key, and that the key file itself could only have
 * been written by the service: owned by SYSTEM or Administrators on Windows; on Linux and macOS owned by
 * root or by the socket's owner, and writable by no one else.
 */
export async function verifyEndpoint(options: {
  readonly endpoint: string;
  readonly platform: Platform;
  readonly system: SystemAccess;
  readonly challenge: string;
  readonly signature: string;
  readonly env?: NodeJS.ProcessEnv;
}): Promise<{ readonly ok: true } | { readonly ok: false; readonly reason: string }> {
  const path = endpointKeyPath(options.endpoint, options.platform, options.env);
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch {
    return { ok: false, reason: `no endpoint key at ${path}` };
  }
  if (options.platform === 'win32') {
    const owner = await readWindowsOwner(options.system, path).catch(() => null);
    if (owner === null || !WINDOWS_ADMIN_SIDS.includes(owner.sid)) return { ok: false, reason: `${path} is not owned by SYSTEM or Administrators` };
  } else {
    const [key, socket] = await Promise.all([lstat(path), lstat(options.endpoint)]).catch(() => [null, null]);
    if (key === null || socket === null) return { ok: false, reason: `cannot inspect ${path}` };
    if (!key.isFile() || (key.mode & 0o022) !== 0 || (key.uid !== 0 && key.uid !== socket.uid)) return { ok: false, reason: `${path} could have been written by someone other than the service` };
  }
  try {
    const good = verify(null, Buffer.from(CONTEXT + options.challenge), createPublicKey(pem), Buffer.from(options.signature, 'base64'));
    return good ? { ok: true } : { ok: false, reason: 'the endpoint did not prove it is the Deskside service' };
  } catch {
    return { ok: false, reason: `unreadable endpoint key at ${path}` };
  }
}
