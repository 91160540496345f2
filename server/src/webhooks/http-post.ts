import { LIMITS } from '@deskside/shared';

import { SERVER_VERSION } from '../version.js';

/** What a receiver answered, bounded: a log line, not a copy of whatever it sent back. */
export interface PostResult {
  readonly status: number | null;
  readonly excerpt: string | null;
  readonly error: string | null;
  readonly durationMs: number;
}

/** How much of a receiver's answer the delivery log keeps. */
export const EXCERPT_BYTES = 1_024;

export type Post = (url: string, headers: Readonly<Record<string, string>>, body: string, timeoutMs: number, signal?: AbortSignal) => Promise<PostResult>;

async function excerptOf(response: Response): Promise<string> {
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < EXCERPT_BYTES) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // The rest is never read: a receiver answering with megabytes costs nothing.
    await reader.cancel().catch(() => undefined);
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString('utf8').replace(/\uFFFD+$/, '').slice(0, LIMITS.mediumText);
}

/**
 * One POST with a deadline. Redirects are not followed (a receiver that moved is told in the log, and
 * a redirect cannot steer the server to an address the administrator did not enter).
 */
export const httpPost: Post = async (url, headers, body, timeoutMs, signal) => {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': `Deskside-Webhooks/${SERVER_VERSION}`, ...headers },
      body,
      redirect: 'manual',
      // The deadline, or the server shutting down.
      signal: signal === undefined ? AbortSignal.timeout(timeoutMs) : AbortSignal.any([AbortSignal.timeout(timeoutMs), signal]),
    });
    const excerpt = await excerptOf(response);
    const redirect = response.status >= 300 && response.status < 400;
    return { status: response.status, excerpt, error: redirect ? `redirects are not followed (Location: ${response.headers.get('location') ?? 'none'})` : null, durationMs: elapsed() };
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
    const message = err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError') ? `no answer within ${timeoutMs / 1000} s` : `${err instanceof Error ? err.message : String(err)}${cause}`;
    return { status: null, excerpt: null, error: message.slice(0, LIMITS.mediumText), durationMs: elapsed() };
  }
};
