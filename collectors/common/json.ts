/**
 * Parses a tool's JSON output. Empty output is a clear error, not "no data", so the section says what
 * went wrong instead of pretending the machine has nothing.
 */
export function parseJsonOutput(text: string, source: string): unknown {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed === '') throw new Error(`${source} printed nothing`);
  try {
    return JSON.parse(trimmed) as unknown;
  } catch (error) {
    throw new Error(`${source} printed text that is not JSON: ${(error as Error).message}`, { cause: error });
  }
}
