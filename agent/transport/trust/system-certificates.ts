import { join } from 'node:path';
import * as tls from 'node:tls';

import type { Platform } from '@deskside/shared';

import type { SystemAccess } from '../../../collectors/types.js';
import { parseBase64DerLines, parsePemBundle } from './parse-certificates.js';

/** Where distributions keep the system's trusted CA bundle (what update-ca-certificates & co. write). */
export const LINUX_CA_BUNDLES = [
  'etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu, Arch, Gentoo
  'etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL, CentOS
  'etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // RHEL 7+
  'etc/ssl/ca-bundle.pem', // openSUSE, SLES
  'etc/ssl/cert.pem', // Alpine
] as const;

/** Trusted roots of the machine: the System keychain (where MDM and admins add roots) and Apple's own. */
export const MACOS_KEYCHAINS = ['/Library/Keychains/System.keychain', '/System/Library/Keychains/SystemRootCertificates.keychain'] as const;

/**
 * The machine's trusted roots (LocalMachine\Root, which includes the roots Group Policy deploys), one
 * Base64 DER a line. The service runs as LocalSystem, so the user stores are not its concern.
 */
export const WINDOWS_ROOT_SCRIPT = "Get-ChildItem -Path 'Cert:\\LocalMachine\\Root' | ForEach-Object { [Convert]::ToBase64String($_.RawData) }";

export interface SystemCertificates {
  /** PEM, each certificate once. */
  readonly certificates: readonly string[];
  /** Where they came from, for `status` and diagnostics. */
  readonly source: string;
  /** Why the store could not be read (the agent then trusts Node's bundled roots and extraCaFile). */
  readonly error: string | null;
}

export interface SystemCertificateDeps {
  readonly platform: Platform;
  readonly system: SystemAccess;
  readonly env?: NodeJS.ProcessEnv;
  /** The file system root the Linux bundle paths are read under (tests use a temporary root). */
  readonly root?: string;
  /** Node's own reader of the OS store (Node 22.15+/23.5+); absent on Node 20. */
  readonly nodeSystemStore?: (() => readonly string[]) | null;
}

type GetCa = (type: 'system') => string[];

/** `tls.getCACertificates('system')` where this Node has it. */
export function nodeSystemStore(): (() => readonly string[]) | null {
  const get = (tls as unknown as { getCACertificates?: GetCa }).getCACertificates;
  return typeof get === 'function' ? () => get('system') : null;
}

async function linuxStore(deps: SystemCertificateDeps): Promise<SystemCertificates> {
  const env = deps.env ?? process.env;
  // SSL_CERT_FILE is how OpenSSL (and curl, and Node with --use-openssl-ca) are pointed at another bundle.
  const candidates = env.SSL_CERT_FILE ? [env.SSL_CERT_FILE] : LINUX_CA_BUNDLES.map((p) => join(deps.root ?? '/', p));
  const failures: string[] = [];
  for (const path of candidates) {
    let text: string;
    try {
      text = await deps.system.readFile(path);
    } catch (e) {
      failures.push(`${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const certificates = parsePemBundle(text);
    if (certificates.length > 0) return { certificates, source: path, error: null };
    failures.push(`${path}: no certificate`);
  }
  return { certificates: [], source: 'system CA bundle', error: `no system CA bundle could be read (${failures.join('; ')})` };
}

async function macStore(deps: SystemCertificateDeps): Promise<SystemCertificates> {
  const source = `security find-certificate -a -p ${MACOS_KEYCHAINS.join(' ')}`;
  const result = await deps.system.run('/usr/bin/security', ['find-certificate', '-a', '-p', ...MACOS_KEYCHAINS], { timeoutMs: 15_000 });
  // security exits non-zero when one keychain is missing but still prints the others' certificates.
  const certificates = parsePemBundle(result.stdout);
  if (certificates.length > 0) return { certificates, source, error: null };
  return { certificates: [], source, error: `security exited with code ${result.exitCode}: ${result.stderr.trim().split('\n')[0] ?? ''}` };
}

async function windowsStore(deps: SystemCertificateDeps): Promise<SystemCertificates> {
  const source = 'Cert:\\LocalMachine\\Root';
  const result = await deps.system.powershell(WINDOWS_ROOT_SCRIPT, { timeoutMs: 30_000 });
  const certificates = parseBase64DerLines(result.stdout);
  if (certificates.length > 0) return { certificates, source, error: null };
  return { certificates: [], source, error: `reading ${source} failed (exit code ${result.exitCode}): ${result.stderr.trim().split('\n')[0] ?? ''}` };
}

async function fromOs(deps: SystemCertificateDeps): Promise<SystemCertificates> {
  switch (deps.platform) {
    case 'linux':
      return linuxStore(deps);
    case 'darwin':
      return macStore(deps);
    case 'win32':
      return windowsStore(deps);
  }
}

/**
 * The certificates the operating system trusts, so an organisation's internal CA installed the usual
 * way (Group Policy, MDM, update-ca-certificates) works with no setting of ours. On Windows and macOS,
 * Node's own store reader answers when this Node has one (no process to start); the tools above are
 * the way on Node 20. On Linux the bundle files are read directly: Node's reader follows OpenSSL's
 * compiled-in directory, which for Node's own builds is /usr/local/ssl, not the distribution's.
 */
export async function loadSystemCertificates(deps: SystemCertificateDeps): Promise<SystemCertificates> {
  const node = deps.nodeSystemStore === undefined ? nodeSystemStore() : deps.nodeSystemStore;
  if (node !== null && deps.platform !== 'linux') {
    try {
      const certificates = parsePemBundle(node().join('\n'));
      if (certificates.length > 0) return { certificates, source: "the operating system's store (read by Node.js)", error: null };
    } catch {
      // Fall through to the tools.
    }
  }
  try {
    return await fromOs(deps);
  } catch (e) {
    return { certificates: [], source: 'system store', error: (e as Error).message };
  }
}
