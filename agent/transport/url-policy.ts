import { isIP } from 'node:net';

import { TransportError } from './transport-error.js';

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  if (isIP(host) === 6) return host === '::1' || host === '0:0:0:0:0:0:0:1';
  return false;
}

/**
 * The server URL rule: HTTPS always; plain HTTP only to this machine's loopback, or when the
 * configuration says so explicitly (a lab without certificates). Credentials in the URL are refused:
 * they would end up in logs.
 */
export function checkServerUrl(raw: string, allowInsecureHttp: boolean): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new TransportError('refused-url', `"${raw}" is not a valid server URL`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new TransportError('refused-url', 'the server URL must not contain a user name or password');
  }
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && (isLoopbackHost(url.hostname) || allowInsecureHttp)) return url;
  if (url.protocol === 'http:') {
    throw new TransportError(
      'refused-url',
      `refusing plain HTTP to ${url.host}: use https://, or set allowInsecureHttp in the configuration for a test server`,
    );
  }
  throw new TransportError('refused-url', `unsupported server URL scheme ${url.protocol}`);
}

/** Base URL + device API path, keeping any path prefix the server is mounted under. */
export function apiUrl(base: URL, path: string): string {
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${path}`;
}
