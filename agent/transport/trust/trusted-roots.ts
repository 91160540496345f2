import { readFile } from 'node:fs/promises';
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

import type { SystemCertificates } from './system-certificates.js';

/** What the agent's TLS trusts and why; `status` and diagnostics show it. */
export interface TrustSummary {
  readonly bundled: number;
  readonly system: number;
  readonly systemSource: string | null;
  readonly systemError: string | null;
  readonly extraCaFile: string | null;
}

export interface TrustedRoots {
  /** PEM: Node's bundled roots, then the OS store's, then extraCaFile's. */
  readonly ca: readonly string[];
  readonly summary: TrustSummary;
}

/** extraCaFile's PEM text, or a clear error naming the file. */
export async function readExtraCaFile(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (e) {
    throw new Error(`extraCaFile ${path} cannot be read: ${(e as Error).message}`, { cause: e });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`extraCaFile ${path} holds no PEM certificate`);
  return pem;
}

/**
 * Node's bundle plus the OS store plus extraCaFile. Adding never removes: a machine whose store cannot
 * be read still trusts what Node ships and what the administrator configured.
 */
export function trustedRoots(system: SystemCertificates | null, extra: { readonly path: string; readonly pem: string } | null): TrustedRoots {
  return {
    ca: [...rootCertificates, ...(system?.certificates ?? []), ...(extra ? [extra.pem] : [])],
    summary: {
      bundled: rootCertificates.length,
      system: system?.certificates.length ?? 0,
      systemSource: system?.source ?? null,
      systemError: system?.error ?? null,
      extraCaFile: extra?.path ?? null,
    },
  };
}

/**
 * One secure context for every connection: handed `ca` per connection, Node would parse the few
 * hundred certificates again for each TLS handshake.
 */
export function secureContextFor(ca: readonly string[]): SecureContext {
  return createSecureContext({ ca: [...ca] });
}
