import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCert {
  readonly cert: string;
  readonly key: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo */
  readonly pin: string;
}

/** A throwaway self-signed certificate for 127.0.0.1/localhost, made with the openssl CLI; null without it. */
export function makeTestCert(dir: string): TestCert | null {
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost',
      '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ], { stdio: 'ignore' });
  } catch {
    return null;
  }
  const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
  const spki = new X509Certificate(cert).publicKey.export({ type: 'spki', format: 'der' });
  return { cert, key: readFileSync(join(dir, 'key.pem'), 'utf8'), pin: createHash('sha256').update(spki).digest('base64') };
}
