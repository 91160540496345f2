import { X509Certificate } from 'node:crypto';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu;

/** One certificate's PEM text, lines of 64 characters as OpenSSL writes them. */
export function pemFromDer(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/gu) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * Keeps the certificates that parse, each once (by SHA-256 fingerprint). A broken entry in a store
 * costs only itself: one odd certificate must not make the whole store untrusted.
 */
function distinctValid(candidates: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const pem of candidates) {
    let fingerprint: string;
    try {
      fingerprint = new X509Certificate(pem).fingerprint256;
    } catch {
      continue;
    }
    if (seen.has(fingerprint)) continue;
    seen.add(fingerprint);
    out.push(pem.endsWith('\n') ? pem : `${pem}\n`);
  }
  return out;
}

/**
 * A PEM bundle (the Linux system bundle, `security find-certificate -a -p`'s output): every
 * "BEGIN CERTIFICATE" block, ignoring the comments and "TRUSTED CERTIFICATE" blocks around them.
 */
export function parsePemBundle(text: string): string[] {
  return distinctValid(text.match(PEM_BLOCK) ?? []);
}

/** The Windows store export: one certificate a line, Base64 of its DER bytes (RawData). */
export function parseBase64DerLines(text: string): string[] {
  const lines = text
    .split(/\r?\n/u)
    .map((l) => l.trim())
    .filter((l) => /^[A-Za-z0-9+/]+=*$/u.test(l) && l.length > 100);
  return distinctValid(lines.map((l) => pemFromDer(Buffer.from(l, 'base64'))));
}

/** Merge certificate lists, each certificate once, the first list's order first. */
export function mergeCertificates(...lists: readonly (readonly string[])[]): string[] {
  return distinctValid(lists.flat());
}
