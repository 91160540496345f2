import type { z } from 'zod';

import { envelopeFromData, envelopeFromFailure, type Envelope } from '../section-outcome.js';

/**
 * One user-scope section: its data checked against its schema, or its failure turned into an honest
 * status, within its own time limit. Never throws, so one part's failure costs only its own section.
 */
export async function runPart(schema: z.ZodType, part: () => Promise<unknown>, timeoutMs: number): Promise<Envelope> {
  const started = performance.now();
  const elapsed = (): number => Math.round(performance.now() - started);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Envelope>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'timeout', durationMs: elapsed(), error: `did not finish within ${timeoutMs} ms`, data: null }), timeoutMs);
  });
  const work = part().then(
    (data) => envelopeFromData(schema, data, elapsed()),
    (error: unknown) => envelopeFromFailure(schema, error, elapsed()),
  );
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
