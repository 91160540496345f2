import { gunzip } from 'node:zlib';

import type { FastifyInstance, FastifyRequest } from 'fastify';

import { outputChunk } from '../storage/compressed-json.js';
import { HttpError, badRequest } from './http-error.js';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Cap on a gzip body once inflated; defaults to the route's body limit. */
    inflatedLimit?: number;
  }
}

/** A gzip member ends with the inflated size (mod 2^32): a hint for the output buffer, not trusted for anything else. */
const inflatedSizeHint = (body: Buffer, limit: number): number => Math.min(limit, body.length >= 18 ? body.readUInt32LE(body.length - 4) : 0);

function inflate(body: Buffer, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    gunzip(body, { maxOutputLength: limit, chunkSize: outputChunk(inflatedSizeHint(body, limit)) }, (err, out) => {
      if (err === null) return resolve(out);
      // A small body that inflates past the cap is a gzip bomb or simply too much: same answer.
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) {
        return reject(new HttpError(413, 'payload_too_large', `the decompressed body exceeds ${limit} bytes`));
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
export function installJsonBodyParser(app: FastifyInstance, defaultLimit: number): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, async (request: FastifyRequest, body: Buffer | string) => {
    const raw = typeof body === 'string' ? Buffer.from(body) : body;
    const encoding = String(request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
    let text: Buffer;
    switch (encoding) {
      case 'identity':
      case '':
        text = raw;
        break;
      case 'gzip':
      case 'x-gzip':
        text = await inflate(raw, request.routeOptions.config.inflatedLimit ?? request.routeOptions.bodyLimit ?? defaultLimit);
        break;
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
