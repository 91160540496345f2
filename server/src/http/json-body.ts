import { gunzip } from 'node:zlib';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { outputChunk } from '../storage/compressed-json.js';
import { HttpError, badRequest } from './http-error.js';
import { InflateGate } from './inflate-gate.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.js';
import type { SharedDeviceBudget } from './shared-device-budget.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cap on a gzip body once inflated; defaults to the route's body limit. */
    inflatedLimit?: number;
  }
}

/** A gzip member ends with the inflated size (mod 2^32): a hint for the output buffer, not trusted for anything else. */
const inflatedSizeHint = (body: Buffer, limit: number): number => Math.min(limit, body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0);

/**
 * Inflates to at most `limit` bytes. `limit` is the size the body's gzip trailer declares (what the
 * gate reserved), capped by the route's limit: a body that inflates past its own declaration is
 * refused like a bomb, so a lie in the trailer cannot get more memory than was reserved.
 */
function inflate(body: Buffer, limit: number, routeLimit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(body, { maxOutputLength: Math.max(1, limit), chunkSize: outputChunk(limit) }, (err, out) => {
      if (err === null) return resolve(out);
      // A small body that inflates past the cap is a gzip bomb or simply too much: same answer.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        return reject(
          limit < routeLimit
            ? new HttpError(400, 'bad_request', 'the gzip body inflates past the size its trailer declares')
            : new HttpError(413, 'payload_too_large', `the decompressed body exceeds ${routeLimit} bytes`),
        );
      }
      reject(new HttpError(400, 'bad_request', 'the body is not valid gzip'));
    });
  });
}

/**
 * PostgreSQL text cannot hold U+0000, and no field we accept has a use for it: an escaped NUL (an odd
 * run of backslashes before `u0000`) becomes U+FFFD, so the rest of the document is kept.
 */
export function replaceNulEscapes(text: string): string {
  if (!text.includes('u0000')) return text;
  return text.replace(/(?<!\\)((?:\\\\)*)\\u0000/g, '$1\\ufffd');
}

/**
 * JSON bodies, optionally `Content-Encoding: gzip`. The route's body limit applies to the bytes on
 * the wire and `inflatedLimit` to the inflated text, so a tiny bomb is refused before it can grow.
 */
export function installJsonBodyParser(app: FastifyInstance, defaultLimit: number, gate: InflateGate = new InflateGate(), shared: SharedDeviceBudget | null = null): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  const held = new WeakMap<FastifyRequest, () => void>();
  const release = async (request: FastifyRequest): Promise<void> => {
    held.get(request)?.();
    held.delete(request);
  };
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);
  const refuseDevice = (): HttpError =>
    new HttpError(429, 'rate_limited', 'this device already has an upload being unpacked; retry later', undefined, { 'retry-after': '30' });
  /**
   * Large bodies (any gzip, or plain text over the default limit) reserve their size from the gate;
   * an enrolled device's large ones also from its budget shared by every instance.
   */
  const admit = async (request: FastifyRequest, bytes: number): Promise<void> => {
    const leave = gate.enter(request.device?.id ?? `ip:${request.ip}`, bytes);
    if (leave === 'device') throw refuseDevice();
    if (leave === 'process') {
      throw new HttpError(503, 'unavailable', 'the server is unpacking as many uploads as it can; retry later', undefined, { 'retry-after': '15' });
    }
    held.set(request, leave);
    const deviceId = request.device?.id;
    if (shared === null || deviceId === undefined || bytes < shared.sharedFromBytes) return;
    const leaveShared = await shared.reserve(deviceId, bytes);
    if (leaveShared === null) throw refuseDevice();
    held.set(request, () => {
      leave();
      leaveShared();
    });
  };
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, async (request: FastifyRequest, body: Buffer | string) => {
    const raw = typeof body === 'string' ? Buffer.from(body) : body;
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    let text: Buffer;
    switch (encoding) {
      case 'identity':
      case '':
        if (raw.length > defaultLimit) await admit(request, raw.length);
        text = raw;
        break;
      case 'gzip':
      case 'x-gzip': {
        const routeLimit = request.routeOptions.config.inflatedLimit ?? request.routeOptions.bodyLimit ?? defaultLimit;
        const declared = inflatedSizeHint(raw, routeLimit);
        await admit(request, declared);
        text = await inflate(raw, declared, routeLimit);
        break;
      }
      default:
        throw new HttpError(415, 'unsupported_media_type', `content encoding "${encoding.slice(0, 32)}" is not supported; use gzip or none`);
    }
    const value = await new Promise<unknown>((resolve, reject) => {
      parseJson(request, replaceNulEscapes(text.toString('utf8')), (err, parsed) => (err ? reject(err) : resolve(parsed)));
    });
    // Bounded before any schema sees it: validation recurses and would overflow the stack.
    if (nestedDeeperThan(value)) throw badRequest(`the body is nested deeper than ${MAX_JSON_DEPTH} levels`);
    return value;
  });
}
