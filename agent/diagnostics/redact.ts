import { scrubText, scrubValue } from '../support/scrub.js';

/**
 * The redaction pass over one diagnostic item before anything is stored: bearer headers, passwords in
 * connection strings and URLs, tokens, private keys and values under secret-looking keys are replaced.
 */
export function redactItem(summary: string | null, data: unknown): { summary: string | null; data: unknown; count: number } {
  const s = summary === null ? { text: null, count: 0 } : scrubText(summary);
  const d = scrubValue(data);
  return { summary: s.text, data: d.value, count: s.count + d.count };
}
