import { createHash, X509Certificate } from 'node:crypto';
import type { PeerCertificate } from 'node:tls';
import { checkServerIdentity } from 'node:tls';

/** Base64 SHA-256 of a certificate's SubjectPublicKeyInfo (the HPKP / `openssl … | base64` form). */
export function spkiPinOf(cert: PeerCertificate): string | null {
  // PeerCertificate.pubkey is the bare key (an EC point, say), not the SPKI structure pins are made of.
  if (!cert.raw) return null;
  try {
    const spki = new X509Certificate(cert.raw).publicKey.export({ type: 'spki', format: 'der' });
    return createHash('sha256').update(spki).digest('base64');
  } catch {
    return null;
  }
}

/**
 * A checkServerIdentity that keeps the normal host name check and, when pins are configured, also
 * requires the leaf certificate's public key to match one of them. A key pin survives certificate
 * renewal as long as the key stays, which is why it pins the SPKI and not the certificate.
 */
export function pinningIdentityCheck(pins: readonly string[]) {
  return (host: string, cert: PeerCertificate): Error | undefined => {
    const hostError = checkServerIdentity(host, cert);
    if (hostError) return hostError;
    if (pins.length === 0) return undefined;
    const actual = spkiPinOf(cert);
    if (actual !== null && pins.includes(actual)) return undefined;
    const error = new Error(`server public key does not match the configured pin (got sha256/${actual ?? 'unknown'})`);
    (error as NodeJS.ErrnoException).code = 'DESKSIDE_PIN_MISMATCH';
    return error;
  };
}
