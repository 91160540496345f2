import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';

/**
 * A stand-in for a load balancer on loopback: each new connection goes to the next backend in turn; a
 * backend that refuses the connection (a dead instance) is skipped for the next one, as a load
 * balancer's connect retry does. Connections already open when a backend dies are cut, as they would be.
 */
export async function startRoundRobinProxy(backends: readonly string[]): Promise<{ url: string; close(): Promise<void> }> {
  const targets = backends.map((b) => new URL(b));
  let next = 0;
  const open = new Set<Socket>();
  const connect = (client: Socket, attemptsLeft: number) => {
    const target = targets[next++ % targets.length]!;
    const upstream = createConnection({ host: target.hostname, port: Number(target.port) });
    open.add(upstream);
    let connected = false;
    upstream.once('connect', () => {
      connected = true;
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
    upstream.on('error', () => {
      if (!connected && attemptsLeft > 1 && !client.destroyed) return connect(client, attemptsLeft - 1);
      client.destroy();
    });
    upstream.on('close', () => {
      open.delete(upstream);
      if (connected) client.destroy();
    });
    client.on('close', () => upstream.destroy());
  };
  const server = createServer((client) => {
    open.add(client);
    client.pause();
    client.on('error', () => client.destroy());
    client.on('close', () => open.delete(client));
    connect(client, targets.length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
