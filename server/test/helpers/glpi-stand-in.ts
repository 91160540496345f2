import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateSync } from 'node:zlib';

import type { GlpiValidator } from '../../../test/shared/glpi-schema.js';

/** What the stand-in accepted: one inventory per request GLPI would have stored. */
export interface ReceivedInventory {
  readonly agentId: string;
  readonly userAgent: string;
  readonly compressed: boolean;
  readonly document: { deviceid: string; tag?: string; content: Record<string, unknown> & { hardware?: { name?: string } } };
}

export interface GlpiStandInOptions {
  readonly path: string;
  readonly validate: GlpiValidator;
  /** `user:password` GLPI's inventory configuration requires; none: no authentication. */
  readonly basicAuth?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A loopback stand-in for GLPI's native inventory endpoint that checks each request the way GLPI
 * does: POST on the inventory path, an agent id header (GLPI answers the JSON protocol only then),
 * JSON or zlib-compressed JSON, the configured basic authentication, and a body valid against the
 * published inventory schema. It answers as GLPI does: `{"status":"ok"}`, or an error status with
 * `{"status":"error","message":…}`. `down` makes it answer 503 like a GLPI in maintenance.
 */
export class GlpiStandIn {
  readonly received: ReceivedInventory[] = [];
  readonly refused: string[] = [];
  down = false;
  private server: Server | null = null;

  constructor(private readonly options: GlpiStandInOptions) {}

  get url(): string {
    const { port } = this.server?.address() as AddressInfo;
    return `http://127.0.0.1:${port}${this.options.path}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(
        ({ status, message }) => {
          res.writeHead(status, { 'content-type': 'application/json' });
          res.end(JSON.stringify(status === 200 ? { status: 'ok', expiration: 24 } : { status: 'error', message }));
        },
        (err: unknown) => {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', message: String(err) }));
        },
      );
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private refuse(status: number, message: string): { status: number; message: string } {
    this.refused.push(`${status} ${message}`);
    return { status, message };
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; message: string }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (this.down) return this.refuse(503, 'GLPI is in maintenance');
    if (req.method !== 'POST') return this.refuse(405, `method ${req.method ?? ''}`);
    if (req.url !== this.options.path) return this.refuse(404, `no inventory endpoint at ${req.url ?? ''}`);
    if (this.options.basicAuth !== undefined && req.headers.authorization !== `Basic ${Buffer.from(this.options.basicAuth).toString('base64')}`) {
      return this.refuse(401, 'Authorization header required');
    }
    const agentId = String(req.headers['glpi-agent-id'] ?? '');
    if (!UUID.test(agentId)) return this.refuse(400, 'GLPI-Agent-ID must be a UUID');
    const type = req.headers['content-type'];
    if (type !== 'application/json' && type !== 'application/x-compress-zlib') return this.refuse(400, `unsupported content type ${type ?? ''}`);
    const raw = Buffer.concat(chunks);
    let document: ReceivedInventory['document'];
    try {
      document = JSON.parse((type === 'application/x-compress-zlib' ? inflateSync(raw) : raw).toString('utf8')) as ReceivedInventory['document'];
    } catch {
      return this.refuse(400, 'JSON not well formed!');
    }
    const errors = this.options.validate(document);
    if (errors.length > 0) return this.refuse(400, `invalid inventory: ${JSON.stringify(errors.slice(0, 3))}`);
    this.received.push({ agentId, userAgent: String(req.headers['user-agent'] ?? ''), compressed: type !== 'application/json', document });
    return { status: 200, message: 'ok' };
  }
}
