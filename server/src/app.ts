import { AGENT_API_BASE, CONSOLE_API_BASE, LIMITS, apiError } from '@deskside/shared';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

import type { BlobStore } from './attachments/blob-store.js';
import { DEFAULT_LIMITS, DEFAULT_RATE_LIMITS, type Limits, type RateLimits } from './config.js';
import { installErrorHandlers } from './http/error-handler.js';
import { DEFAULT_INFLATE_GATE, InflateGate, type InflateGateOptions } from './http/inflate-gate.js';
import { installJsonBodyParser } from './http/json-body.js';
import { sharedDeviceBudget } from './http/shared-device-budget.js';
import { sharedRateLimitStore } from './http/shared-rate-limit-store.js';
import { fastifyTrustProxy, type TrustProxy } from './http/trust-proxy.js';
import { serveConsole } from './ops/console-static.js';
import { opsRoutes } from './ops/health.js';
import { Metrics } from './ops/metrics.js';
import { agentApi } from './routes/agent/index.js';
import { consoleApi } from './routes/console/index.js';
import type { RouteDeps } from './routes/deps.js';
import { mailLinkRoutes } from './routes/mail-links.js';
import type { Store } from './storage/store.js';
import { SERVER_VERSION } from './version.js';

export interface AppOptions {
  readonly store: Store;
  readonly blobs: BlobStore;
  readonly logger?: FastifyServerOptions['logger'];
  /** See http/trust-proxy.ts; `true` (trust any sender's header) is for tests only. */
  readonly trustProxy?: TrustProxy | true;
  readonly consoleDir?: string | null;
  readonly limits?: Limits;
  readonly rateLimits?: RateLimits;
  /** The console's public URL when it differs from how requests reach the server (DESKSIDE_PUBLIC_URL). */
  readonly publicUrl?: string | null;
  /** How many large bodies are unpacked at once, per process and per device (or a gate to share). */
  readonly inflate?: InflateGateOptions | InflateGate;
}

/** Log options: structured JSON, and never a credential, cookie or session in a line. */
export function loggerOptions(level: string): FastifyServerOptions['logger'] {
  return {
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'credential', 'enrollSecret', 'password', '*.password'],
      censor: '[redacted]',
    },
  };
}

/**
 * Builds the whole server as one Fastify instance without listening, so tests drive it through
 * `inject()` and server.ts only adds a socket and signal handling.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  const app = Fastify({
    logger: options.logger ?? false,
    trustProxy: fastifyTrustProxy(options.trustProxy ?? false),
    bodyLimit: limits.bodyBytes,
    // Long enough for any id we issue, short enough that a junk path costs nothing.
    routerOptions: { maxParamLength: 200 },
    requestTimeout: 120_000,
    // Errors raised before routing (malformed URL, over-long path parameter) in the shared shape too.
    frameworkErrors: (error, _request, reply) => {
      const status = typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
      void (reply as unknown as FastifyReply).status(status).send(apiError('bad_request', status === 414 ? 'a path segment is too long' : 'the request URL is malformed'));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('device', null);
  app.decorateRequest('technician', null);
  installErrorHandlers(app, options.consoleDir ?? null);
  const gate = options.inflate instanceof InflateGate ? options.inflate : new InflateGate(options.inflate ?? DEFAULT_INFLATE_GATE);
  // Bodies over the ordinary JSON limit count against their device's budget in the database too.
  installJsonBodyParser(app, limits.bodyBytes, gate, sharedDeviceBudget(options.store.uploadReservations, options.store.clock, gate.options.deviceBytes, limits.bodyBytes));

  const metrics = new Metrics(options.store);
  app.addHook('onResponse', async (request, reply) => {
    // The request's transactions have committed: webhook senders of this instance may look now.
    options.store.webhooks.announce();
    metrics.httpDuration.observe(
      { route: request.routeOptions.url ?? 'unmatched', method: request.method, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Charts set inline style attributes; scripts stay strictly same-origin.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'no-referrer' },
  });
  await app.register(cookie);
  await app.register(multipart, {
    throwFileSizeLimit: true,
    limits: { fields: 1, files: LIMITS.attachments, parts: LIMITS.attachments + 1, fileSize: LIMITS.attachmentBytes, fieldSize: limits.ticketJsonBytes, headerPairs: 100 },
  });
  await app.register(rateLimit, {
    global: false,
    store: sharedRateLimitStore(options.store.loginThrottle, options.store.clock),
    errorResponseBuilder: (_request, context) => ({ statusCode: 429, ...apiError('rate_limited', `too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`) }),
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Deskside server', version: SERVER_VERSION, description: 'Device API (bearer credential) and technician console API (session cookie, or an API token as bearer).' },
      components: {
        securitySchemes: {
          device: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: 'deskside_session' },
          apiToken: { type: 'http', scheme: 'bearer', description: 'An API token (dsk_…) issued under Admin → API tokens; read tokens are refused on writes.' },
        },
      },
    },
    transform: (input) => {
      const out = jsonSchemaTransform(input);
      // Group the document by audience and say which credential each route takes.
      const device = out.url.startsWith(AGENT_API_BASE);
      const technician = out.url.startsWith(CONSOLE_API_BASE);
      const open = out.url.endsWith('/enroll') || out.url.endsWith('/login') || out.url.includes('/sso/') || out.url.endsWith('/sign-in/options');
      const security: Record<string, string[]>[] | undefined = open ? [] : device ? [{ device: [] }] : technician ? [{ session: [] }, { apiToken: [] }] : undefined;
      return {
        ...out,
        schema: { ...out.schema, tags: [device ? 'device' : technician ? 'console' : 'operations'], ...(security === undefined ? {} : { security }) },
      };
    },
  });

  const deps: RouteDeps = {
    store: options.store,
    blobs: options.blobs,
    metrics,
    limits,
    rateLimits,
    ...(options.publicUrl ? { publicOrigins: [new URL(options.publicUrl).origin] } : {}),
  };
  await app.register(opsRoutes, deps);
  await app.register(agentApi, { ...deps, prefix: AGENT_API_BASE });
  await app.register(consoleApi, { ...deps, prefix: CONSOLE_API_BASE });
  await app.register(mailLinkRoutes, deps);
  if (options.consoleDir) await serveConsole(app, options.consoleDir);
  return app;
}
