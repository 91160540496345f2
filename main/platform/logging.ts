import log from 'electron-log/main';

import type { Logger } from '../core/ports.js';

const SECRET_KEYS = /credential|secret|password|token|authorization|cookie/i;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi;

/** Replaces values that look like secrets, so a log attached to a ticket never carries one. */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.replace(BEARER, '$1 [redacted]');
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : scrub(v, depth + 1)]));
}

/** electron-log to a rotating file in the app's log folder (1 MB, one old file), scrubbed. */
export function setupLogging(): Logger {
  log.initialize({ preload: false });
  log.transports.file.level = 'info';
  log.transports.file.maxSize = 1024 * 1024;
  log.transports.console.level = process.env.NODE_ENV === 'development' ? 'debug' : 'warn';
  log.hooks.push((message) => ({ ...message, data: message.data.map((d) => scrub(d)) }));
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (fields === undefined) log[level](message);
      else log[level](message, fields);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
