import type { IncomingMessage } from 'node:http';
import { createServer, request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { connect } from 'node:net';

/** A loopback forward proxy: CONNECT tunnels and absolute-form HTTP requests; optional Basic auth. */
export class LoopbackProxy {
  readonly seen: { method: string; target: string; auth: string | null }[] = [];
  url = '';
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => {
    if (!this.allowed(req)) {
      res.writeHead(407, { 'proxy-authenticate': 'Basic realm="proxy"' });
      res.end();
      return;
    }
    this.seen.push({ method: req.method ?? '', target: req.url ?? '', auth: req.headers['proxy-authorization'] ?? null });
    const target = new URL(req.url ?? '');
    const upstream = request({ host: target.hostname, port: target.port, path: `${target.pathname}${target.search}`, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });

  constructor(private readonly requiredAuth: string | null = null) {
    this.server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
      if (!this.allowed(req)) {
        client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="proxy"\r\n\r\n');
        return;
      }
      this.seen.push({ method: 'CONNECT', target: req.url ?? '', auth: req.headers['proxy-authorization'] ?? null });
      const [host, port] = (req.url ?? '').split(':');
      const upstream = connect(Number(port), host, () => {
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(client);
        client.pipe(upstream);
      });
      this.sockets.add(upstream);
      this.sockets.add(client);
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
    });
  }

  private allowed(req: IncomingMessage): boolean {
    return this.requiredAuth === null || req.headers['proxy-authorization'] === `Basic ${Buffer.from(this.requiredAuth).toString('base64')}`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
