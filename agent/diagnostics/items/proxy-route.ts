import { request } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Which proxy the agent's own traffic to `serverUrl` goes through, decided the way its transport
 * decides (undici's ProxyAgent / EnvHttpProxyAgent): the configured proxy always; otherwise HTTPS_PROXY
 * (or HTTP_PROXY) unless NO_PROXY names the host. Null: the agent connects directly.
 */
export function proxyFor(serverUrl: URL, settingsProxy: string, env: NodeJS.ProcessEnv = process.env): string | null {
  if (settingsProxy !== '') return settingsProxy;
  const https = serverUrl.protocol === 'https:';
  const fromEnv = (https ? env.HTTPS_PROXY || env.https_proxy : undefined) || env.HTTP_PROXY || env.http_proxy || '';
  if (fromEnv === '') return null;
  return bypassed(serverUrl, env.NO_PROXY ?? env.no_proxy ?? '') ? null : fromEnv;
}

/** NO_PROXY as curl and undici read it: "*", exact hosts, domain suffixes (".corp" or "corp"), optional ":port". */
function bypassed(url: URL, noProxy: string): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return noProxy
    .split(/[,\s]+/)
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '')
    .some((entry) => {
      if (entry === '*') return true;
      const [name = '', entryPort] = entry.startsWith('[') ? [entry.slice(1, entry.indexOf(']')), entry.split(']:')[1]] : entry.split(':');
      if (entryPort !== undefined && entryPort !== port) return false;
      const bare = name.replace(/^\*?\./, '');
      return host === bare || host.endsWith(`.${bare}`);
    });
}

/**
 * An HTTP CONNECT tunnel through `proxyUrl` to host:port, as the transport opens one: resolves with the
 * raw socket once the proxy answers 2xx, rejects with what the proxy or the network said otherwise.
 */
export function openTunnel(proxyUrl: string, host: string, port: number, signal: AbortSignal, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const proxy = new URL(proxyUrl);
    const headers: Record<string, string> = { host: `${host}:${port}` };
    if (proxy.username !== '') headers['proxy-authorization'] = `Basic ${Buffer.from(`${decodeURIComponent(proxy.username)}:${decodeURIComponent(proxy.password)}`).toString('base64')}`;
    const req = request({
      host: proxy.hostname.replace(/^\[|\]$/g, ''),
      port: Number(proxy.port) || 80,
      method: 'CONNECT',
      path: `${host.includes(':') ? `[${host}]` : host}:${port}`,
      headers,
      timeout: timeoutMs,
      signal,
    });
    req.once('connect', (res, socket) => {
      if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) resolve(socket);
      else {
        socket.destroy();
        reject(new Error(`proxy answered ${res.statusCode ?? '?'}`));
      }
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (e: NodeJS.ErrnoException) => reject(new Error(e.code ?? e.message)));
    req.end();
  });
}
