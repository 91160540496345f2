import { apiError, type ErrorCode } from '@deskside/shared';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';

import { HttpError } from './http-error.js';

const CODE_BY_STATUS: Readonly<Record<number, ErrorCode>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'bad_request',
  406: 'unsupported_media_type',
  409: 'conflict',
  411: 'bad_request',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  423: 'locked',
  429: 'rate_limited',
};

/**
 * Framework and plugin errors whose own message is written for clients (body too large, bad JSON,
 * wrong media type, multipart limits). Anything else gets a generic message for its status.
 */
const SAFE_MESSAGE_PREFIXES = ['FST_ERR_CTP_', 'FST_REQ_FILE_TOO_LARGE', 'FST_FILES_LIMIT', 'FST_FIELDS_LIMIT', 'FST_PARTS_LIMIT', 'FST_INVALID_MULTIPART', 'FST_PROTO_VIOLATION', 'FST_ERR_VALIDATION'];

const GENERIC: Readonly<Record<number, string>> = {
  400: 'the request is malformed',
  404: 'not found',
  413: 'the request body is too large',
  415: 'unsupported content type or encoding',
  429: 'too many requests; slow down and retry later',
};

/** Every error leaves in the shared shape; 5xx never carries internals (they go to the log). */
export function installErrorHandlers(app: FastifyInstance, consoleDir: string | null): void {
  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'request';
      return reply.status(400).send(
        apiError(
          'validation_failed',
          `invalid ${where}`,
          err.validation.slice(0, 50).map((v) => ({ path: `${where}${v.instancePath.replaceAll('/', '.')}`, message: v.message ?? 'invalid' })),
        ),
      );
    }
    if (err instanceof HttpError) {
      if (err.headers) void reply.headers(err.headers);
      return reply.status(err.statusCode).send(apiError(err.code, err.message, err.details));
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err, url: request.url }, 'response did not match its schema');
      return reply.status(500).send(apiError('internal', 'internal server error'));
    }
    // PostgreSQL refusing a character (NUL in a query string, say) is the client's input, not our fault.
    if (err.code === '22021' || err.code === '22P05') {
      return reply.status(400).send(apiError('bad_request', 'the request contains characters that cannot be stored (such as NUL)'));
    }
    if (err.code === 'FST_INVALID_JSON_FIELD_ERROR') {
      return reply.status(400).send(apiError('bad_request', 'a multipart field declared as JSON is not valid JSON'));
    }
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      const code = CODE_BY_STATUS[status] ?? 'bad_request';
      const safe = typeof err.code === 'string' && SAFE_MESSAGE_PREFIXES.some((p) => err.code.startsWith(p));
      const message = status === 429 ? GENERIC[429]! : safe ? err.message : (GENERIC[status] ?? 'the request cannot be processed');
      // 406 from multipart means "not multipart": that is a media-type problem for our clients.
      return reply.status(status === 406 ? 415 : status).send(apiError(code, message));
    }
    request.log.error({ err }, 'request failed');
    return reply.status(status === 503 ? 503 : 500).send(apiError(status === 503 ? 'unavailable' : 'internal', 'internal server error'));
  });

  app.setNotFoundHandler((request, reply) => {
    // The console is a single-page app: its deep links are served its index.html.
    const path = request.url.split('?')[0] ?? '';
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && String(request.headers.accept ?? '').includes('text/html');
    if (consoleDir !== null && wantsPage) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply
      .status(404).send(apiError('not_found', `no route for ${request.method} ${request.url.split('?')[0]?.slice(0, 200) ?? ''}`));
  });
}
