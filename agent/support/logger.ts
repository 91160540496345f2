import type { Logger } from '../host.js';
import { scrubText, scrubValue } from './scrub.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * A logger that scrubs every message and field before writing one JSON line. Secrets (the credential,
 * the enrollment secret, bearer headers) must never reach a log even if a caller passes them by mistake.
 */
export function createLogger(write: (line: string) => void, minLevel: LogLevel = 'info'): Logger {
  const log = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => {
    if (RANK[level] < RANK[minLevel]) return;
    const entry = { time: new Date().toISOString(), level, msg: scrubText(message).text, ...(fields ? (scrubValue(fields).value as object) : {}) };
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    debug: (m, f) => log('debug', m, f),
    info: (m, f) => log('info', m, f),
    warn: (m, f) => log('warn', m, f),
    error: (m, f) => log('error', m, f),
  };
}

export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
