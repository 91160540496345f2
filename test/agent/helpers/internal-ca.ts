import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface InternalCa {
  /** The organisation's root, PEM. */
  readonly caCert: string;
  /** A server certificate for 127.0.0.1 / localhost issued by that root, and its key. */
  readonly serverCert: string;
  readonly serverKey: string;
  /** base64 SHA-256 SPKI pin of the server's key. */
  readonly serverPin: string;
}

const run = (args: string[]) => execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });

/**
 * An internal CA as an organisation has one: a root that no public bundle holds, and a loopback
 * server certificate it issued. Made with the openssl CLI in `dir`.
 */
export function makeInternalCa(dir: string, name = 'Deskside Test Corp Root CA'): InternalCa {
  const f = (n: string) => join(dir, n);
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  run(['req', '-x509', ...ec, '-keyout', f('ca.key'), '-out', f('ca.pem'), '-days', '2', '-subj', `/O=Deskside Test Corp/CN=${name}`,
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']);
  run(['req', ...ec, '-keyout', f('server.key'), '-out', f('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(f('server.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n');
  run(['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.pem'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.pem'), '-days', '2', '-extfile', f('server.ext')]);
  const serverCert = readFileSync(f('server.pem'), 'utf8');
  const spki = new X509Certificate(serverCert).publicKey.export({ type: 'spki', format: 'der' });
  return {
    caCert: readFileSync(f('ca.pem'), 'utf8'),
    serverCert,
    serverKey: readFileSync(f('server.key'), 'utf8'),
    serverPin: createHash('sha256').update(spki).digest('base64'),
  };
}
