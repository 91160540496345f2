import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Webhook secrets: 32 random bytes, prefixed so a leaked one is recognisable (and secret scanners match it). */
export const WEBHOOK_SECRET_PREFIX = 'dswh_';
export const newWebhookSecret = (): string => WEBHOOK_SECRET_PREFIX + randomBytes(32).toString('base64url');

/**
 * `sha256=<hex>` of HMAC-SHA256 over `<timestamp>.<body>` with the subscription's secret. Signing the
 * timestamp with the body lets a receiver refuse replays older than its tolerance (docs: five minutes).
 */
export function signatureFor(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** The receiver's check, in constant time; used by the tests and shown in the docs. */
export function signatureMatches(secret: string, timestamp: number, body: string, header: string): boolean {
  const expected = Buffer.from(signatureFor(secret, timestamp, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
