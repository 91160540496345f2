import { request } from 'node:http';
import type { Socket } from 'node:net';

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
